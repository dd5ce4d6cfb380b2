import Fraction from "fraction.js";
import type { Decimal } from "decimal.js";
import { fractionParts, fractionToDecimal } from "./rational.js";
import { decimalContext } from "./decimalContext.js";

/**
 * Dense univariate polynomials over Q, coefficients from degree 0 upward, never with a zero leading
 * coefficient (the zero polynomial is []). The numerator and denominator of Q(pi) elements
 * (docs/numbers.md).
 */
export type Poly = readonly Fraction[];

const ZERO = new Fraction(0);

function trim(c: Fraction[]): Fraction[] {
  let n = c.length;
  while (n > 0 && c[n - 1]!.n === 0n) n--;
  c.length = n;
  return c;
}

export function polyConst(q: Fraction): Poly {
  return q.n === 0n ? [] : [q];
}

/** x^k. */
export function polyMonomial(k: number, c: Fraction = new Fraction(1)): Poly {
  if (c.n === 0n) return [];
  const out: Fraction[] = new Array<Fraction>(k + 1).fill(ZERO);
  out[k] = c;
  return out;
}

export function polyDegree(p: Poly): number {
  return p.length - 1;
}

export function polyIsOne(p: Poly): boolean {
  return p.length === 1 && p[0]!.equals(1);
}

/** True when p = c x^k for some k (a single nonzero term). */
export function polyIsMonomial(p: Poly): boolean {
  for (let i = 0; i < p.length - 1; i++) if (p[i]!.n !== 0n) return false;
  return p.length > 0;
}

/** The exponent of the lowest nonzero term (p nonzero). */
export function polyLowDegree(p: Poly): number {
  let i = 0;
  while (p[i]!.n === 0n) i++;
  return i;
}

export function polyEquals(a: Poly, b: Poly): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!a[i]!.equals(b[i]!)) return false;
  return true;
}

export function polyAdd(a: Poly, b: Poly): Poly {
  const n = Math.max(a.length, b.length);
  const out: Fraction[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out.push(x === undefined ? y! : y === undefined ? x : x.add(y));
  }
  return trim(out);
}

export function polyNeg(a: Poly): Poly {
  return a.map((c) => c.neg());
}

export function polySub(a: Poly, b: Poly): Poly {
  return polyAdd(a, polyNeg(b));
}

export function polyScale(a: Poly, c: Fraction): Poly {
  if (c.n === 0n) return [];
  return a.map((x) => x.mul(c));
}

export function polyMul(a: Poly, b: Poly): Poly {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length === 1) return polyScale(b, a[0]!);
  if (b.length === 1) return polyScale(a, b[0]!);
  const out: Fraction[] = new Array<Fraction>(a.length + b.length - 1).fill(ZERO);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    if (ai.n === 0n) continue;
    for (let j = 0; j < b.length; j++) {
      const bj = b[j]!;
      if (bj.n !== 0n) out[i + j] = out[i + j]!.add(ai.mul(bj));
    }
  }
  return trim(out);
}

/** Quotient and remainder of a by the nonzero b. */
export function polyDivMod(a: Poly, b: Poly): [Poly, Poly] {
  if (b.length === 0) throw new RangeError("polynomial division by the zero polynomial");
  const r = a.slice();
  const db = b.length - 1;
  const lead = b[db]!;
  if (r.length - 1 < db) return [[], a];
  const q: Fraction[] = new Array<Fraction>(r.length - db).fill(ZERO);
  for (let k = r.length - 1 - db; k >= 0; k--) {
    const c = r[k + db]!.div(lead);
    q[k] = c;
    if (c.n === 0n) continue;
    for (let j = 0; j <= db; j++) r[k + j] = r[k + j]!.sub(c.mul(b[j]!));
  }
  return [trim(q), trim(r.slice(0, db))];
}

