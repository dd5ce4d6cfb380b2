import Fraction from "fraction.js";
import { type Poly, polyGcd } from "./polynomial.js";
import { Q, fractionParts } from "./rational.js";

/**
 * Dense univariate polynomials over Z: bigint coefficients from degree 0 upward, never with a zero leading
 * coefficient (the zero polynomial is []). The numerators and the factor basis of Q(pi) elements use them,
 * so that coefficient arithmetic is BigInt multiplication and addition with no gcd per coefficient
 * (docs/numbers.md §4).
 */
export type IntPoly = readonly bigint[];

// ---- integers -----------------------------------------------------------------------------------

const SAFE = 1n << 53n;

function numberGcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** The non-negative gcd of two integers (Euclid, finished in float64 once both are below 2^53). */
export function bigintGcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < b) [a, b] = [b, a];
  while (b !== 0n) {
    if (a < SAFE) return BigInt(numberGcd(Number(a), Number(b)));
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * gcd(a, b) for positive a, b that often divide one another (the contents' denominators in Q(pi): powers
 * of 2 and of other small primes): two exact-division tests first, Euclid otherwise.
 */
export function bigintGcdLikelyDivisor(a: bigint, b: bigint): bigint {
  if (a === b) return a;
  if (a > b ? a % b === 0n : b % a === 0n) return a > b ? b : a;
  return bigintGcd(a, b);
}

/** The rational n/d in lowest terms with d > 0 (d nonzero). */
export function reduceRational(n: bigint, d: bigint): [bigint, bigint] {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (n === 0n) return [0n, 1n];
  if (d === 1n) return [n, 1n];
  const g = bigintGcd(n, d);
  return g === 1n ? [n, d] : [n / g, d / g];
}

// ---- basic manipulation -------------------------------------------------------------------------

function trim(c: bigint[]): bigint[] {
  let n = c.length;
  while (n > 0 && c[n - 1] === 0n) n--;
  c.length = n;
  return c;
}

/** x^k. */
export function intPolyMonomial(k: number): IntPoly {
  const out = new Array<bigint>(k + 1).fill(0n);
  out[k] = 1n;
  return out;
}

export function intPolyEquals(a: IntPoly, b: IntPoly): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The content (positive gcd of the coefficients) of a nonzero polynomial. The gcd starts from the
 * coefficient of least magnitude, so each later step is one remainder by a small number, and stops at 1.
 */
export function intPolyContent(p: IntPoly): bigint {
  let g = 0n;
  for (const c of p) {
    if (c === 0n) continue;
    const a = c < 0n ? -c : c;
    if (g === 0n || a < g) g = a;
  }
  if (g === 1n) return 1n;
  for (const c of p) {
    if (g === 1n) break;
    if (c !== 0n) g = bigintGcd(g, c % g);
  }
  return g;
}

/** [s, q] with p = s q, q primitive with a positive leading coefficient (p nonzero). */
export function intPolyPrimitive(p: IntPoly): [bigint, IntPoly] {
  const g = intPolyContent(p);
  const s = p[p.length - 1]! < 0n ? -g : g;
  return [s, s === 1n ? p : p.map((c) => c / s)];
}

// ---- arithmetic ---------------------------------------------------------------------------------

/** alpha a + beta b. */
export function intPolyLinComb(alpha: bigint, a: IntPoly, beta: bigint, b: IntPoly): IntPoly {
  const n = Math.max(a.length, b.length);
  const out = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    const x = i < a.length ? a[i]! : 0n;
    const y = i < b.length ? b[i]! : 0n;
    out[i] = (x === 0n ? 0n : alpha * x) + (y === 0n ? 0n : beta * y);
  }
  return trim(out);
}

export function intPolyScale(a: IntPoly, c: bigint): IntPoly {
  if (c === 0n) return [];
  if (c === 1n) return a;
  return a.map((x) => x * c);
}

