import type { Decimal } from "decimal.js";
import { familyPattern } from "../../src/families/critical.js";
import type { FamilyDefinition } from "../../src/families/definition.js";
import { symmetricEigenvalues } from "../../src/linalg/symmetricEigen.js";
import { BigFloatField } from "../../src/numbers/bigFloatField.js";
import { hessian } from "../../src/model/evaluator.js";
import type { DecimalField } from "../../src/numbers/decimalField.js";
import { embed } from "../../src/patterns/embedding.js";

export { fullSpectrumFloat64, unionWithMultiplicity } from "../../src/reproduce/fullHessianCheck.js";

// The independent side of the Hessian checks: the spectrum of the full (d^2 + d) x (d^2 + d) Hessian of
// the unstructured evaluator at the family point embedded into (W, a), and the block side unrolled into
// one list with multiplicities (float64 and the union shared with the reproduce check,
// src/reproduce/fullHessianCheck.ts).

/**
 * The full Hessian spectrum at D's digits, ascending: the Hessian from the decimal.js evaluator, its
 * eigenvalues by the same Householder-QL in binary big floats of D's digits (correctly rounded arithmetic,
 * test/bigFloatField.test.ts; three times faster than in decimal.js, which was 70% of the check).
 */
export function fullSpectrumDecimal(D: DecimalField, f: FamilyDefinition, x: readonly Decimal[], d: number): Decimal[] {
  const { W, a } = embed(familyPattern(f), x.map((v) => D.from(v)), d);
  const B = new BigFloatField(D.digits);
  return symmetricEigenvalues(B, hessian(D, W, a).map((row) => row.map((v) => B.fromDecimal(v)))).map((v) => D.from(B.toDecimal(v, D.digits + 5)));
}

/** The integers from the smallest in the family's range to `top`, descending (continuation runs downward). */
export function integerDimensions(f: FamilyDefinition, top: number): number[] {
  const out: number[] = [];
  for (let d = top; d >= Math.ceil(Number(f.range.min)); d--) out.push(d);
  return out;
}
