import type { FamilyDefinition } from "../families/definition.js";
import { familyCriticalPoint, familyPattern } from "../families/critical.js";
import type { FamilySpectrum } from "../hessian/spectrum.js";
import { symmetricEigenvaluesFloat64 } from "../linalg/symmetricEigenFloat64.js";
import { hessian } from "../model/evaluator.js";
import { F64 } from "../numbers/floatField.js";
import { embed } from "../patterns/embedding.js";

/** Relative tolerance of the check (float64 full Hessian; observed errors are below 1e-12). */
export const FULL_HESSIAN_TOLERANCE = 1e-10;

export interface FullHessianCheck {
  readonly d: number;
  /** d^2 + d: the eigenvalues on each side. */
  readonly size: number;
  /** max_k |block_k - full_k| over both lists sorted, and the scale max(1, max |full|) it is measured against. */
  readonly worstDifference: number;
  readonly scale: number;
  readonly passed: boolean;
}

/**
 * The block spectrum at an integer d (each eigenvalue repeated by its irreducible's dimension) against the
 * spectrum of the full (d^2 + d) x (d^2 + d) Hessian of the independent evaluator at the embedded point.
 */
export function fullHessianCheck(f: FamilyDefinition, s: FamilySpectrum, digits: number): FullHessianCheck {
  const d = s.d.toNumber();
  if (!Number.isInteger(d)) throw new Error(`full-Hessian check needs an integer d, got ${d}`);
  const union: number[] = [];
  for (const c of s.components) {
    const m = c.dimension.toNumber();
    for (const v of c.eigenvalues) for (let i = 0; i < m; i++) union.push(v.toNumber());
  }
  union.sort((u, v) => u - v);
  const x = familyCriticalPoint(f, String(d), digits).x.map((v) => v.toNumber());
  const { W, a } = embed(familyPattern(f), x, d);
  const full = symmetricEigenvaluesFloat64(hessian(F64, W, a));
  const size = d * d + d;
  const scale = Math.max(1, ...full.map(Math.abs));
  const worstDifference = union.length === full.length ? Math.max(...full.map((v, k) => Math.abs(v - union[k]!))) : Infinity;
  return { d, size, worstDifference, scale, passed: union.length === size && full.length === size && worstDifference <= FULL_HESSIAN_TOLERANCE * scale };
}