/**
 * Upper bound on the bit length of max |p_i|. Below 2^1000 from the float64 value (Number(m) is m rounded
 * to 53 bits, so m < 2^(floor(log2 Number(m)) + 2)), which allocates no string; above, from the hex digits.
 */
export function maxBits(p: IntPoly): number {
  let m = 0n;
  for (const c of p) {
    const a = c < 0n ? -c : c;
    if (a > m) m = a;
  }
  const x = Number(m);
  return x < 2 ** 1000 ? (x < 1 ? 0 : Math.floor(Math.log2(x)) + 2) : m.toString(16).length * 4;
}

/** sum p_i 2^(B (i - lo)) for lo <= i < hi, split in halves so every shift is of a balanced size. */
function pack(p: IntPoly, lo: number, hi: number, B: number): bigint {
  if (hi - lo <= 4) {
    let x = 0n;
    const b = BigInt(B);
    for (let i = hi - 1; i >= lo; i--) x = (x << b) + p[i]!;
    return x;
  }
  const mid = (lo + hi) >> 1;
  return pack(p, lo, mid, B) + (pack(p, mid, hi, B) << BigInt(B * (mid - lo)));
}

/** Inverse of pack for coefficients with |c| < 2^(B-2): each half's low part is a signed residue. */
function unpack(x: bigint, lo: number, hi: number, B: number, out: bigint[]): void {
  if (hi - lo === 1) {
    out[lo] = x;
    return;
  }
  const mid = (lo + hi) >> 1;
  const bits = B * (mid - lo);
  const low = BigInt.asIntN(bits, x);
  unpack(low, lo, mid, B, out);
  unpack((x - low) >> BigInt(bits), mid, hi, B, out);
}

/** p(2^B), the Kronecker substitution of p; exact for any B (the coefficients may be signed). */
export function intPolyPack(p: IntPoly, B: number): bigint {
  return p.length === 0 ? 0n : pack(p, 0, p.length, B);
}

/** The polynomial of at most n terms whose value at 2^B is x, when every coefficient has |c| < 2^(B-2). */
export function intPolyUnpack(x: bigint, n: number, B: number): IntPoly {
  const out = new Array<bigint>(n);
  unpack(x, 0, n, B, out);
  return trim(out);
}

/**
 * a b. Short operands by the schoolbook rule; long ones by Kronecker substitution: both are evaluated at
 * 2^B, with B large enough that no coefficient of the product overflows its slot, multiplied as single
 * BigInts (V8 multiplies large BigInts by Karatsuba, Toom-Cook and FFT), and the product unpacked. The
 * crossover (shorter operand of 16 terms with coefficients of 64 bits or more, else 40 terms) is measured
 * on Node 20; packing and unpacking cost too much below it.
 */
export function intPolyMul(a: IntPoly, b: IntPoly): IntPoly {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length === 1) return intPolyScale(b, a[0]!);
  if (b.length === 1) return intPolyScale(a, b[0]!);
  const n = a.length + b.length - 1;
  const m = Math.min(a.length, b.length);
  const bits = m < 16 ? 0 : maxBits(a) + maxBits(b);
  if (m < 16 || (m < 40 && bits < 128)) {
    const out = new Array<bigint>(n).fill(0n);
    for (let i = 0; i < a.length; i++) {
      const ai = a[i]!;
      if (ai === 0n) continue;
      for (let j = 0; j < b.length; j++) out[i + j] += ai * b[j]!;
    }
    return out;
  }
  // |c_k| <= m max|a| max|b| < 2^(bits(a) + bits(b) + bits(m)), and unpack needs |c_k| < 2^(B-2).
  const B = bits + Math.ceil(Math.log2(m + 1)) + 2;
  const out = new Array<bigint>(n);
  unpack(pack(a, 0, a.length, B) * pack(b, 0, b.length, B), 0, n, B, out);
  return out;
}

