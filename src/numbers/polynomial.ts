import type { Field } from "./field.js";

/**
 * Dense univariate polynomials over any field F (docs/numbers.md, "Polynomials"): coefficients from
 * degree 0 upward, never with a zero leading coefficient (the zero polynomial is []). Every function takes
 * the field as its first argument, so one implementation serves Q (the numerators and denominators of
 * Q(pi) elements), Q(pi) and its quadratic extensions (the leading polynomials of the eigenvalue series) and
 * Decimal. Integer polynomials have a faster representation of their own (intPoly.ts), tested against this.
 */
export type Poly<T> = readonly T[];

/** Drop zero leading coefficients (in place) and return c. */
export function polyTrim<T>(F: Field<T>, c: T[]): T[] {
  let n = c.length;
  while (n > 0 && F.isZero(c[n - 1]!)) n--;
  c.length = n;
  return c;
}

/** The constant polynomial c. */
export function polyConst<T>(F: Field<T>, c: T): Poly<T> {
  return F.isZero(c) ? [] : [c];
}

/** c x^k. */
export function polyMonomial<T>(F: Field<T>, k: number, c: T = F.one()): Poly<T> {
  if (F.isZero(c)) return [];
  const out: T[] = new Array<T>(k + 1).fill(F.zero());
  out[k] = c;
  return out;
}

/** The degree (-1 for the zero polynomial). */
export function polyDegree<T>(p: Poly<T>): number {
  return p.length - 1;
}

export function polyIsOne<T>(F: Field<T>, p: Poly<T>): boolean {
  return p.length === 1 && F.equals(p[0]!, F.one());
}

/** True when p = c x^k for some k (a single nonzero term). */
export function polyIsMonomial<T>(F: Field<T>, p: Poly<T>): boolean {
  for (let i = 0; i < p.length - 1; i++) if (!F.isZero(p[i]!)) return false;
  return p.length > 0;
}

/** The exponent of the lowest nonzero term (p nonzero). */
export function polyLowDegree<T>(F: Field<T>, p: Poly<T>): number {
  let i = 0;
  while (F.isZero(p[i]!)) i++;
  return i;
}

export function polyEquals<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!F.equals(a[i]!, b[i]!)) return false;
  return true;
}

export function polyAdd<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): Poly<T> {
  const n = Math.max(a.length, b.length);
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out.push(x === undefined ? y! : y === undefined ? x : F.add(x, y));
  }
  return polyTrim(F, out);
}

export function polyNeg<T>(F: Field<T>, a: Poly<T>): Poly<T> {
  return a.map((c) => F.neg(c));
}

export function polySub<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): Poly<T> {
  return polyAdd(F, a, polyNeg(F, b));
}

export function polyScale<T>(F: Field<T>, a: Poly<T>, c: T): Poly<T> {
  if (F.isZero(c)) return [];
  return a.map((x) => F.mul(x, c));
}

export function polyMul<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): Poly<T> {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length === 1) return polyScale(F, b, a[0]!);
  if (b.length === 1) return polyScale(F, a, b[0]!);
  const out: T[] = new Array<T>(a.length + b.length - 1).fill(F.zero());
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    if (F.isZero(ai)) continue;
    for (let j = 0; j < b.length; j++) {
      const bj = b[j]!;
      if (!F.isZero(bj)) out[i + j] = F.add(out[i + j]!, F.mul(ai, bj));
    }
  }
  return polyTrim(F, out);
}

/** Quotient and remainder of a by the nonzero b. */
export function polyDivMod<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): [Poly<T>, Poly<T>] {
  if (b.length === 0) throw new RangeError("polynomial division by the zero polynomial");
  const r = a.slice();
  const db = b.length - 1;
  const lead = b[db]!;
  if (r.length - 1 < db) return [[], a];
  const q: T[] = new Array<T>(r.length - db).fill(F.zero());
  for (let k = r.length - 1 - db; k >= 0; k--) {
    const c = F.div(r[k + db]!, lead);
    q[k] = c;
    if (F.isZero(c)) continue;
    for (let j = 0; j <= db; j++) r[k + j] = F.sub(r[k + j]!, F.mul(c, b[j]!));
  }
  return [polyTrim(F, q), polyTrim(F, r.slice(0, db))];
}

