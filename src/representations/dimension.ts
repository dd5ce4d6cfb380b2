import Fraction from "fraction.js";
import type { Decimal } from "decimal.js";
import type { DecimalField } from "../numbers/decimalField.js";
import { polyConst, polyMul, type Poly } from "../numbers/polynomial.js";
import { Q } from "../numbers/rational.js";
import { conjugatePartition, hookProduct, type Partition } from "./characters.js";

/**
 * The dimension of an irreducible [n - |mu|, mu] (x) psi of S_n x S_p as a polynomial in d, n = d - p,
 * held factored: scale * prod_i (d - roots[i]) (docs/hessian.md, "dimensions").
 */
export interface DimensionPolynomial {
  /** The constant factor, a positive rational. */
  readonly scale: Fraction;
  /** The integer roots in d, ascending (with repetition). */
  readonly roots: readonly number[];
}

/**
 * dim [n - k, mu] for |mu| = k, by the hook length formula with the first row's hooks written out:
 * the first-row cell j has hook n - k - j + 1 + mu'_j, so
 *   dim = n (n-1) ... (n - k - mu_1 + 1) / ( prod_{j <= mu_1} (n - (k + j - 1 - mu'_j)) * H(mu) ),
 * H(mu) the hook product of mu. The quotient is a polynomial, so every denominator root cancels a
 * numerator root; times dim psi, and shifted to d = n + p.
 */
export function dimensionPolynomial(mu: Partition, psiDimension: number, p: number): DimensionPolynomial {
  const k = mu.reduce((s, x) => s + x, 0);
  const mu1 = mu[0] ?? 0;
  const conj = conjugatePartition(mu);
  const numerator: number[] = [];
  for (let i = 0; i < k + mu1; i++) numerator.push(i);
  for (let j = 1; j <= mu1; j++) {
    const root = k + j - 1 - conj[j - 1]!;
    const at = numerator.indexOf(root);
    if (at < 0) throw new Error(`dimension of [n-${k},${mu.join(",")}]: the hook formula left the root ${root} in the denominator`);
    numerator.splice(at, 1);
  }
  return { scale: new Fraction(psiDimension, hookProduct(mu)), roots: numerator.map((r) => r + p).sort((a, b) => a - b) };
}

/** The value at an integer or real d given as a number (exact for the integer d of tests). */
export function dimensionAtNumber(D: DimensionPolynomial, d: number): number {
  return (D.roots.reduce((acc, r) => acc * (d - r), 1) * Number(D.scale.s * D.scale.n)) / Number(D.scale.d);
}

/** The value at a real d in Decimal arithmetic. */
export function dimensionAtDecimal(F: DecimalField, D: DimensionPolynomial, d: Decimal): Decimal {
  let v = F.fromRational(D.scale.s * D.scale.n, D.scale.d);
  for (const r of D.roots) v = F.mul(v, F.sub(d, F.fromInt(r)));
  return v;
}

/** The expanded polynomial in d (coefficients from the constant term up). */
export function dimensionExpanded(D: DimensionPolynomial): Poly<Fraction> {
  let poly: Poly<Fraction> = polyConst(Q, D.scale);
  for (const r of D.roots) poly = polyMul(Q, poly, [new Fraction(-r), new Fraction(1)]);
  return poly;
}

/** The factored form as text, e.g. "1", "d-2", "(d-2)(d-5)/2", "2(d-4)". */
export function dimensionFormula(D: DimensionPolynomial): string {
  const num = D.scale.s * D.scale.n;
  const den = D.scale.d;
  const factors = D.roots.map((r) => (r === 0 ? "d" : r > 0 ? `d-${r}` : `d+${-r}`));
  if (factors.length === 0) return den === 1n ? `${num}` : `${num}/${den}`;
  const body = factors.length === 1 && num === 1n && den === 1n ? factors[0]! : factors.map((f) => (f === "d" ? "d" : `(${f})`)).join("");
  return `${num === 1n ? "" : `${num}`}${body}${den === 1n ? "" : `/${den}`}`;
}