/**
 * True when p(-b) is certainly nonzero, by Horner's rule in float64: with x = -b exact (|b| < 2^53) and
 * each coefficient, product and sum rounded once (relative error u = 2^-53 each), the computed value is
 * within (2 deg + 1) u (1 + o(1)) sum |p_k| |b|^k of p(-b); the test takes (4 deg + 8) u times that sum,
 * itself computed alongside. False ("perhaps zero") when that does not decide or a value overflows.
 */
export function certainlyNonzeroAt(p: IntPoly, b: bigint): boolean {
  const x = -Number(b);
  if (!Number.isSafeInteger(x)) return false;
  const ax = Math.abs(x);
  let value = 0;
  let magnitude = 0;
  for (let k = p.length - 1; k >= 0; k--) {
    const c = Number(p[k]!);
    value = value * x + c;
    magnitude = magnitude * ax + Math.abs(c);
  }
  return Number.isFinite(magnitude) && Math.abs(value) > (4 * p.length + 8) * 2 ** -53 * magnitude;
}

/**
 * The quotient p / f when f divides p in Z[x], else undefined. f must be primitive, and then f divides p
 * in Q[x] exactly when it does in Z[x] (Gauss's lemma), so the test is exact; the long division stops at
 * the first quotient coefficient that is not an integer.
 */
export function intPolyTryDiv(p: IntPoly, f: IntPoly): IntPoly | undefined {
  const d = f.length - 1;
  const n = p.length - 1;
  if (d === 0) return p;
  if (n < d) return undefined;
  if (d === 1 && f[1] === 1n) {
    const b = f[0]!;
    if (b === 0n) return p[0] === 0n ? p.slice(1) : undefined;
    // x + b divides p exactly when p(-b) = 0: most trial divisions fail, and float64 says so first.
    if (certainlyNonzeroAt(p, b)) return undefined;
    // synthetic division by x + b
    const q = new Array<bigint>(n);
    let c = p[n]!;
    q[n - 1] = c;
    for (let k = n - 1; k >= 1; k--) {
      c = p[k]! - b * c;
      q[k - 1] = c;
    }
    return p[0]! === b * c ? q : undefined;
  }
  const r = p.slice();
  const lead = f[d]!;
  const q = new Array<bigint>(n - d + 1);
  for (let k = n - d; k >= 0; k--) {
    const c = r[k + d]!;
    if (c % lead !== 0n) return undefined;
    const qk = c / lead;
    q[k] = qk;
    if (qk !== 0n) for (let j = 0; j < d; j++) r[k + j]! -= qk * f[j]!;
  }
  for (let j = 0; j < d; j++) if (r[j] !== 0n) return undefined;
  return q;
}

export function intPolyDerivative(p: IntPoly): IntPoly {
  const out: bigint[] = [];
  for (let i = 1; i < p.length; i++) out.push(p[i]! * BigInt(i));
  return trim(out);
}

// ---- conversions and gcd over Q -------------------------------------------------------------------

/** [cn, cd, q] with p = (cn/cd) q, cn/cd in lowest terms, q primitive with positive lead (p nonzero). */
export function polyToIntParts(p: Poly<Fraction>): [bigint, bigint, IntPoly] {
  let l = 1n;
  for (const c of p) l = (l / bigintGcd(l, c.d)) * c.d;
  const ints = p.map((c) => {
    const [n, d] = fractionParts(c);
    return (n * l) / d;
  });
  const [s, q] = intPolyPrimitive(ints);
  const [cn, cd] = reduceRational(s, l);
  return [cn, cd, q];
}

/** (cn/cd) p with Fraction coefficients. */
export function intPolyToPoly(p: IntPoly, cn: bigint = 1n, cd: bigint = 1n): Poly<Fraction> {
  const out: Fraction[] = p.map((c) => new Fraction(c * cn, cd));
  return out;
}

/** The primitive gcd over Q, with positive leading coefficient (a, b nonzero). Euclid over Q. */
export function intPolyGcd(a: IntPoly, b: IntPoly): IntPoly {
  if (a.length === 1 || b.length === 1) return [1n];
  const g = polyGcd(Q, intPolyToPoly(a), intPolyToPoly(b));
  return polyToIntParts(g)[2];
}