/** Exact quotient a / b (b must divide a). */
export function polyDivExact<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): Poly<T> {
  if (polyIsOne(F, b)) return a;
  if (b.length === 1) return polyScale(F, a, F.div(F.one(), b[0]!));
  const [q, r] = polyDivMod(F, a, b);
  if (r.length !== 0) throw new Error("internal: inexact polynomial division");
  return q;
}

/** a divided by its leading coefficient (the zero polynomial stays zero). */
export function polyMonic<T>(F: Field<T>, a: Poly<T>): Poly<T> {
  if (a.length === 0) return a;
  const lead = a[a.length - 1]!;
  return F.equals(lead, F.one()) ? a : polyScale(F, a, F.div(F.one(), lead));
}

/** Monic greatest common divisor (gcd(0, 0) = 0), by Euclid's algorithm. */
export function polyGcd<T>(F: Field<T>, a: Poly<T>, b: Poly<T>): Poly<T> {
  if (a.length === 0) return polyMonic(F, b);
  if (b.length === 0) return polyMonic(F, a);
  if (a.length === 1 || b.length === 1) return [F.one()];
  // Fast path: gcd with x^k is x^min(k, low degree of the other).
  if (polyIsMonomial(F, a) || polyIsMonomial(F, b)) return polyMonomial(F, Math.min(polyLowDegree(F, a), polyLowDegree(F, b)));
  let x = a;
  let y = b;
  while (y.length !== 0) {
    const [, r] = polyDivMod(F, x, y);
    x = y;
    y = polyMonic(F, r);
  }
  return polyMonic(F, x);
}

/** Formal derivative. */
export function polyDerivative<T>(F: Field<T>, a: Poly<T>): Poly<T> {
  const out: T[] = [];
  for (let i = 1; i < a.length; i++) out.push(F.mul(F.fromInt(i), a[i]!));
  return polyTrim(F, out);
}

/** a(x) by Horner's rule. */
export function polyEvaluate<T>(F: Field<T>, a: Poly<T>, x: T): T {
  let acc = F.zero();
  for (let i = a.length - 1; i >= 0; i--) acc = F.add(F.mul(acc, x), a[i]!);
  return acc;
}

/**
 * Squarefree factorisation (Yun; characteristic 0): pairs [f_i, i] with f_i monic, squarefree, pairwise
 * coprime and of degree >= 1, such that a = lead(a) prod f_i^i.
 */
export function polySquarefree<T>(F: Field<T>, a: Poly<T>): [Poly<T>, number][] {
  const out: [Poly<T>, number][] = [];
  const b = polyMonic(F, a);
  let c = polyGcd(F, b, polyDerivative(F, b));
  let w = polyDivExact(F, b, c);
  for (let i = 1; w.length > 1; i++) {
    const y = polyGcd(F, w, c);
    const z = polyDivExact(F, w, y);
    if (z.length > 1) out.push([polyMonic(F, z), i]);
    w = y;
    c = polyDivExact(F, c, y);
  }
  return out;
}

/**
 * The monic polynomial s with s^2 = a (a monic), or undefined if a is not a square.
 * Coefficients of s are found from the top down and the result is verified by squaring.
 */
export function polySqrtMonic<T>(F: Field<T>, a: Poly<T>): Poly<T> | undefined {
  const n = a.length - 1;
  if (n < 0) return [];
  if (n % 2 !== 0) return undefined;
  const m = n / 2;
  const half = F.fromRational(1, 2);
  // s = x^m + s_{m-1} x^{m-1} + ...; coefficient of x^{m+k} in s^2 fixes s_k for k = m-1 down to 0.
  const s: T[] = new Array<T>(m + 1).fill(F.zero());
  s[m] = F.one();
  for (let k = m - 1; k >= 0; k--) {
    let acc: T = a[m + k]!;
    for (let i = k + 1; i < m; i++) {
      const j = m + k - i;
      if (j > k && j <= m) acc = F.sub(acc, F.mul(s[i]!, s[j]!));
    }
    s[k] = F.mul(acc, half);
  }
  return polyEquals(F, polyMul(F, s, s), a) ? polyTrim(F, s) : undefined;
}