/** Exact quotient a / b (b must divide a). */
export function polyDivExact(a: Poly, b: Poly): Poly {
  if (polyIsOne(b)) return a;
  if (polyIsMonomial(b) && b.length === 1) return polyScale(a, b[0]!.inverse());
  const [q, r] = polyDivMod(a, b);
  if (r.length !== 0) throw new Error("internal: inexact polynomial division");
  return q;
}

export function polyMonic(a: Poly): Poly {
  if (a.length === 0) return a;
  const lead = a[a.length - 1]!;
  return lead.equals(1) ? a : polyScale(a, lead.inverse());
}

/** Monic greatest common divisor (gcd(0, 0) = 0). */
export function polyGcd(a: Poly, b: Poly): Poly {
  if (a.length === 0) return polyMonic(b);
  if (b.length === 0) return polyMonic(a);
  if (a.length === 1 || b.length === 1) return [new Fraction(1)];
  // Fast path: gcd with x^k is x^min(k, low degree of the other).
  if (polyIsMonomial(a) || polyIsMonomial(b)) {
    const k = Math.min(polyLowDegree(a), polyLowDegree(b));
    return polyMonomial(k);
  }
  let x = a;
  let y = b;
  while (y.length !== 0) {
    const [, r] = polyDivMod(x, y);
    x = y;
    y = polyMonic(r);
  }
  return polyMonic(x);
}

/** Formal derivative. */
export function polyDerivative(a: Poly): Poly {
  const out: Fraction[] = [];
  for (let i = 1; i < a.length; i++) out.push(a[i]!.mul(i));
  return trim(out);
}

/** Evaluate at a decimal point x (Horner), at `digits` significant digits. */
export function polyEvalDecimal(a: Poly, x: Decimal, digits: number): Decimal {
  const D = decimalContext(digits);
  let acc = new D(0);
  for (let i = a.length - 1; i >= 0; i--) acc = acc.mul(x).add(fractionToDecimal(a[i]!, digits));
  return acc;
}

/**
 * The monic polynomial s with s^2 = a (a monic), or undefined if a is not a square.
 * Coefficients of s are found from the top down and the result is verified by squaring.
 */
export function polySqrtMonic(a: Poly): Poly | undefined {
  const n = a.length - 1;
  if (n < 0) return [];
  if (n % 2 !== 0) return undefined;
  const m = n / 2;
  // s = x^m + s_{m-1} x^{m-1} + ...; coefficient of x^{m+k} in s^2 fixes s_k for k = m-1 down to 0.
  const s: Fraction[] = new Array<Fraction>(m + 1).fill(ZERO);
  s[m] = new Fraction(1);
  for (let k = m - 1; k >= 0; k--) {
    let acc = a[m + k]!;
    for (let i = k + 1; i < m; i++) {
      const j = m + k - i;
      if (j > k && j <= m) acc = acc.sub(s[i]!.mul(s[j]!));
    }
    s[k] = acc.div(2);
  }
  return polyEquals(polyMul(s, s), a) ? trim(s) : undefined;
}

/**
 * Integer-coefficient form of a numerator/denominator pair: returns [N, D] with integer coefficients,
 * D's leading coefficient positive and the gcd of all coefficients of N and D equal to 1.
 */
export function polyPairToIntegers(num: Poly, den: Poly): [bigint[], bigint[]] {
  let l = 1n;
  const gcd = (x: bigint, y: bigint): bigint => {
    x = x < 0n ? -x : x;
    y = y < 0n ? -y : y;
    while (y !== 0n) [x, y] = [y, x % y];
    return x;
  };
  for (const c of [...num, ...den]) l = (l / gcd(l, c.d)) * c.d;
  const toInt = (p: Poly): bigint[] =>
    p.map((c) => {
      const [n, d] = fractionParts(c);
      return (n * l) / d;
    });
  let N = toInt(num);
  let Dn = toInt(den);
  let g = 0n;
  for (const c of [...N, ...Dn]) g = gcd(g, c);
  if (g > 1n) {
    N = N.map((c) => c / g);
    Dn = Dn.map((c) => c / g);
  }
  return [N, Dn];
}
