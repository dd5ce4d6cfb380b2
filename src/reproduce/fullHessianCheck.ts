import type { FamilyDefinition } from "../families/definition.js";
import { familyCriticalPoint, familyPattern } from "../families/critical.js";
import { familyWidthOffset } from "../families/models.js";
import type { FamilySpectrum } from "../hessian/spectrum.js";
import { symmetricEigenvaluesFloat64 } from "../linalg/symmetricEigenFloat64.js";
import { hessian } from "../model/evaluator.js";
import type { SecondLayer } from "../model/studentModel.js";
import { F64 } from "../numbers/floatField.js";
import { embed } from "../patterns/embedding.js";

/** Relative tolerance of the check (float64 full Hessian; observed errors are below 1e-12). */
export const FULL_HESSIAN_TOLERANCE = 1e-10;

export interface FullHessianCheck {
  readonly d: number;
  /** fullHessianSize: the eigenvalues on each side. */
  readonly size: number;
  /** max_k |block_k - full_k| over both lists sorted, and the scale max(1, max |full|) it is measured against. */
  readonly worstDifference: number;
  readonly scale: number;
  readonly passed: boolean;
}

/**
 * The spectrum of the full Hessian of the independent evaluator at the family point x embedded at integer
 * d, float64, ascending: of size fullHessianSize (W and a, or W alone with a fixed second layer).
 */
export function fullSpectrumFloat64(f: FamilyDefinition, x: readonly number[], d: number, secondLayer: SecondLayer = "trained"): number[] {
  const { W, a } = embed(familyPattern(f), x, d);
  return symmetricEigenvaluesFloat64(hessian(F64, W, a, secondLayer));
}

/** The size of the full Hessian at integer d: k d + k with a trained second layer, k d with a fixed one (k = d + h, the family's width). */
export function fullHessianSize(f: FamilyDefinition, d: number, secondLayer: SecondLayer): number {
  const k = d + familyWidthOffset(f);
  return secondLayer === "trained" ? k * d + k : k * d;
}

/** Block eigenvalues, each repeated by the dimension of its irreducible at the integer d, ascending. */
export function unionWithMultiplicity<T>(blocks: readonly { dimension: number; values: readonly T[] }[], compare: (x: T, y: T) => number): T[] {
  const out: T[] = [];
  for (const b of blocks) {
    if (!Number.isInteger(b.dimension) || b.dimension < 1) throw new Error(`dimension ${b.dimension} is not a positive integer`);
    for (const v of b.values) for (let i = 0; i < b.dimension; i++) out.push(v);
  }
  return out.sort(compare);
}

/**
 * The block spectrum at an integer d (each eigenvalue repeated by its irreducible's dimension) against the
 * spectrum of the full Hessian of the independent evaluator at the embedded point, in the spectrum's model:
 * of size fullHessianSize (W and a with a trained second layer, W alone with a fixed one).
 */
export function fullHessianCheck(f: FamilyDefinition, s: FamilySpectrum, digits: number): FullHessianCheck {
  const d = s.d.toNumber();
  if (!Number.isInteger(d)) throw new Error(`full-Hessian check needs an integer d, got ${d}`);
  const union = unionWithMultiplicity(
    s.components.map((c) => ({ dimension: c.dimension.toNumber(), values: c.eigenvalues.map((v) => v.toNumber()) })),
    (u, v) => u - v,
  );
  const { secondLayer } = s.model;
  const full = fullSpectrumFloat64(f, familyCriticalPoint(f, String(d), digits).x.map((v) => v.toNumber()), d, secondLayer);
  const size = fullHessianSize(f, d, secondLayer);
  const scale = Math.max(1, ...full.map(Math.abs));
  const worstDifference = union.length === full.length ? Math.max(...full.map((v, k) => Math.abs(v - union[k]!))) : Infinity;
  return { d, size, worstDifference, scale, passed: union.length === size && full.length === size && worstDifference <= FULL_HESSIAN_TOLERANCE * scale };
}
