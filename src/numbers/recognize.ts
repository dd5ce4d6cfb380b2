import Fraction from "fraction.js";
import type { Decimal } from "decimal.js";
import { decimalContext, decimalPi } from "./decimalContext.js";
import { findIntegerRelation, relationDefect } from "./integerRelation.js";
import { QPI, type QPi } from "./qpi.js";

/**
 * Candidate exact values in Q(pi) for high-precision decimals, from integer relations (docs/recognition.md).
 * A recognised value is a candidate only: exactness comes from confirming it in an exact system.
 */

export interface RecognizeOptions {
  /** Significant digits to which x is correct. */
  digits: number;
  /** Largest degree in pi of the numerator and denominator (default 2). */
  maxDegree?: number;
  /** Largest absolute value of an integer coefficient (default 1e6). */
  maxCoefficient?: number;
}

export interface Recognized {
  /** The candidate p(pi)/q(pi), normalised by QPI.fromPolys. */
  value: QPi;
  /** |x - value|, with value evaluated at `digits` digits. */
  residual: Decimal;
  /** The largest |coefficient| of the relation a(pi) + x b(pi) = 0 that was found. */
  height: bigint;
}

/** The relation must cancel its terms to all but this many of the input digits. */
export const RECOGNITION_GUARD_DIGITS = 10;
/**
 * Digits kept in reserve beyond the unknown integer digits: with n coefficients of height H, a relation
 * is accepted only if n log10 H <= digits - RECOGNITION_GUARD_DIGITS - RECOGNITION_SAFETY_DIGITS, so a
 * chance relation of that size holds to the required digits with probability about 10^-SAFETY.
 */
export const RECOGNITION_SAFETY_DIGITS = 10;

/**
 * The largest height worth searching for n unknown integers at `digits` digits: the unknown integer
 * digits n log10 H must stay below the digits the relation is checked to, less a safety margin.
 */
function significantHeight(n: number, digits: number, maxCoefficient: number): number {
  const spare = digits - RECOGNITION_GUARD_DIGITS - RECOGNITION_SAFETY_DIGITS;
  return Math.min(maxCoefficient, Math.floor(10 ** (spare / n)));
}

/**
 * A candidate x = p(pi)/q(pi) with p, q integer polynomials of degree <= maxDegree and coefficients at
 * most maxCoefficient, from an integer relation among [1, pi, ..., pi^k, x, x pi, ..., x pi^k] found by
 * PSLQ, for k = 0, 1, ..., maxDegree in turn (the first k that yields an accepted relation wins). A relation
 * a(pi) + x b(pi) = 0 is accepted when b != 0, its height H is at most maxCoefficient, it cancels its
 * terms to at least digits - 10 digits, and its 2k + 2 unknown integers have clearly fewer digits than x:
 * (2k + 2) log10 H <= digits - 20. Returns undefined when no degree gives an accepted relation, in
 * particular when `digits` is too small for any relation to be significant ("not enough precision to
 * recognise").
 */
export function recognizeQPi(x: Decimal, options: RecognizeOptions): Recognized | undefined {
  const { digits } = options;
  const maxDegree = options.maxDegree ?? 2;
  const maxCoefficient = options.maxCoefficient ?? 1e6;
  if (!Number.isInteger(maxDegree) || maxDegree < 0) {
    throw new RangeError(`recognizeQPi: maxDegree must be a non-negative integer, got ${maxDegree}`);
  }
  if (!(maxCoefficient >= 1)) throw new RangeError(`recognizeQPi: maxCoefficient must be >= 1, got ${maxCoefficient}`);
  if (!x.isFinite()) return undefined;
  const work = digits + RECOGNITION_GUARD_DIGITS;
  const W = decimalContext(work);
  const pi = decimalPi(work);
  const X = new W(x);

  for (let k = 0; k <= maxDegree; k++) {
    const n = 2 * k + 2;
    const maxHeight = significantHeight(n, digits, maxCoefficient);
    if (maxHeight < 1) break; // not enough precision for this degree, nor for any higher one
    const powers = [new W(1)];
    for (let i = 1; i <= k; i++) powers.push(powers[i - 1]!.mul(pi));
    const values = [...powers, ...powers.map((p) => X.mul(p))];
    const relation = findIntegerRelation(values, {
      digits,
      maxNorm: Math.sqrt(n) * maxHeight,
      guardDigits: RECOGNITION_GUARD_DIGITS,
    });
    if (relation === undefined) continue;
    const a = relation.slice(0, k + 1);
    const b = relation.slice(k + 1);
    // b = 0 would be a relation among powers of pi alone: impossible, pi being transcendental.
    if (b.every((c) => c === 0n)) continue;
    const height = relation.reduce((h, c) => (c < 0n ? (-c > h ? -c : h) : c > h ? c : h), 0n);
    if (height > BigInt(maxHeight)) continue;
    if (relationDefect(values, relation, digits).gt(`1e${-(digits - RECOGNITION_GUARD_DIGITS)}`)) continue;
    // a(pi) + x b(pi) = 0, so x = -a(pi) / b(pi).
    const value = QPI.fromPolys(
      trimPoly(a.map((c) => new Fraction(-c))),
      trimPoly(b.map((c) => new Fraction(c))),
    );
    const D = decimalContext(digits);
    const residual = new D(x).sub(QPI.toDecimal(value, digits)).abs();
    return { value, residual, height };
  }
  return undefined;
}

/** Drop zero leading coefficients, as Poly requires. */
function trimPoly(c: Fraction[]): Fraction[] {
  let n = c.length;
  while (n > 0 && c[n - 1]!.n === 0n) n--;
  return c.slice(0, n);
}
