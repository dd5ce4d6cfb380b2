import type { Decimal } from "decimal.js";
import { decimalContext } from "./decimalContext.js";
import { divisionByZero, largestMagnitudePivot, type RealField } from "./field.js";

/**
 * Binary floating point on BigInt mantissas (docs/numbers.md §6): the value of an element is m * 2^e,
 * m a BigInt with |m| < 2^bits of the field that made it, e an integer (zero is m = 0, e = 0). Every
 * operation rounds its exact result to `bits` bits, to nearest with ties to even; sqrt, atan, atan2 and
 * pi are correctly rounded too (error bound on a fixed-point value and Ziv's rounding test). Elements
 * are immutable; the same value may have several representations (trailing zero bits are not removed),
 * so equality compares values.
 */
export class BigFloat {
  constructor(
    readonly m: bigint,
    readonly e: number,
  ) {}
}

const ZERO = new BigFloat(0n, 0);
const LOG2_10 = Math.log2(10);
const TWO_POW_1023 = 2 ** 1023;


/** BigInt(k) for the shifts of the roundings (k < SHIFTS), formed once. */
const SHIFTS = 4096;
const BIG_SHIFT: bigint[] = Array.from({ length: SHIFTS }, (_, k) => BigInt(k));
const bigShift = (k: number): bigint => (k < SHIFTS ? BIG_SHIFT[k]! : BigInt(k));

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high word of f64 in u32 (little- or big-endian platform). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The number of bits of x > 0 (x < 2^k exactly when bitLength(x) <= k). */
export function bitLength(x: bigint): number {
  const n = Number(x);
  if (n < TWO_POW_1023) {
    if (n < 4294967296) return 32 - Math.clz32(n);
    // n = 2^k (1 + f) exactly as stored: k from the exponent field.
    f64[0] = n;
    const hi = u32[HI]!;
    const k = ((hi >>> 20) & 0x7ff) - 1023;
    // Number(x) rounds to 53 bits: x just below 2^k can give n = 2^k.
    if ((hi & 0xfffff) === 0 && u32[1 - HI] === 0 && k >= 53 && x < 1n << BigInt(k)) return k;
    return k + 1;
  }
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/** floor(sqrt(n)) for n >= 0 (Newton's iteration from an overestimate, which decreases to the root). */
export function bigintSqrtFloor(n: bigint): bigint {
  if (n < 0n) throw new RangeError("square root of a negative integer");
  if (n < 4503599627370496n) {
    let r = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (r * r > n) r--;
    while ((r + 1n) * (r + 1n) <= n) r++;
    return r;
  }
  let shift = bitLength(n) - 104;
  if (shift % 2 !== 0) shift++;
  const top = Number(n >> BigInt(shift));
  // sqrt(n) <= sqrt(top + 1) 2^(shift/2) < (ceil(sqrt(top) (1 + 2^-40)) + 1) 2^(shift/2).
  let x = (BigInt(Math.ceil(Math.sqrt(top) * (1 + 2 ** -40))) + 1n) << BigInt(shift / 2);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** A fixed-point approximation A 2^-w of a real number with |error| <= E 2^-w. */
interface FixedApproximation {
  readonly a: bigint;
  readonly err: bigint;
  readonly w: number;
}

/**
 * atan(y / x) for integers 0 <= y <= x, x > 0, as a fixed-point number with w fractional bits and its
 * error bound (docs/numbers.md §6): t = y/x, then r halvings of the angle t <- t / (1 + sqrt(1 + t^2))
 * until t <= 2^-5, then the Taylor series, times 2^r.
 */
function atanFixed(y: bigint, x: bigint, w: number): FixedApproximation {
  const W = BigInt(w);
  const one = 1n << W;
  let t = (y << W) / x; // error <= 1
  let r = 0;
  const small = one >> 5n;
  // Each halving keeps the error below 0.75 err + 1.25 <= 5 (derivatives of t / (1 + sqrt(1 + t^2))).
  while (t > small) {
    const s = bigintSqrtFloor((one << W) + t * t);
    t = (t << W) / (one + s);
    r++;
  }
  // atan(t) = t - t^3/3 + t^5/5 - ...; with t <= 2^-5 every term's error stays below 2 + err(t) / 1000.
  const t2 = (t * t) >> W;
  let power = t;
  let sum = t;
  let k = 1n;
  let terms = 0;
  while (power !== 0n) {
    power = (power * t2) >> W;
    const term = power / (2n * k + 1n);
    sum = k % 2n === 1n ? sum - term : sum + term;
    k++;
    terms++;
  }
  // err(t) <= 5, each of `terms` terms <= 3, the tail after power = 0 below 2.
  const err = (5n + 3n * BigInt(terms) + 2n) << BigInt(r);
  return { a: sum << BigInt(r), err, w };
}

/**
 * pi as a fixed-point number with w fractional bits (Machin: pi = 16 atan(1/5) - 4 atan(1/239)), each
 * arctangent summed from its series with truncating divisions; its error bound.
 */
function piFixed(w: number): FixedApproximation {
  const W = BigInt(w);
  const atanInverse = (n: bigint): { a: bigint; terms: number } => {
    const n2 = n * n;
    let power = (1n << W) / n; // error <= 1; each later power <= 1 + previous / n^2
    let sum = power;
    let k = 1n;
    let terms = 1;
    while (power !== 0n) {
      power /= n2;
      const term = power / (2n * k + 1n);
      sum = k % 2n === 1n ? sum - term : sum + term;
      k++;
      terms++;
    }
    return { a: sum, terms };
  };
  const a5 = atanInverse(5n);
  const a239 = atanInverse(239n);
  // Each term errs by at most 2 (its power by < 1.05, the division by 1), the tail by at most 1.
  const err = 16n * (2n * BigInt(a5.terms) + 1n) + 4n * (2n * BigInt(a239.terms) + 1n);
  return { a: 16n * a5.a - 4n * a239.a, err, w };
}

/**
 * Real numbers as binary floating point with BigInt mantissas, at a precision of `bits` bits derived
 * from `digits` significant decimal digits plus guard bits (docs/numbers.md §6). Precision is a property
 * of the field object: every element it returns is rounded to its `bits`, and pi is cached on the object.
 */
export class BigFloatField implements RealField<BigFloat> {
  readonly float64 = false;
  readonly exact = false;
  readonly name: string;
  /** Mantissa bits: ceil(digits log2 10) + guardBits. */
  readonly bits: number;
  private readonly limit: bigint;
  private readonly oneValue: BigFloat;
  private piValue: BigFloat | undefined;
  private piCache: FixedApproximation | undefined;

  /** A field of `digits` significant digits, carried with `guardBits` extra bits (default 8). */
  constructor(
    readonly digits: number,
    readonly guardBits = 8,
  ) {
    if (!Number.isInteger(digits) || digits < 1 || digits > 100000) throw new RangeError(`digits must be an integer from 1 to 100000, got ${digits}`);
    if (!Number.isInteger(guardBits) || guardBits < 0) throw new RangeError(`guard bits must be a non-negative integer, got ${guardBits}`);
    this.bits = Math.ceil(digits * LOG2_10) + guardBits;
    this.limit = 1n << BigInt(this.bits);
    this.name = `BigFloat(${digits})`;
    this.oneValue = new BigFloat(1n, 0);
  }

  // ---- rounding --------------------------------------------------------------------------------

  /**
   * The float nearest to (-1)^neg (mag + s) 2^e, 0 <= s < 1 with s > 0 exactly when `sticky`, at this
   * field's bits (ties to even). With `sticky`, mag must have at least bits + 2 bits.
   */
  private round(mag: bigint, e: number, neg: boolean, sticky = false): BigFloat {
    if (mag === 0n) return ZERO;
    if (mag < this.limit && !sticky) return new BigFloat(neg ? -mag : mag, e);
    const shift = bitLength(mag) - this.bits;
    if (shift <= 0) {
      if (sticky) throw new Error("BigFloatField: a sticky rounding needs bits + 2 bits");
      return new BigFloat(neg ? -mag : mag, e);
    }
    // q1 = q and the first dropped bit; at or above half when it is 1, above half unless the rest is 0.
    const S1 = bigShift(shift - 1);
    const q1 = mag >> S1;
    let q = q1 >> 1n;
    if ((q1 & 1n) === 1n && (sticky || (q & 1n) === 1n || q1 << S1 !== mag)) q += 1n;
    let exponent = e + shift;
    if (q === this.limit) {
      q = 1n << BigInt(this.bits - 1);
      exponent++;
    }
    return new BigFloat(neg ? -q : q, exponent);
  }

  /** An element of any precision rounded to this field's bits. */
  from(a: BigFloat): BigFloat {
    return a.m < 0n ? this.round(-a.m, a.e, true) : this.round(a.m, a.e, false);
  }

  /** The rounded quotient num / den of integers (den != 0) times 2^e. */
  private quotient(num: bigint, den: bigint, e = 0): BigFloat {
    if (num === 0n) return ZERO;
    const neg = num < 0n !== den < 0n;
    const n = num < 0n ? -num : num;
    const d = den < 0n ? -den : den;
    let k = this.bits + 2 + bitLength(d) - bitLength(n);
    if (k < 0) k = 0;
    const N = n << BigInt(k);
    const q = N / d;
    return this.round(q, e - k, neg, q * d !== N);
  }

  // ---- construction ----------------------------------------------------------------------------

  zero(): BigFloat {
    return ZERO;
  }
  one(): BigFloat {
    return this.oneValue;
  }
  fromInt(n: number | bigint): BigFloat {
    if (typeof n === "number" && !Number.isInteger(n)) throw new RangeError(`not an integer: ${n}`);
    const b = BigInt(n);
    return b < 0n ? this.round(-b, 0, true) : this.round(b, 0, false);
  }
  fromRational(num: number | bigint, den: number | bigint = 1n): BigFloat {
    const d = BigInt(den);
    if (d === 0n) divisionByZero(this.name, "the denominator");
    return this.quotient(BigInt(num), d);
  }
  /** The decimal string (e.g. "-1.5e-3", "12", ".5") correctly rounded to this field's bits. */
  fromDecimalString(s: string): BigFloat {
    const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(s);
    if (match === null || (match[2] === "" && (match[3] ?? "") === "")) throw new RangeError(`not a finite number: ${s}`);
    const [, sign, whole, fraction = "", exponent = "0"] = match;
    let digits = BigInt(`${whole}${fraction}` || "0");
    if (sign === "-") digits = -digits;
    const e10 = Number(exponent) - fraction.length;
    if (!Number.isSafeInteger(e10)) throw new RangeError(`exponent out of range: ${s}`);
    return e10 >= 0 ? this.quotient(digits * 10n ** BigInt(e10), 1n) : this.quotient(digits, 10n ** BigInt(-e10));
  }
  /** A decimal.js number (exactly representable in binary only if it is a dyadic rational): rounded. */
  fromDecimal(x: Decimal): BigFloat {
    return this.fromDecimalString(x.toString());
  }
  /** A JS number, exactly (then rounded to this field's bits). */
  fromNumber(x: number): BigFloat {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (x === 0) return ZERO;
    let e = 0;
    let v = Math.abs(x);
    while (!Number.isInteger(v)) {
      v *= 2 ** 32;
      e -= 32;
    }
    return this.round(BigInt(v), e, x < 0);
  }

  // ---- arithmetic ------------------------------------------------------------------------------

  add(a: BigFloat, b: BigFloat): BigFloat {
    if (a.m === 0n) return b.m < this.limit && b.m > -this.limit ? b : this.from(b);
    if (b.m === 0n) return a.m < this.limit && a.m > -this.limit ? a : this.from(a);
    if (a.e < b.e) [a, b] = [b, a];
    const shift = a.e - b.e;
    if (shift > 2 * this.bits + 4) {
      // |b| may lie below a quarter of a's last place: then a + b rounds to a.
      const topA = a.e + bitLength(a.m < 0n ? -a.m : a.m);
      const topB = b.e + bitLength(b.m < 0n ? -b.m : b.m);
      if (topB < topA - this.bits - 1) return this.from(a);
    }
    const sum = (a.m << bigShift(shift)) + b.m;
    return sum < 0n ? this.round(-sum, b.e, true) : this.round(sum, b.e, false);
  }
  sub(a: BigFloat, b: BigFloat): BigFloat {
    return this.add(a, new BigFloat(-b.m, b.e));
  }
  mul(a: BigFloat, b: BigFloat): BigFloat {
    const p = a.m * b.m;
    if (p === 0n) return ZERO;
    return p < 0n ? this.round(-p, a.e + b.e, true) : this.round(p, a.e + b.e, false);
  }
  div(a: BigFloat, b: BigFloat): BigFloat {
    if (b.m === 0n) divisionByZero(this.name, "the divisor");
    return this.quotient(a.m, b.m, a.e - b.e);
  }
  neg(a: BigFloat): BigFloat {
    return a.m === 0n ? a : new BigFloat(-a.m, a.e);
  }
  abs(a: BigFloat): BigFloat {
    return a.m < 0n ? new BigFloat(-a.m, a.e) : a;
  }
  /** 2^k a, exactly. */
  mulPow2(a: BigFloat, k: number): BigFloat {
    return a.m === 0n ? a : new BigFloat(a.m, a.e + k);
  }

  // ---- comparison ------------------------------------------------------------------------------

  /** -1, 0 or 1 as a < b, a = b, a > b (values compared exactly). */
  cmp(a: BigFloat, b: BigFloat): -1 | 0 | 1 {
    const sa = this.sign(a);
    const sb = this.sign(b);
    if (sa !== sb) return sa < sb ? -1 : 1;
    if (sa === 0) return 0;
    const topA = a.e + bitLength(sa < 0 ? -a.m : a.m);
    const topB = b.e + bitLength(sb < 0 ? -b.m : b.m);
    if (topA !== topB) return (topA < topB ? -sa : sa) as -1 | 1;
    const A = a.e >= b.e ? a.m << BigInt(a.e - b.e) : a.m;
    const B = b.e >= a.e ? b.m << BigInt(b.e - a.e) : b.m;
    return A < B ? -1 : A > B ? 1 : 0;
  }
  equals(a: BigFloat, b: BigFloat): boolean {
    return this.cmp(a, b) === 0;
  }
  isZero(a: BigFloat): boolean {
    return a.m === 0n;
  }
  lt(a: BigFloat, b: BigFloat): boolean {
    return this.cmp(a, b) < 0;
  }
  sign(a: BigFloat): -1 | 0 | 1 {
    return a.m === 0n ? 0 : a.m < 0n ? -1 : 1;
  }
  choosePivot(candidates: readonly BigFloat[], tolerance?: BigFloat): number {
    return largestMagnitudePivot(this, candidates, tolerance);
  }
  /**
   * |a| <= |scale| 2^-(bits - guardBits): below the rounding error of scale at `digits` digits, as
   * DecimalField's |a| <= |scale| 10^-digits (2^-(bits - guardBits) <= 10^-digits).
   */
  negligible(a: BigFloat, scale: BigFloat): boolean {
    if (a.m === 0n) return true;
    return !this.lt(this.mulPow2(this.abs(scale), -(this.bits - this.guardBits)), this.abs(a));
  }

  // ---- elementary functions --------------------------------------------------------------------

  /** The correctly rounded square root; a RangeError for a < 0. */
  sqrt(a: BigFloat): BigFloat {
    if (a.m < 0n) throw new RangeError(`sqrt of a negative number: ${this.toString(a)}`);
    if (a.m === 0n) return ZERO;
    let k = 2 * this.bits + 4 - bitLength(a.m);
    if (k < 0) k = 0;
    if ((a.e - k) % 2 !== 0) k++;
    const N = a.m << BigInt(k);
    const r = bigintSqrtFloor(N);
    return this.round(r, (a.e - k) / 2, false, r * r !== N);
  }

  /**
   * Ziv's rounding test: the fixed-point value A 2^-w (negated if `neg`) with |error| <= E 2^-w rounds
   * correctly when A - E and A + E round to the same float; undefined otherwise (more bits needed).
   */
  private roundFixed(f: FixedApproximation, neg: boolean): BigFloat | undefined {
    if (f.a - f.err <= 0n) return undefined;
    const lo = this.round(f.a - f.err, -f.w, neg);
    const hi = this.round(f.a + f.err, -f.w, neg);
    return this.equals(lo, hi) ? lo : undefined;
  }

  /** pi as a fixed-point number with at least w fractional bits, from the cache on this field. */
  private piAt(w: number): FixedApproximation {
    let c = this.piCache;
    if (c === undefined || c.w < w) {
      c = piFixed(Math.max(w, this.bits + 64));
      this.piCache = c;
    }
    if (c.w === w) return c;
    // Truncating d bits adds less than one unit of the coarser fixed point.
    const D = BigInt(c.w - w);
    return { a: c.a >> D, err: (c.err >> D) + 2n, w };
  }

  /** pi, correctly rounded (cached on this field). */
  pi(): BigFloat {
    if (this.piValue === undefined) {
      for (let w = this.bits + 32; ; w *= 2) {
        const r = this.roundFixed(this.piAt(w), false);
        if (r !== undefined) {
          this.piValue = r;
          break;
        }
      }
    }
    return this.piValue;
  }

  /** atan(a), correctly rounded. */
  atan(a: BigFloat): BigFloat {
    return this.atan2(a, this.oneValue);
  }

  /**
   * The angle of (x, y) in (-pi, pi], correctly rounded: atan2(0, x) = 0 for x >= 0 and pi for x < 0,
   * atan2(y, 0) = ±pi/2 (there is no signed zero).
   */
  atan2(y: BigFloat, x: BigFloat): BigFloat {
    if (y.m === 0n) return x.m < 0n ? this.pi() : ZERO;
    if (x.m === 0n) return this.mulPow2(y.m < 0n ? this.neg(this.pi()) : this.pi(), -1);
    const neg = y.m < 0n;
    const e = Math.min(x.e, y.e);
    const Y = (neg ? -y.m : y.m) << BigInt(y.e - e);
    const X = (x.m < 0n ? -x.m : x.m) << BigInt(x.e - e);
    const steep = Y > X;
    // The result is at least about 2^-(bits(X) - bits(Y) + 1) (|y| <= x > 0) or pi/4 (otherwise).
    const scale = !steep && x.m > 0n ? Math.max(0, bitLength(X) - bitLength(Y) + 1) : 0;
    for (let guard = 32; ; guard *= 2) {
      const w = this.bits + guard + scale;
      // base = atan(min/max) in [0, pi/4], then pi/2 - base for |y| > |x|.
      let f = steep ? atanFixed(X, Y, w) : atanFixed(Y, X, w);
      if (steep || x.m < 0n) {
        const pi = this.piAt(w);
        if (steep) f = { a: (pi.a >> 1n) - f.a, err: (pi.err >> 1n) + 1n + f.err, w };
        if (x.m < 0n) f = { a: pi.a - f.a, err: pi.err + f.err, w };
      }
      const r = this.roundFixed(f, neg);
      if (r !== undefined) return r;
    }
  }

  // ---- output ----------------------------------------------------------------------------------

  /** The exact value as a decimal string (m 2^e = m 5^-e 10^e for e < 0). */
  private exactDecimal(a: BigFloat): string {
    if (a.e >= 0) return (a.m << BigInt(a.e)).toString();
    return `${(a.m * 5n ** BigInt(-a.e)).toString()}e${a.e}`;
  }
  toDecimal(a: BigFloat, digits: number): Decimal {
    const D = decimalContext(digits);
    return new D(this.exactDecimal(a)).toSignificantDigits(digits);
  }
  /** Enough significant digits (ceil(bits log10 2) + 1) that fromDecimalString gives the element back. */
  toString(a: BigFloat): string {
    return this.toDecimal(a, Math.ceil(this.bits / LOG2_10) + 1).toString();
  }
  toLatex(a: BigFloat): string {
    const [m, e] = this.toDecimal(a, this.digits).toExponential().split("e");
    const exp = Number(e);
    return exp === 0 ? m! : `${m} \\times 10^{${exp}}`;
  }
  /** The nearest float64 (ties to even; results in the subnormal range may be rounded twice). */
  toNumber(a: BigFloat): number {
    if (a.m === 0n) return 0;
    const neg = a.m < 0n;
    let mag = neg ? -a.m : a.m;
    let e = a.e;
    const len = bitLength(mag);
    if (len > 53) {
      const S = BigInt(len - 53);
      let q = mag >> S;
      const rest = mag - (q << S);
      const half = 1n << (S - 1n);
      if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
      mag = q;
      e += len - 53;
    }
    let v = Number(mag);
    // Scale in steps that stay exact (v < 2^54) until the last one.
    while (e > 600) {
      v *= 2 ** 600;
      e -= 600;
    }
    while (e < -600) {
      v *= 2 ** -600;
      e += 600;
      if (v === 0) break;
    }
    v *= 2 ** e;
    return neg ? -v : v;
  }
}
