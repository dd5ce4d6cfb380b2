import type { RealField } from "../numbers/field.js";
import type { Matrix } from "./matrix.js";
import { SingularMatrixError, solveLinear } from "./solve.js";

/**
 * Newton's method for G(y) = 0 over a real field (float64, Decimal), written once (docs/linalg.md,
 * "Newton"): each step solves J(y) dy = -G(y), optionally damps it to t dy, and measures it. It returns a
 * converged point or throws NewtonError, never an unconverged point.
 */

/** Why a Newton iteration failed. */
export type NewtonFailureReason = "singular Jacobian" | "diverged" | "stopped converging" | "step limit";

/** The one failure of newtonSolve (and of the callers built on it): the reason, the steps taken, the last residual. */
export class NewtonError<T = unknown> extends Error {
  override readonly name = "NewtonError";
  constructor(
    readonly reason: NewtonFailureReason,
    /** Steps taken before the failure. */
    readonly steps: number,
    /** The residual norm at the last point evaluated. */
    readonly lastResidual: T,
    message: string,
  ) {
    super(message);
  }
}

/** G and its Jacobian at a point; `residualNorm` is what a failure reports (default max_i |G_i|). */
export interface NewtonEvaluation<T> {
  readonly residual: readonly T[];
  readonly jacobian: Matrix<T>;
  readonly residualNorm?: T;
}

export interface NewtonOptions<T> {
  /** Converged when the measured step is at most this. */
  readonly tolerance: T;
  /** Steps before failing with "step limit". */
  readonly maxSteps: number;
  /**
   * The noise floor of the working precision: once a step no longer shrinks (size >= the previous size)
   * but is below this, the point is accepted. Default: no such acceptance.
   */
  readonly noiseFloor?: T;
  /** Fail with "stopped converging" when a step after this many grows (size > the previous size). */
  readonly stallAfter?: number;
  /** The damping factor t of the step dy at y (the step taken is t dy). Default: undamped. */
  readonly damping?: (y: readonly T[], step: readonly T[]) => T;
  /**
   * The size of the step taken from y to next (default: relative, max_i |step_i| / max(1, max_i |next_i|)).
   * A non-finite size is a divergence.
   */
  readonly stepSize?: (y: readonly T[], step: readonly T[], next: readonly T[]) => T;
  /** What is being solved, for the messages (e.g. "Newton on grad_W L_P = 0 at d = 7.25"). */
  readonly what?: string;
}

export interface NewtonSolution<T> {
  readonly y: T[];
  /** Steps taken, and the measured size of each. */
  readonly steps: number;
  readonly stepSizes: T[];
}

/** max_i |v_i| (0 for an empty vector); NaN when some v_i is NaN (NaN is the one element unequal to itself). */
export function maxAbs<T>(F: RealField<T>, v: readonly T[]): T {
  let m = F.zero();
  for (const x of v) {
    if (!F.equals(x, x)) return x;
    if (F.lt(m, F.abs(x))) m = F.abs(x);
  }
  return m;
}

/** The default step size: max_i |step_i| / max(1, max_i |next_i|). */
export function relativeStep<T>(F: RealField<T>, step: readonly T[], next: readonly T[]): T {
  const scale = maxAbs(F, next);
  return F.div(maxAbs(F, step), F.lt(scale, F.one()) ? F.one() : scale);
}

/** Solve G(y) = 0 by Newton's method from y0 (see the module comment and NewtonOptions). */
export function newtonSolve<T>(F: RealField<T>, y0: readonly T[], evaluate: (y: readonly T[]) => NewtonEvaluation<T>, options: NewtonOptions<T>): NewtonSolution<T> {
  const what = options.what ?? "Newton";
  let y = y0.slice();
  const stepSizes: T[] = [];
  let lastResidual = F.zero();
  const fail = (reason: NewtonFailureReason, detail: string): never => {
    throw new NewtonError(reason, stepSizes.length, lastResidual, `${what}: ${detail} (last residual ${F.toString(lastResidual)})`);
  };
  for (let it = 1; it <= options.maxSteps; it++) {
    const e = evaluate(y);
    lastResidual = e.residualNorm ?? maxAbs(F, e.residual);
    let step: T[];
    try {
      step = solveLinear(F, e.jacobian, e.residual.map((g) => F.neg(g)));
    } catch (err) {
      if (!(err instanceof SingularMatrixError)) throw err;
      return fail("singular Jacobian", `the Jacobian is singular at step ${it}: ${err.message}`);
    }
    if (options.damping !== undefined) {
      const t = options.damping(y, step);
      step = step.map((s) => F.mul(t, s));
    }
    const next = y.map((v, i) => F.add(v, step[i]!));
    const size = options.stepSize?.(y, step, next) ?? relativeStep(F, step, next);
    if (!Number.isFinite(F.toNumber(size))) fail("diverged", `the iteration diverged at step ${it}`);
    y = next;
    const previous = stepSizes[stepSizes.length - 1];
    stepSizes.push(size);
    const solution = (): NewtonSolution<T> => ({ y, steps: it, stepSizes });
    if (!F.lt(options.tolerance, size)) return solution();
    if (previous === undefined) continue;
    if (options.noiseFloor !== undefined && !F.lt(size, previous) && F.lt(size, options.noiseFloor)) return solution();
    if (options.stallAfter !== undefined && it > options.stallAfter && F.lt(previous, size)) {
      fail("stopped converging", `the step grew from ${F.toString(previous)} to ${F.toString(size)} after ${it} steps`);
    }
  }
  return fail("step limit", `no convergence in ${options.maxSteps} steps (last step ${stepSizes.length === 0 ? "none" : F.toString(stepSizes[stepSizes.length - 1]!)})`);
}

/**
 * The orders reached by Newton–Hensel lifting of a power series from O(eps^1) to O(eps^order), each step
 * at most doubling the known order (docs/series-derivation.md, "Schedule"). `shortest`: the shortest such
 * chain ending at `order` (order 9: 2, 3, 5, 9), which spares the residual at the largest intermediate
 * order; otherwise plain doubling capped at `order` (2, 4, 8, 9).
 */
export function liftingSchedule(order: number, shortest: boolean): number[] {
  const steps: number[] = [];
  if (shortest) for (let t = order; t > 1; t = Math.ceil(t / 2)) steps.unshift(t);
  else for (let t = 2; t < 2 * order; t *= 2) steps.push(Math.min(t, order));
  return steps;
}
