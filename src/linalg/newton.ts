import type { RealField } from "../numbers/field.js";
import type { Matrix } from "./matrix.js";
import { SingularMatrixError, solveLinear } from "./solve.js";

/**
 * Newton's method for G(y) = 0 over a real field (float64, Decimal), written once (docs/linalg.md,
 * "Newton"): each step solves J(y) dy = -G(y), optionally damps it to t dy, and measures it (the step, or
 * the residual after it). Options make it a safeguarded chord method: a caller-supplied factorisation of J
 * kept across steps, backtracking on the residual norm, and a Levenberg–Marquardt fallback. It returns a
 * converged point or throws NewtonError, never an unconverged point.
 */

/** Why a Newton iteration failed ("no descent": backtracking rejected every step, the fallback's too). */
export type NewtonFailureReason = "singular Jacobian" | "diverged" | "stopped converging" | "step limit" | "no descent";

/** The one failure of newtonSolve (and of the callers built on it): the reason, the steps taken, the last residual and point. */
export class NewtonError<T = unknown> extends Error {
  override readonly name = "NewtonError";
  constructor(
    readonly reason: NewtonFailureReason,
    /** Steps taken before the failure. */
    readonly steps: number,
    /** The residual norm at the last iterate evaluated. */
    readonly lastResidual: T,
    /** The last iterate (a diverging step is not taken). */
    readonly lastPoint: readonly T[],
    message: string,
  ) {
    super(message);
  }
}

/**
 * G and its Jacobian at a point; `residualNorm` is what a failure reports and what backtracking and the
 * residual measure compare (default max_i |G_i|). The Jacobian may be a function, called only when a
 * step needs J at this point: the chord method (NewtonOptions.chord) spares it while a kept factorisation
 * serves.
 */
export interface NewtonEvaluation<T> {
  readonly residual: readonly T[];
  readonly jacobian: Matrix<T> | (() => Matrix<T>);
  readonly residualNorm?: T;
}

/** A factorisation of J: the solution of J x = rhs. */
export type LinearSolve<T> = (rhs: readonly T[]) => readonly T[];

export interface NewtonOptions<T> {
  /** Converged when the measured size is at most this. */
  readonly tolerance: T;
  /** Steps before failing with "step limit". */
  readonly maxSteps: number;
  /**
   * What the tolerance, the noise floor and stallAfter compare: "step" (default), the size of each step
   * (stepSize); "residual", the residual norm at each iterate, the start included (a start within the
   * tolerance takes no step). A non-finite size is a divergence.
   */
  readonly measure?: "step" | "residual";
  /**
   * The noise floor of the working precision: once a step makes no progress (progressFactor) but its size
   * is below this, the point is accepted. With the residual measure, so is a point below it from which no
   * step can be taken (a singular J, or every step rejected by backtracking), without the fallback.
   * Default: no such acceptance.
   */
  readonly noiseFloor?: T;
  /** A step makes progress when its size times this is below the previous size. Default 1: when it shrinks. */
  readonly progressFactor?: T;
  /** Fail with "stopped converging" when a step after this many grows (size > the previous size). */
  readonly stallAfter?: number;
  /** The damping factor t of the step dy at y (the step taken is t dy). Default: undamped. */
  readonly damping?: (y: readonly T[], step: readonly T[]) => T;
  /**
   * The size of the step taken from y to next (default: relative, max_i |step_i| / max(1, max_i |next_i|)),
   * for the step measure.
   */
  readonly stepSize?: (y: readonly T[], step: readonly T[], next: readonly T[]) => T;
  /** Factor J for the solve of J dy = -G; throws SingularMatrixError on a singular J. Default: solveLinear. */
  readonly factor?: (J: Matrix<T>) => LinearSolve<T>;
  /**
   * The chord method: the factorisation of J is kept for the following steps while each makes progress,
   * and renewed at the current point after a step that does not, or when a step from it is rejected
   * (backtrackHalvings). Default: J at every step.
   */
  readonly chord?: boolean;
  /**
   * Backtracking: a step is taken only if it lowers the residual norm, halved up to this many times
   * until it does, else rejected. Default: every step is taken.
   */
  readonly backtrackHalvings?: number;
  /**
   * The fallback when the step with J at the current point is singular or rejected: the steps of
   * J + mu max_i |J_ii| I (Levenberg–Marquardt) for each mu in turn, the first one taken (its
   * factorisation is not kept). Default: none, the iteration fails.
   */
  readonly levenbergMarquardt?: readonly T[];
  /** What is being solved, for the messages (e.g. "Newton on grad_W L_P = 0 at d = 7.25"). */
  readonly what?: string;
}

