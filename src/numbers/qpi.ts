import Fraction from "fraction.js";
import type { Decimal } from "decimal.js";
import { MAX_DIGITS, decimalContext, decimalPi } from "./decimalContext.js";
import { divisionByZero, type Field } from "./field.js";
import { Q, fractionParts } from "./rational.js";
import { type Poly, polyMonic, polyScale, polySqrtMonic } from "./polynomial.js";
import {
  type IntPoly,
  bigintGcd,
  bigintGcdLikelyDivisor,
  intPolyEquals,
  intPolyGcd,
  intPolyLinComb,
  intPolyMonomial,
  intPolyMul,
  intPolyContent,
  intPolyToPoly,
  intPolyTryDiv,
  intPolyPack,
  intPolyUnpack,
  maxBits,
  polyPairToIntegers,
  polyToIntParts,
  reduceRational,
} from "./intPoly.js";
import { type BoundedValue, FactorBasis, PI_FACTOR } from "./factorBasis.js";
import { packedAt, packedBits, slotWidth } from "./packed.js";

// ---- data type ----------------------------------------------------------------------------------

/**
 * An element (cn/cd) p(pi) / prod_i f_i(pi)^e_i of Q(pi) (docs/numbers.md §4):
 * - `cn/cd` is a rational in lowest terms with cd > 0, the content; cn = 0 exactly for zero;
 * - `p` is an integer polynomial with positive leading coefficient ([] for zero), primitive when
 *   `primitive` is set ([1n] for a rational);
 * - `den` lists the denominator over the factor basis of its field (`field`, factorBasis.ts) as
 *   [id, e, id, e, ...], ids increasing, exponents positive; no listed factor divides p.
 * Arithmetic needs no polynomial gcd: common denominators take maximal exponents, and cancellation is an
 * exact division test by a basis factor. The unique reduced form (`normalForm`) is computed for output.
 *
 * Two normalisations are done lazily, in place, on an element's next use (`refresh`), because they are
 * not needed by every operation: the content of a sum is moved from p into cn/cd only when the sum is
 * multiplied, inverted or compared (a long sum pays for one content instead of one per term), and after
 * the basis is refined (a factor is split) `den` is rewritten over the current factors. The value never
 * changes, and elements are otherwise immutable.
 */
export interface QPi {
  /** The field the element belongs to: `den` names factors of its basis, and only its operations accept it. */
  readonly field: QPiField;
  readonly cn: bigint;
  readonly cd: bigint;
  readonly p: IntPoly;
  readonly den: readonly number[];
  /** The basis version when `den` was last checked against the current basis. */
  readonly version: number;
  /** True when p is known to be primitive. */
  readonly primitive: boolean;
  /**
   * A cache for sums of products (docs/numbers.md §4, "sums of products"): maxBits(p) (-1 until known),
   * and p(2^packWidth) (packWidth 0 until known). Reset when `refresh` changes p.
   */
  readonly bits: number;
  readonly packWidth: number;
  readonly packed: bigint;
}

type Refreshable = { -readonly [K in keyof QPi]: QPi[K] };

const ONE_POLY: IntPoly = [1n];

/** Divide p by basis factor `id` while it divides and e > 0; returns the quotient and what is left of e. */
function cancel(basis: FactorBasis, p: IntPoly, id: number, e: number): [IntPoly, number] {
  const f = basis.poly(id);
  while (e > 0) {
    const q = intPolyTryDiv(p, f);
    if (q === undefined) break;
    p = q;
    e--;
  }
  return [p, e];
}

/** Drop zero exponents from a [id, e, ...] list. */
function compact(den: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < den.length; i += 2) if (den[i + 1]! > 0) out.push(den[i]!, den[i + 1]!);
  return out;
}

/** Replace the numerator of an element being refreshed, dropping its cached packing. */
function setP(s: Refreshable, p: IntPoly): void {
  if (p === s.p) return;
  s.p = p;
  s.bits = -1;
  s.packWidth = 0;
}

/** maxBits(a.p), cached on a. */
function numeratorBits(a: QPi): number {
  if (a.bits < 0) (a as Refreshable).bits = maxBits(a.p);
  return a.bits;
}

