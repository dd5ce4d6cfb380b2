import type { SecondLayer } from "../model/studentModel.js";
import { hessian } from "../model/evaluator.js";
import { symmetricEigenvaluesFloat64 } from "../linalg/symmetricEigenFloat64.js";
import { F64 } from "../numbers/floatField.js";
import { Pattern } from "../patterns/pattern.js";
import { normaliseGauge } from "./gauge.js";
import { DEFAULT_ISOTROPY_TOLERANCE, detectIsotropy } from "./isotropy.js";
import { referenceGradientNorm } from "./train.js";

/**
 * Analysis of one critical point (docs/discovery.md §3–§5): gauge |a_i| = 1, isotropy, loss,
 * pattern parameters, and the inertia of the full Hessian (evaluator, float64) in that gauge.
 */

/** Default relative tolerance below which an eigenvalue counts as zero: 1e-8 max(1, max |lambda|). */
export const DEFAULT_EIGENVALUE_TOLERANCE = 1e-8;

export interface ClassifyOptions {
  readonly isotropyTolerance?: number;
  readonly eigenvalueTolerance?: number;
}

export interface CriticalPointAnalysis {
  /** p of Delta(S_{d-p} x S_p) (with the extra rows or columns of k != d as one more class), or null ("other"). */
  readonly p: number | null;
  /** The split [s, t] of the special indices into the classes B and D, when they form two (docs/patterns.md §2.4). */
  readonly split?: readonly [number, number];
  /**
   * Signs of a: per row class A, B, E of the pattern when p is known (no B for p = 0, no E for k <= d), else
   * per colour class (see IsotropyResult.classSizes), "?" where a is not constant on the class.
   */
  readonly signs: string[];
  readonly classSizes: number[];
  readonly loss: number;
  /** Evaluator's full gradient norm in the gauge |a_i| = 1. */
  readonly gradientNorm: number;
  /** Number of Hessian eigenvalues < -tol, |lambda| <= tol, > tol (the gauge gives d zeros). */
  readonly negative: number;
  readonly zero: number;
  readonly positive: number;
  /** The eigenvalue tolerance used (absolute). */
  readonly eigenvalueTolerance: number;
  /** The smallest |lambda| among the eigenvalues counted as nonzero (how clear the count is). */
  readonly smallestNonzero: number;
  /** Pattern parameters by alias (x1.., y1..) in the gauge |a_i| = 1; empty for "other". */
  readonly params: Record<string, number>;
  /** Relative deviation of the point from its pattern projection (NaN for "other"). */
  readonly isotropyDeviation: number;
  /** The point in the gauge |a_i| = 1 and the canonical frame (A first, then B). */
  readonly W: number[][];
  readonly a: number[];
}

/** The cheap part of the analysis: everything but the Hessian (see CriticalPointAnalysis). */
export type CriticalPointDescription = Omit<CriticalPointAnalysis, keyof HessianInertia>;

/** Inertia of the full Hessian (see CriticalPointAnalysis). */
export interface HessianInertia {
  readonly negative: number;
  readonly zero: number;
  readonly positive: number;
  readonly eigenvalueTolerance: number;
  readonly smallestNonzero: number;
}

/**
 * Gauge |a_i| = 1, isotropy, canonical frame, loss, gradient norm and pattern parameters of the critical
 * point (W, a), W of size k x d, given in any gauge with every a_i != 0.
 */
export function describeCriticalPoint(W: readonly (readonly number[])[], a: readonly number[], isotropyTolerance = DEFAULT_ISOTROPY_TOLERANCE): CriticalPointDescription {
  const gauged = normaliseGauge(W, a);
  const iso = detectIsotropy(gauged.W, gauged.a, isotropyTolerance);
  const Wc = iso.rows.map((r) => iso.order.map((c) => gauged.W[r]![c]!));
  const ac = iso.rows.map((r) => gauged.a[r]!);
  const { loss, gradientNorm } = referenceGradientNorm(Wc, ac);
  const sign = (x: number): string => (Number.isNaN(x) ? "?" : x > 0 ? "+" : "-");
  const params: Record<string, number> = {};
  let signs: string[];
  if (iso.p === null) {
    signs = iso.classA.map(sign);
  } else {
    const P = Pattern.isotropy(iso.p, W.length - W[0]!.length, iso.split);
    P.params.forEach((q, k) => (params[q.alias!] = iso.params[k]!));
    // One sign per row class: A, B (p > 0), D (split), E (extra rows, k > d).
    signs = P.params.filter((q) => q.kind === "a").map((q) => sign(params[q.alias!]!));
  }
  return { p: iso.p, ...(iso.split === undefined ? {} : { split: iso.split }), signs, classSizes: iso.classSizes, loss, gradientNorm, params, isotropyDeviation: iso.deviation, W: Wc, a: ac };
}

/**
 * Inertia of the evaluator's full (k d + k) x (k d + k) Hessian at (W, a), float64: eigenvalues below
 * -tol, within [-tol, tol], above tol, with tol = relativeTolerance * max(1, max |lambda|). Call it in the
 * gauge |a_i| = 1; at a critical point the gauge contributes k zero eigenvalues. With a fixed second layer,
 * the k d x k d W-Hessian (no gauge zeros).
 */
export function hessianInertia(
  W: readonly (readonly number[])[],
  a: readonly number[],
  relativeTolerance = DEFAULT_EIGENVALUE_TOLERANCE,
  secondLayer: SecondLayer = "trained",
): HessianInertia {
  const values = symmetricEigenvaluesFloat64(hessian(F64, W.map((row) => row.slice()), a.slice(), secondLayer));
  const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const tol = relativeTolerance * Math.max(1, largest);
  let negative = 0;
  let zero = 0;
  let smallestNonzero = Number.POSITIVE_INFINITY;
  for (const v of values) {
    if (v < -tol) negative++;
    else if (v <= tol) zero++;
    if (Math.abs(v) > tol) smallestNonzero = Math.min(smallestNonzero, Math.abs(v));
  }
  return { negative, zero, positive: values.length - negative - zero, eigenvalueTolerance: tol, smallestNonzero };
}

/** Classify the critical point (W, a), W of size k x d, given in any gauge with every a_i != 0. */
export function classifyCriticalPoint(W: readonly (readonly number[])[], a: readonly number[], options: ClassifyOptions = {}): CriticalPointAnalysis {
  const description = describeCriticalPoint(W, a, options.isotropyTolerance);
  return { ...description, ...hessianInertia(description.W, description.a, options.eigenvalueTolerance) };
}
