import type { Decimal } from "decimal.js";
import { familyPattern } from "../../src/families/critical.js";
import type { FamilyDefinition } from "../../src/families/definition.js";
import { symmetricEigenvalues } from "../../src/linalg/symmetricEigen.js";
import { symmetricEigenvaluesFloat64 } from "../../src/linalg/symmetricEigenFloat64.js";
import { hessian } from "../../src/model/evaluator.js";
import type { DecimalField } from "../../src/numbers/decimalField.js";
import { F64 } from "../../src/numbers/floatField.js";
import { embed } from "../../src/patterns/embedding.js";

// The independent side of the Hessian checks: the spectrum of the full (d^2 + d) x (d^2 + d) Hessian of
// the unstructured evaluator at the family point embedded into (W, a), and the block side unrolled into
// one list with multiplicities.

/** The full Hessian spectrum in float64, ascending. */
export function fullSpectrumFloat64(f: FamilyDefinition, x: readonly number[], d: number): number[] {
  const { W, a } = embed(familyPattern(f), x, d);
  return symmetricEigenvaluesFloat64(hessian(F64, W, a));
}

/** The full Hessian spectrum in the Decimal field D, ascending. */
export function fullSpectrumDecimal(D: DecimalField, f: FamilyDefinition, x: readonly Decimal[], d: number): Decimal[] {
  const { W, a } = embed(familyPattern(f), x.map((v) => D.from(v)), d);
  return symmetricEigenvalues(D, hessian(D, W, a));
}

/** Block eigenvalues, each repeated by the dimension of its irreducible at the integer d, ascending. */
export function unionWithMultiplicity<T>(blocks: { dimension: number; values: T[] }[], compare: (x: T, y: T) => number): T[] {
  const out: T[] = [];
  for (const b of blocks) {
    if (!Number.isInteger(b.dimension) || b.dimension < 1) throw new Error(`dimension ${b.dimension} is not a positive integer`);
    for (const v of b.values) for (let i = 0; i < b.dimension; i++) out.push(v);
  }
  return out.sort(compare);
}

/** The integers from the smallest in the family's range to `top`, descending (continuation runs downward). */
export function integerDimensions(f: FamilyDefinition, top: number): number[] {
  const out: number[] = [];
  for (let d = top; d >= Math.ceil(Number(f.range.min)); d--) out.push(d);
  return out;
}
