import { F64 } from "../numbers/floatField.js";
import { NewtonError, newtonSolve, type NewtonEvaluation, type NewtonOptions } from "./newton.js";
import { SingularMatrixError, solveLinear } from "./solve.js";

/**
 * A branch y(d) of zeros of G(y; d) followed in float64 by steps in log d (docs/linalg.md, "branch64.ts"):
 * the one predictor-corrector of the float64 walks (docs/families.md §12, docs/bifurcation.md §4). Each step
 * predicts along the tangent dy/dd = -J^{-1} dG/dd, corrects by newtonSolve at the new d, and is rejected as
 * a jump to another branch when the correction exceeds half the predictor's move plus an allowance; a
 * rejected or failed step is halved in log d, and below the shortest step the walk ends there (a fold).
 * The callers differ only in how they evaluate G, J and dG/dd, in the step rule and in the Newton options.
 */

/** G, its Jacobian in y, and its derivative in d, as the caller evaluates them. */
export interface BranchSystem64 {
  /** G at (y, d) and its Jacobian in y, for the corrector (newtonSolve). */
  readonly evaluate: (y: readonly number[], d: number) => NewtonEvaluation<number>;
  /** The Jacobian in y and dG/dd at (y, d), for the tangent (rows may be scaled alike: the tangent is the same). */
  readonly derivatives: (y: readonly number[], d: number) => { readonly jacobian: number[][]; readonly dd: number[] };
  /** The corrector's options at d (tolerance, steps, noise floor, ...). */
  readonly newton: (d: number) => NewtonOptions<number>;
}

export interface StepRule64 {
  /** The first step in |log d|; undefined: the whole way at once. */
  readonly initial?: number;
  /** The step after a step taken (from the one just taken). */
  readonly grow: (h: number) => number;
  /** The walk ends where a step below this (in |log d|) still fails. */
  readonly shortest: number;
  /** The jump test's allowance (a correction beyond half the predictor's move plus this is a jump). */
  readonly jumpAllowance: number;
}

/** The walk reached the d asked for (y there), or ended at d (a fold: no step from there). */
export type BranchWalk64 = { readonly reached: true; readonly y: number[] } | { readonly reached: false; readonly d: number; readonly y: number[] };

/** The correction's size that counts as a jump: max |corrected - predicted| against max |predicted - y| (at least 1e-6). */
function jumped(y: readonly number[], predicted: readonly number[], corrected: readonly number[], allowance: number): boolean {
  let jump = 0;
  let moved = 1e-6;
  predicted.forEach((p, i) => {
    jump = Math.max(jump, Math.abs(corrected[i]! - p));
    moved = Math.max(moved, Math.abs(p - y[i]!));
  });
  return jump > 0.5 * moved + allowance;
}

/** One step from (y, d) to next: the corrected point, or undefined on a singular tangent, a failed corrector or a jump. */
export function predictCorrect64(system: BranchSystem64, y: readonly number[], d: number, next: number, jumpAllowance: number): number[] | undefined {
  try {
    const { jacobian, dd } = system.derivatives(y, d);
    const tangent = solveLinear(F64, jacobian, dd.map((v) => -v));
    const predicted = y.map((v, i) => v + tangent[i]! * (next - d));
    const corrected = newtonSolve(F64, predicted, (z) => system.evaluate(z, next), system.newton(next)).y;
    if (!corrected.every(Number.isFinite) || jumped(y, predicted, corrected, jumpAllowance)) return undefined;
    return corrected;
  } catch (e) {
    if (e instanceof NewtonError || e instanceof SingularMatrixError) return undefined;
    throw e;
  }
}

/** Follow the branch from (y0, from) to `to` (module comment). */
export function followBranch64(system: BranchSystem64, y0: readonly number[], from: number, to: number, rule: StepRule64): BranchWalk64 {
  let y = y0.slice();
  let d = from;
  let h = rule.initial ?? Math.abs(Math.log(to / from));
  while (d !== to) {
    const remaining = Math.log(to / d);
    const next = Math.abs(remaining) <= h ? to : d * Math.exp(Math.sign(remaining) * h);
    const corrected = predictCorrect64(system, y, d, next, rule.jumpAllowance);
    if (corrected !== undefined) {
      y = corrected;
      d = next;
      h = rule.grow(h);
    } else {
      h /= 2;
      if (h < rule.shortest) return { reached: false, d, y };
    }
  }
  return { reached: true, y };
}