/** a.p(2^B), cached on a for the last B asked. */
function numeratorPacked(a: QPi, B: number): bigint {
  if (a.packWidth !== B) {
    const s = a as Refreshable;
    s.packed = a.p.length === 1 ? a.p[0]! : intPolyPack(a.p, B);
    s.packWidth = B;
  }
  return a.packed;
}

/** Rewrite a's denominator over the current basis and make p primitive (both in place). */
function refresh(K: QPiField, a: QPi): void {
  refreshDen(K, a);
  if (a.primitive) return;
  const s = a as Refreshable;
  const g = intPolyContent(a.p);
  if (g !== 1n) {
    const h = bigintGcd(g, a.cd);
    setP(s, a.p.map((c) => c / g));
    s.cn = a.cn * (g / h);
    s.cd = a.cd / h;
  }
  s.primitive = true;
}

/** Rewrite a's denominator over the current basis (after a split), cancelling the new parts from p. */
function refreshDen(K: QPiField, a: QPi): void {
  checkOwner(K, a);
  const basis = K.basis;
  const v = basis.version;
  if (a.version === v) return;
  const s = a as Refreshable;
  s.version = v;
  if (!a.den.some((id, i) => i % 2 === 0 && basis.isRetired(id))) return;
  const pairs: [number, number, boolean][] = [];
  for (let i = 0; i < a.den.length; i += 2) {
    const [id, e] = [a.den[i]!, a.den[i + 1]!];
    if (basis.isRetired(id)) for (const leaf of basis.leaves(id)) pairs.push([leaf, e, true]);
    else pairs.push([id, e, false]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  let p = a.p;
  const den: number[] = [];
  for (const [id, e0, fresh] of pairs) {
    let e = e0;
    if (fresh) [p, e] = cancel(basis, p, id, e);
    if (e > 0) den.push(id, e);
  }
  setP(s, p);
  s.den = den;
}

/** Elements of one Q(pi) field are meaningless in another: their denominators name its basis factors. */
function checkOwner(K: QPiField, a: QPi): void {
  if (a.field !== K) throw new RangeError(`an element of another Q(pi) field instance was passed to this one: ${a.field.toString(a)}`);
}

/** Exponent lists [id, e, ...] merged by `op` on the ids both name (an id named once keeps its exponent). */
function mergeExponents(A: readonly number[], B: readonly number[], op: (ea: number, eb: number) => number): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < A.length || j < B.length) {
    const ia = i < A.length ? A[i]! : Infinity;
    const ib = j < B.length ? B[j]! : Infinity;
    if (ia < ib) {
      out.push(ia, A[i + 1]!);
      i += 2;
    } else if (ib < ia) {
      out.push(ib, B[j + 1]!);
      j += 2;
    } else {
      out.push(ia, op(A[i + 1]!, B[j + 1]!));
      i += 2;
      j += 2;
    }
  }
  return out;
}

/** The exponents of a product's denominator (no cancellation). */
function addExponents(A: readonly number[], B: readonly number[]): number[] {
  return mergeExponents(A, B, (a, b) => a + b);
}

/** The least common denominator of two. */
function maxExponents(A: readonly number[], B: readonly number[]): number[] {
  return mergeExponents(A, B, Math.max);
}

/** L / D for denominators D dividing L, as exponents (zeros dropped). */
function missingExponents(L: readonly number[], D: readonly number[]): number[] {
  return compact(mergeExponents(L, D, (l, d) => l - d));
}