/** The squarefree part p / gcd(p, p') (primitive, positive lead; p primitive of positive degree). */
export function intPolySquarefreePart(p: IntPoly): IntPoly {
  const g = intPolyGcd(p, intPolyDerivative(p));
  if (g.length === 1) return p;
  const q = intPolyTryDiv(p, g);
  if (q === undefined) throw new Error("internal: gcd(p, p') does not divide p");
  return q;
}

// ---- a modular coprimality filter ---------------------------------------------------------------

/** A prime below 2^26, so products of residues are exact in float64. */
const P = 67108859;
const PB = BigInt(P);

/** The coefficients of p mod P, in [0, P). */
export function intPolyResidues(p: IntPoly): number[] {
  return p.map((c) => {
    const r = Number(c % PB);
    return r < 0 ? r + P : r;
  });
}

function invMod(a: number): number {
  let [r0, r1, s0, s1] = [P, a, 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, (s0 - ((q * s1) % P) + P) % P];
  }
  return s0;
}

/** a mod b over F_P, in place on a copy (b with nonzero leading residue). */
function remMod(a: number[], b: number[]): number[] {
  const r = a.slice();
  const db = b.length - 1;
  const li = invMod(b[db]!);
  for (let k = r.length - 1; k >= db; k--) {
    const c = (r[k]! * li) % P;
    if (c !== 0) for (let j = 0; j <= db; j++) r[k - db + j] = (r[k - db + j]! - ((c * b[j]!) % P) + P) % P;
  }
  r.length = Math.min(r.length, db);
  let n = r.length;
  while (n > 0 && r[n - 1] === 0) n--;
  r.length = n;
  return r;
}

/**
 * True when a and b are certainly coprime in Q[x]: their leading coefficients are nonzero mod the prime P
 * and their gcd mod P is a constant. (A common factor h over Q would reduce to a common factor of the same
 * degree mod P.) False means "perhaps not coprime": decide with intPolyGcd.
 */
export function intPolyCertainlyCoprime(a: IntPoly, b: IntPoly): boolean {
  if (a.length <= 1 || b.length <= 1) return true;
  let x = intPolyResidues(a);
  let y = intPolyResidues(b);
  if (x[x.length - 1] === 0 || y[y.length - 1] === 0) return false;
  while (y.length > 1) {
    const r = remMod(x, y);
    x = y;
    y = r;
  }
  return y.length === 1;
}

/**
 * False when f certainly does not divide p in Z[x], from their residues mod P (intPolyResidues): if f | p
 * then p = f q mod P, so with lead(f) invertible mod P the remainder of p mod f over F_P is zero. True
 * means "perhaps": decide with intPolyTryDiv.
 */
export function residuesMayDivide(p: readonly number[], f: readonly number[]): boolean {
  if (f[f.length - 1] === 0) return true;
  let n = p.length;
  while (n > 0 && p[n - 1] === 0) n--;
  return remMod(p.slice(0, n), f as number[]).length === 0;
}

/**
 * Integer-coefficient form of a numerator/denominator pair over Q: [N, D] with integer coefficients and
 * N/D = num/den, the gcd of all coefficients of N and D equal to 1.
 */
export function polyPairToIntegers(num: Poly<Fraction>, den: Poly<Fraction>): [bigint[], bigint[]] {
  let l = 1n;
  for (const c of [...num, ...den]) l = (l / bigintGcd(l, c.d)) * c.d;
  const toInt = (p: Poly<Fraction>): bigint[] =>
    p.map((c) => {
      const [n, d] = fractionParts(c);
      return (n * l) / d;
    });
  let N = toInt(num);
  let Dn = toInt(den);
  let g = 0n;
  for (const c of [...N, ...Dn]) g = bigintGcd(g, c);
  if (g > 1n) {
    N = N.map((c) => c / g);
    Dn = Dn.map((c) => c / g);
  }
  return [N, Dn];
}