export interface NewtonSolution<T> {
  readonly y: T[];
  /** Steps taken, and the measured size of each (for the residual measure, the residual norm after it). */
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

/** J + mu max_i |J_ii| I: the Levenberg–Marquardt damping of J, scaled to its diagonal. */
function levenbergMarquardtDamped<T>(F: RealField<T>, J: Matrix<T>, mu: T): Matrix<T> {
  let maxDiagonal = F.zero();
  J.forEach((row, i) => {
    if (F.lt(maxDiagonal, F.abs(row[i]!))) maxDiagonal = F.abs(row[i]!);
  });
  const shift = F.mul(mu, maxDiagonal);
  return J.map((row, i) => row.map((h, j) => (i === j ? F.add(h, shift) : h)));
}

/** A step taken: the step, the point it reaches and, when backtracking evaluated it there, G at that point. */
interface TakenStep<T> {
  readonly step: readonly T[];
  readonly next: T[];
  readonly evaluation?: NewtonEvaluation<T>;
}

/** Solve G(y) = 0 by Newton's method from y0 (see the module comment and NewtonOptions). */
export function newtonSolve<T>(F: RealField<T>, y0: readonly T[], evaluate: (y: readonly T[]) => NewtonEvaluation<T>, options: NewtonOptions<T>): NewtonSolution<T> {
  const what = options.what ?? "Newton";
  const byResidual = options.measure === "residual";
  const factor = options.factor ?? ((J: Matrix<T>): LinearSolve<T> => (rhs) => solveLinear(F, J, rhs.slice()));
  const half = F.div(F.one(), F.fromInt(2));
  let y = y0.slice();
  const stepSizes: T[] = [];
  let lastResidual = F.zero();
  let kept: LinearSolve<T> | undefined;
  const fail = (reason: NewtonFailureReason, detail: string): never => {
    throw new NewtonError(reason, stepSizes.length, lastResidual, y, `${what}: ${detail} (last residual ${F.toString(lastResidual)})`);
  };
  const residualNorm = (e: NewtonEvaluation<T>): T => e.residualNorm ?? maxAbs(F, e.residual);
  const measured = byResidual ? "residual" : "step";
  const solution = (): NewtonSolution<T> => ({ y, steps: stepSizes.length, stepSizes });
  /** The step dy from y, damped, then backtracked when asked; undefined when backtracking rejects it. */
  const take = (dy: readonly T[]): TakenStep<T> | undefined => {
    let step = dy;
    if (options.damping !== undefined) {
      const t = options.damping(y, step);
      step = step.map((s) => F.mul(t, s));
    }
    if (options.backtrackHalvings === undefined) return { step, next: y.map((v, i) => F.add(v, step[i]!)) };
    for (let h = 0; h <= options.backtrackHalvings; h++, step = step.map((s) => F.mul(half, s))) {
      const next = y.map((v, i) => F.add(v, step[i]!));
      const evaluation = evaluate(next);
      if (F.lt(residualNorm(evaluation), lastResidual)) return { step, next, evaluation };
    }
    return undefined;
  };
  /** The step from y: the kept factorisation's, J's at y, then the fallback's; undefined at the noise floor. */
  const stepFrom = (e: NewtonEvaluation<T>, it: number): TakenStep<T> | undefined => {
    const rhs = e.residual.map((g) => F.neg(g));
    if (kept !== undefined) {
      const taken = take(kept(rhs));
      if (taken !== undefined) return taken;
      kept = undefined;
    }
    /** The factorisation of A and the solution of A dy = -G, or the SingularMatrixError raised. */
    const solveWith = (A: Matrix<T>): { solve: LinearSolve<T>; dy: readonly T[] } | SingularMatrixError => {
      try {
        const solve = factor(A);
        return { solve, dy: solve(rhs) };
      } catch (err) {
        if (err instanceof SingularMatrixError) return err;
        throw err;
      }
    };
    const J = typeof e.jacobian === "function" ? e.jacobian() : e.jacobian;
    const newton = solveWith(J);
    if (!(newton instanceof SingularMatrixError)) {
      const taken = take(newton.dy);
      if (taken !== undefined) {
        if (options.chord === true) kept = newton.solve;
        return taken;
      }
    }
    if (byResidual && options.noiseFloor !== undefined && F.lt(lastResidual, options.noiseFloor)) return undefined;
    for (const mu of options.levenbergMarquardt ?? []) {
      const damped = solveWith(levenbergMarquardtDamped(F, J, mu));
      const taken = damped instanceof SingularMatrixError ? undefined : take(damped.dy);
      if (taken !== undefined) return taken;
    }
    if (newton instanceof SingularMatrixError) return fail("singular Jacobian", `the Jacobian is singular at step ${it}: ${newton.message}`);
    return fail("no descent", `no step lowers the residual at step ${it}`);
  };
  let previous: T | undefined;
  let evaluation: NewtonEvaluation<T> | undefined;
  if (byResidual) {
    evaluation = evaluate(y);
    previous = lastResidual = residualNorm(evaluation);
    if (!Number.isFinite(F.toNumber(previous))) fail("diverged", "the residual is not finite at the start");
    if (!F.lt(options.tolerance, previous)) return solution();
  }
  for (let it = 1; it <= options.maxSteps; it++) {
    const e = evaluation ?? evaluate(y);
    lastResidual = residualNorm(e);
    const taken = stepFrom(e, it);
    if (taken === undefined) return solution();
    evaluation = taken.evaluation ?? (byResidual ? evaluate(taken.next) : undefined);
    if (evaluation !== undefined) lastResidual = residualNorm(evaluation);
    const size = byResidual ? lastResidual : (options.stepSize?.(y, taken.step, taken.next) ?? relativeStep(F, taken.step, taken.next));
    if (!Number.isFinite(F.toNumber(size))) fail("diverged", `the iteration diverged at step ${it}`);
    y = taken.next;
    stepSizes.push(size);
    if (!F.lt(options.tolerance, size)) return solution();
    const last = previous;
    previous = size;
    if (last === undefined) continue;
    const progress = F.lt(options.progressFactor === undefined ? size : F.mul(size, options.progressFactor), last);
    if (!progress) kept = undefined;
    if (options.noiseFloor !== undefined && !progress && F.lt(size, options.noiseFloor)) return solution();
    if (options.stallAfter !== undefined && it > options.stallAfter && F.lt(last, size)) {
      fail("stopped converging", `the ${measured} grew from ${F.toString(last)} to ${F.toString(size)} after ${it} steps`);
    }
  }
  return fail("step limit", `no convergence in ${options.maxSteps} steps (last ${measured} ${stepSizes.length === 0 ? "none" : F.toString(stepSizes[stepSizes.length - 1]!)})`);
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