function sameDen(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when every factor of the denominator is irreducible: then the element is in reduced form. */
function denIrreducible(basis: FactorBasis, den: readonly number[]): boolean {
  for (let i = 0; i < den.length; i += 2) if (!basis.isIrreducible(den[i]!)) return false;
  return true;
}

// ---- evaluation at pi ---------------------------------------------------------------------------

/**
 * p(pi) by Horner's rule at `work` significant digits, with a bound on its rounding error. Each of pi,
 * the coefficients and the 2 deg(p) operations is rounded once with relative error at most
 * u = 5 * 10^-work, so |computed - p(pi)| <= (3 deg + 2) u (1 + o(1)) sum |p_k| pi^k; the bound returned
 * is twice that, with the sum itself evaluated alongside.
 */
function evalWithBound(p: IntPoly, work: number): BoundedValue {
  const W = decimalContext(work);
  const pi = decimalPi(work);
  let value = new W(0);
  let magnitude = new W(0);
  for (let k = p.length - 1; k >= 0; k--) {
    const c = new W(p[k]!.toString());
    value = value.mul(pi).add(c);
    magnitude = magnitude.mul(pi).add(c.abs());
  }
  const deg = p.length - 1;
  return [value, magnitude.mul(`${3 * deg + 3}e${1 - work}`)];
}

/**
 * The sign of p(pi) for nonzero p. First in float64: Horner's rule with the perturbed inputs (Math.PI and
 * the rounded coefficients, relative error <= 2^-53 each) has error below (4 deg + 8) 2^-53 sum |p_k| pi^k,
 * taken twice; if that does not decide, evalWithBound at doubling precision (pi is transcendental, so
 * p(pi) != 0 and the loop ends).
 */
function signAtPi(p: IntPoly): -1 | 1 {
  let value = 0;
  let magnitude = 0;
  for (let k = p.length - 1; k >= 0; k--) {
    const c = Number(p[k]!);
    value = value * Math.PI + c;
    magnitude = magnitude * Math.PI + Math.abs(c);
  }
  if (Number.isFinite(magnitude) && Math.abs(value) > (8 * (p.length - 1) + 16) * 2 ** -53 * magnitude) {
    return value < 0 ? -1 : 1;
  }
  for (let work = 30; ; work = Math.min(2 * work, MAX_DIGITS)) {
    const [v, err] = evalWithBound(p, work);
    if (v.abs().gt(err)) return v.isNegative() ? -1 : 1;
    if (work >= MAX_DIGITS) throw new Error(`cannot decide the sign at pi: cancellation beyond ${MAX_DIGITS} digits`);
  }
}

// ---- output -------------------------------------------------------------------------------------

/** Format an integer-coefficient polynomial in pi as plain text ("3*pi^2 - 2") or LaTeX. */
function formatIntPoly(c: bigint[], latex: boolean): string {
  const terms: string[] = [];
  for (let k = c.length - 1; k >= 0; k--) {
    const a = c[k]!;
    if (a === 0n) continue;
    const abs = a < 0n ? -a : a;
    const pi = latex ? "\\pi" : "pi";
    const power = k === 0 ? "" : k === 1 ? pi : latex ? `${pi}^{${k}}` : `${pi}^${k}`;
    const coef = k === 0 ? `${abs}` : abs === 1n ? "" : latex ? `${abs}` : `${abs}*`;
    const sign = a < 0n ? "-" : "+";
    terms.push(`${terms.length === 0 ? (sign === "-" ? "-" : "") : ` ${sign} `}${coef}${power}`);
  }
  return terms.length === 0 ? "0" : terms.join("");
}

function countTerms(c: bigint[]): number {
  return c.filter((x) => x !== 0n).length;
}

// ---- the field ----------------------------------------------------------------------------------

/**
 * The field Q(pi) of rational functions in pi with rational coefficients. Each instance owns its factor
 * basis (and the caches that hang on it), and its elements refer to it; elements of two instances must
 * not be mixed (docs/numbers.md §4).
 */
export class QPiField implements Field<QPi> {
  readonly name = "Q(pi)";
  readonly exact = true;
  readonly generators: readonly string[] = ["pi"];
  /** The denominators' factor basis, refined as the computation divides by new quantities. */
  readonly basis = new FactorBasis();
  private readonly zeroValue: QPi = { field: this, cn: 0n, cd: 1n, p: [], den: [], version: 0, primitive: true, bits: 0, packWidth: 0, packed: 0n };
  private readonly oneValue: QPi = this.make(1n, 1n, ONE_POLY, []);
  private readonly piValue: QPi = this.make(1n, 1n, [0n, 1n], []);

  private make(cn: bigint, cd: bigint, p: IntPoly, den: readonly number[], primitive = true): QPi {
    return { field: this, cn, cd, p, den, version: this.basis.version, primitive, bits: -1, packWidth: 0, packed: 0n };
  }

  zero(): QPi {
    return this.zeroValue;
  }
  one(): QPi {
    return this.oneValue;
  }
  pi(): QPi {
    return this.piValue;
  }
  fromInt(n: number | bigint): QPi {
    const m = BigInt(n);
    return m === 0n ? this.zeroValue : this.make(m, 1n, ONE_POLY, []);
  }
  fromRational(num: number | bigint, den: number | bigint = 1n): QPi {
    if (BigInt(den) === 0n) divisionByZero(this.name, "the denominator");
    const [n, d] = reduceRational(BigInt(num), BigInt(den));
    return n === 0n ? this.zeroValue : this.make(n, d, ONE_POLY, []);
  }
  /** The element c * pi^k (k may be negative). */
  piPower(k: number, c: Fraction = new Fraction(1)): QPi {
    const [n, d] = fractionParts(c);
    if (n === 0n) return this.zeroValue;
    return k >= 0 ? this.make(n, d, intPolyMonomial(k), []) : this.make(n, d, ONE_POLY, [PI_FACTOR, -k]);
  }
  /** num(pi)/den(pi) from polynomials over Q. */
  fromPolys(num: Poly<Fraction>, den: Poly<Fraction>): QPi {
    if (den.every((c) => c.n === 0n)) divisionByZero(this.name, "the denominator");
    if (num.every((c) => c.n === 0n)) return this.zeroValue;
    return this.div(this.fromPoly(num), this.fromPoly(den));
  }
  private fromPoly(q: Poly<Fraction>): QPi {
    let n = q.length;
    while (q[n - 1]!.n === 0n) n--;
    const [cn, cd, p] = polyToIntParts(n === q.length ? q : q.slice(0, n));
    return this.make(cn, cd, p, []);
  }

  /**
   * a + b over the common denominator with the larger exponent of each factor. Only a factor with equal
   * exponents in a and b can divide the new numerator (for the others it divides exactly one of the two
   * terms), so only those are tested for cancellation.
   */
  add(a: QPi, b: QPi): QPi {
    if (a.cn === 0n) return b;
    if (b.cn === 0n) return a;
    refreshDen(this, a);
    refreshDen(this, b);
    const A = a.den;
    const B = b.den;
    const den: number[] = [];
    const tied: number[] = [];
    let ma = ONE_POLY;
    let mb = ONE_POLY;
    for (let i = 0, j = 0; i < A.length || j < B.length; ) {
      const ia = i < A.length ? A[i]! : Infinity;
      const ib = j < B.length ? B[j]! : Infinity;
      if (ia < ib) {
        mb = intPolyMul(mb, this.basis.power(ia, A[i + 1]!));
        den.push(ia, A[i + 1]!);
        i += 2;
      } else if (ib < ia) {
        ma = intPolyMul(ma, this.basis.power(ib, B[j + 1]!));
        den.push(ib, B[j + 1]!);
        j += 2;
      } else {
        const [ea, eb] = [A[i + 1]!, B[j + 1]!];
        if (ea < eb) ma = intPolyMul(ma, this.basis.power(ia, eb - ea));
        else if (eb < ea) mb = intPolyMul(mb, this.basis.power(ia, ea - eb));
        else tied.push(den.length);
        den.push(ia, Math.max(ea, eb));
        i += 2;
        j += 2;
      }
    }
    // (an/ad) a.p ma + (bn/bd) b.p mb = (gn/L) (alpha a.p ma + beta b.p mb), gn = gcd(an, bn), L = lcm(ad, bd)
    const gn = bigintGcd(a.cn, b.cn);
    const gd = bigintGcdLikelyDivisor(a.cd, b.cd);
    const alpha = (a.cn / gn) * (b.cd / gd);
    const beta = (b.cn / gn) * (a.cd / gd);
    const sum = intPolyLinComb(alpha, intPolyMul(a.p, ma), beta, intPolyMul(b.p, mb));
    if (sum.length === 0) return this.zeroValue;
    const negative = sum[sum.length - 1]! < 0n;
    let p = negative ? sum.map((c) => -c) : sum;
    for (const k of tied) [p, den[k + 1]] = cancel(this.basis, p, den[k]!, den[k + 1]!);
    // gcd(gn, L) = 1 (gn divides both numerators); the content of p is taken out by a later refresh
    const L = (a.cd / gd) * b.cd;
    return this.make(negative ? -gn : gn, L, p, tied.length > 0 ? compact(den) : den, false);
  }
  /**
   * sum_i x_i y_i over one common denominator (docs/numbers.md §4, "sums of products"): each term is
   * brought to the maximal exponent of each factor, and the integer polynomial sum_i m_i p_i q_i c_i
   * (contents m_i, cofactors c_i) is formed by Kronecker substitution, as one sum of BigInt products at
   * a slot width that holds every coefficient, unpacked once. Cancellation is then tested once per
   * factor, and the content is left to the next refresh.
   */
  sumOfProducts(x: readonly QPi[], y: readonly QPi[]): QPi {
    const nonzero: number[] = [];
    for (let i = 0; i < x.length; i++) if (x[i]!.cn !== 0n && y[i]!.cn !== 0n) nonzero.push(i);
    if (nonzero.length === 0) return this.zeroValue;
    if (nonzero.length === 1) return this.mul(x[nonzero[0]!]!, y[nonzero[0]!]!);
    const terms: { n: bigint; d: bigint; a: QPi; b: QPi; den: number[] }[] = [];
    for (const i of nonzero) {
      const [a, b] = [x[i]!, y[i]!];
      refresh(this, a);
      refresh(this, b);
      const g1 = bigintGcd(a.cn, b.cd);
      const g2 = bigintGcd(b.cn, a.cd);
      terms.push({ n: (a.cn / g1) * (b.cn / g2), d: (a.cd / g2) * (b.cd / g1), a, b, den: addExponents(a.den, b.den) });
    }
    let den: number[] = [];
    let gn = 0n;
    let C = 1n;
    for (const t of terms) {
      if (!sameDen(den, t.den)) den = maxExponents(den, t.den);
      if (gn !== 1n) gn = bigintGcd(gn, t.n);
      if (t.d !== 1n) C = (C / bigintGcdLikelyDivisor(C, t.d)) * t.d;
    }
    // term t is m (a b c) x^shift with c the cofactor of its denominator without pi (none when t has the
    // common denominator itself, the usual case)
    const parts = terms.map((t) => {
      let c = ONE_POLY;
      let shift = 0;
      if (!sameDen(den, t.den)) {
        const missing = missingExponents(den, t.den);
        shift = missing[0] === PI_FACTOR ? missing[1]! : 0;
        c = this.basis.expandCached(shift > 0 ? missing.slice(2) : missing);
      }
      const m = (gn === 1n ? t.n : t.n / gn) * (C === t.d ? 1n : C / t.d);
      const [la, lb] = [t.a.p.length, t.b.p.length];
      const length = la + lb + c.length - 2 + shift;
      const bits = (m === 1n ? 4 : maxBits([m])) + numeratorBits(t.a) + numeratorBits(t.b) + (c.length > 1 ? packedBits(c) : 0) + Math.log2(la * lb * c.length);
      return { m, a: t.a, b: t.b, c, shift, length, bits };
    });
    let maxTermBits = 0;
    for (const q of parts) maxTermBits = Math.max(maxTermBits, q.bits);
    const B = slotWidth(Math.ceil(maxTermBits + Math.log2(parts.length)));
    // The terms sharing a cofactor are summed first and multiplied by it once (expandCached returns the
    // same array for the same cofactor); the packed total is the same integer.
    let plain = 0n;
    const byCofactor = new Map<IntPoly, bigint>();
    let n = 0;
    for (const q of parts) {
      let v = numeratorPacked(q.a, B) * numeratorPacked(q.b, B);
      if (q.m !== 1n) v *= q.m;
      if (q.shift > 0) v <<= BigInt(q.shift * B);
      if (q.c === ONE_POLY) plain += v;
      else byCofactor.set(q.c, (byCofactor.get(q.c) ?? 0n) + v);
      n = Math.max(n, q.length);
    }
    let acc = plain;
    for (const [c, v] of byCofactor) acc += v * packedAt(c, B);
    const sum = intPolyUnpack(acc, n, B);
    if (sum.length === 0) return this.zeroValue;
    const negative = sum[sum.length - 1]! < 0n;
    let p: IntPoly = negative ? sum.map((c) => -c) : sum;
    for (let k = 0; k < den.length; k += 2) [p, den[k + 1]] = cancel(this.basis, p, den[k]!, den[k + 1]!);
    // gcd(gn, C) = 1 (each term's content is in lowest terms); the content of p is taken out by a later refresh
    return this.make(negative ? -gn : gn, C, p, compact(den), false);
  }
  sub(a: QPi, b: QPi): QPi {
    return this.add(a, this.neg(b));
  }
  /** -a, sharing a's numerator and its cached packing (a literal of the same shape: cheaper than a spread). */
  neg(a: QPi): QPi {
    if (a.cn === 0n) return a;
    const { field, cd, p, den, version, primitive, bits, packWidth, packed } = a;
    return { field, cn: -a.cn, cd, p, den, version, primitive, bits, packWidth, packed };
  }
  /**
   * a b with exponents added. An irreducible factor of b's denominator can only cancel against a.p
   * (it does not divide b.p), and symmetrically; a factor not known to be irreducible is tested against
   * the product. Contents are cross-cancelled.
   */
  mul(a: QPi, b: QPi): QPi {
    if (a.cn === 0n || b.cn === 0n) return this.zeroValue;
    refresh(this, a);
    refresh(this, b);
    const A = a.den;
    const B = b.den;
    let pa = a.p;
    let pb = b.p;
    const den: number[] = [];
    const later: number[] = [];
    for (let i = 0, j = 0; i < A.length || j < B.length; ) {
      const ia = i < A.length ? A[i]! : Infinity;
      const ib = j < B.length ? B[j]! : Infinity;
      let id: number;
      let e: number;
      if (ia < ib) {
        [id, e] = [ia, A[i + 1]!];
        if (this.basis.isIrreducible(id)) [pb, e] = cancel(this.basis, pb, id, e);
        else later.push(den.length);
        i += 2;
      } else if (ib < ia) {
        [id, e] = [ib, B[j + 1]!];
        if (this.basis.isIrreducible(id)) [pa, e] = cancel(this.basis, pa, id, e);
        else later.push(den.length);
        j += 2;
      } else {
        [id, e] = [ia, A[i + 1]! + B[j + 1]!];
        if (!this.basis.isIrreducible(id)) later.push(den.length);
        i += 2;
        j += 2;
      }
      den.push(id, e);
    }
    let p = intPolyMul(pa, pb);
    for (const k of later) [p, den[k + 1]] = cancel(this.basis, p, den[k]!, den[k + 1]!);
    const g1 = bigintGcd(a.cn, b.cd);
    const g2 = bigintGcd(b.cn, a.cd);
    return this.make((a.cn / g1) * (b.cn / g2), (a.cd / g2) * (b.cd / g1), p, compact(den));
  }
  /**
   * 1/a. The numerator a.p is split over the factor basis; a part left over (a new kind of denominator)
   * is first covered by refining the basis (FactorBasis.cover). The new numerator is the old
   * denominator, less the factors both share.
   */
  inv(a: QPi): QPi {
    if (a.cn === 0n) divisionByZero(this.name, "the divisor");
    refresh(this, a);
    const cn = a.cn < 0n ? -a.cd : a.cd;
    const cd = a.cn < 0n ? -a.cn : a.cn;
    if (a.p.length === 1) return this.make(cn, cd, this.basis.expand(a.den), []);
    let [rest, split] = this.basis.splitOver(a.p);
    if (rest.length > 1) {
      this.basis.cover(rest);
      refresh(this, a);
      [rest, split] = this.basis.splitOver(a.p);
      if (rest.length > 1) throw new Error("internal: the factor basis does not cover a numerator");
    }
    const num: number[] = [];
    const den: number[] = [];
    const A = a.den;
    for (let i = 0, j = 0; i < A.length || j < split.length; ) {
      const ia = i < A.length ? A[i]! : Infinity;
      const is = j < split.length ? split[j]! : Infinity;
      if (ia < is) {
        num.push(ia, A[i + 1]!);
        i += 2;
      } else if (is < ia) {
        den.push(is, split[j + 1]!);
        j += 2;
      } else {
        const e = A[i + 1]! - split[j + 1]!;
        if (e > 0) num.push(ia, e);
        if (e < 0) den.push(ia, -e);
        i += 2;
        j += 2;
      }
    }
    return this.make(cn, cd, this.basis.expand(num), den);
  }
  div(a: QPi, b: QPi): QPi {
    if (b.cn === 0n) divisionByZero(this.name, "the divisor");
    if (a.cn === 0n) return this.zeroValue;
    if (b.p.length === 1 && b.den.length === 0) {
      // b is the rational (b.cn b.p[0]) / b.cd (b.p[0] is 1 once b's content has been taken out)
      const [n, d] = reduceRational(a.cn * b.cd, a.cd * b.cn * b.p[0]!);
      return { ...a, cn: n, cd: d };
    }
    return this.mul(a, this.inv(b));
  }

  /** Exact: equal denominators compare contents and numerators; otherwise a - b is tested for zero. */
  equals(a: QPi, b: QPi): boolean {
    if (a === b) return true;
    if (a.cn === 0n || b.cn === 0n) return a.cn === b.cn;
    refresh(this, a);
    refresh(this, b);
    if (sameDen(a.den, b.den)) return a.cn === b.cn && a.cd === b.cd && intPolyEquals(a.p, b.p);
    // Both reduced: the reduced form is unique, and so is the factorisation of its denominator.
    if (denIrreducible(this.basis, a.den) && denIrreducible(this.basis, b.den)) return false;
    return this.isZero(this.sub(a, b));
  }
  isZero(a: QPi): boolean {
    return a.cn === 0n;
  }
  /** True when a is rational (no pi). */
  isRational(a: QPi): boolean {
    if (a.cn === 0n) return true;
    refresh(this, a);
    if (a.den.length === 0) return a.p.length === 1;
    if (denIrreducible(this.basis, a.den)) return false;
    const { num, den } = this.normalForm(a);
    return num.length === 1 && den.length === 1;
  }

  /**
   * The reduced form num/den with polynomials over Q: den monic, gcd(num, den) = 1, zero as 0/1. It is
   * unique (docs/numbers.md §4). Basis factors not known to be irreducible are split first where they
   * share a factor with the numerator.
   */
  normalForm(a: QPi): { num: Poly<Fraction>; den: Poly<Fraction> } {
    if (a.cn === 0n) return { num: [], den: [new Fraction(1)] };
    refresh(this, a);
    for (let i = 0; i < a.den.length; i += 2) {
      const id = a.den[i]!;
      if (this.basis.isIrreducible(id)) continue;
      const f = this.basis.poly(id);
      const g = intPolyGcd(a.p, f);
      if (g.length <= 1) continue;
      if (g.length === f.length) throw new Error("internal: a denominator factor divides the numerator");
      this.basis.split(id, g);
      refresh(this, a);
      i = -2;
    }
    const D = this.basis.expand(a.den);
    const lead = D[D.length - 1]!;
    return { num: intPolyToPoly(a.p, a.cn, a.cd * lead), den: intPolyToPoly(D, 1n, lead) };
  }

  /**
   * Sign of an element: sign(cn) sign(p(pi)) prod sign(f_i(pi))^e_i, each sign decided exactly (signAtPi;
   * a nonzero polynomial is never zero at pi, pi being transcendental). Factor signs are cached.
   */
  sign(a: QPi): -1 | 0 | 1 {
    if (a.cn === 0n) return 0;
    checkOwner(this, a);
    let s = (a.cn < 0n ? -1 : 1) * signAtPi(a.p);
    for (let i = 0; i < a.den.length; i += 2) if (a.den[i + 1]! % 2 === 1) s *= this.basis.signAtPi(a.den[i]!, signAtPi);
    return s < 0 ? -1 : 1;
  }

  /** The square root whose value at pi is non-negative, when a is a square in Q(pi). */
  sqrt(a: QPi): QPi | undefined {
    if (a.cn === 0n) return a;
    const { num, den } = this.normalForm(a);
    const lead = num[num.length - 1]!;
    const leadRoot = Q.sqrt(lead);
    if (leadRoot === undefined) return undefined;
    const numRoot = polySqrtMonic(Q, polyMonic(Q, num));
    const denRoot = polySqrtMonic(Q, den);
    if (numRoot === undefined || denRoot === undefined) return undefined;
    const root = this.fromPolys(polyScale(Q, numRoot, leadRoot), denRoot);
    return this.sign(root) < 0 ? this.neg(root) : root;
  }
  /** arctan in Q(pi): only atan(0) = 0 and atan(+-1) = +-pi/4 lie in the field. */
  atan(a: QPi): QPi | undefined {
    if (a.cn === 0n) return this.zeroValue;
    if (this.equals(a, this.oneValue)) return this.piPower(1, new Fraction(1, 4));
    if (this.equals(a, this.neg(this.oneValue))) return this.piPower(1, new Fraction(-1, 4));
    return undefined;
  }

  /**
   * The value at pi to `digits` significant digits. p(pi) and each denominator factor f_i(pi) are
   * evaluated with a rounding error bound (evalWithBound) at a working precision that doubles until p(pi)
   * has relative error below t = 10^-(digits+2) and each f_i(pi) below t / sum e_i, so the quotient has
   * relative error below about 2t; cancellation (e.g. q pi - p for a close rational approximation p/q of
   * pi) costs working digits, never correctness (docs/numbers.md).
   */
  toDecimal(a: QPi, digits: number): Decimal {
    const D = decimalContext(digits);
    if (a.cn === 0n) return new D(0);
    checkOwner(this, a);
    let total = 0;
    for (let i = 1; i < a.den.length; i += 2) total += a.den[i]!;
    for (let work = digits + 10; ; work = Math.min(2 * work, MAX_DIGITS)) {
      const W = decimalContext(work);
      const tol = new W(`1e${-(digits + 2)}`);
      const [n, nErr] = evalWithBound(a.p, work);
      let ok = n.abs().mul(tol).gt(nErr);
      let d = new W(1);
      for (let i = 0; ok && i < a.den.length; i += 2) {
        const [f, fErr] = this.basis.valueAtPi(a.den[i]!, work, evalWithBound);
        ok = f.abs().mul(tol).gt(fErr.mul(total));
        d = d.mul(f.pow(a.den[i + 1]!));
      }
      if (ok) return new D(n.mul(a.cn.toString()).div(d.mul(a.cd.toString()))).toSignificantDigits(digits);
      if (work >= MAX_DIGITS) {
        throw new Error(`cannot evaluate ${this.toString(a)} at pi: cancellation beyond ${MAX_DIGITS} digits`);
      }
    }
  }
  toString(a: QPi): string {
    return this.format(a, false);
  }
  toLatex(a: QPi): string {
    return this.format(a, true);
  }
  private format(a: QPi, latex: boolean): string {
    if (a.cn === 0n) return "0";
    const { num, den } = this.normalForm(a);
    const [N, Dn] = polyPairToIntegers(num, den);
    let sign = "";
    let n = N;
    // Pull a leading minus out of a numerator whose every coefficient is negative.
    if (N.every((c) => c <= 0n)) {
      sign = "-";
      n = N.map((c) => -c);
    }
    const ns = formatIntPoly(n, latex);
    if (Dn.length === 1 && Dn[0] === 1n) return sign + ns;
    const ds = formatIntPoly(Dn, latex);
    if (latex) return `${sign}\\frac{${ns}}{${ds}}`;
    const wrap = (s: string, c: bigint[]): string => (countTerms(c) > 1 || /[*^]/.test(s) ? `(${s})` : s);
    return `${sign}${wrap(ns, n)}/${wrap(ds, Dn)}`;
  }
}

export const QPI = new QPiField();
