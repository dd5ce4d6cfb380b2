import { hessian, lossAndGradient } from "../model/evaluator.js";
import { NewtonError, newtonSolve, type NewtonEvaluation } from "../linalg/newton.js";
import { F64 } from "../numbers/floatField.js";
import { fastLossAndGradient, fastWorkspace } from "./fastLoss.js";
import { balanceGauge, normaliseGauge, type Student } from "./gauge.js";
import { initialPoint, type InitKind } from "./initialisation.js";
import { lbfgs } from "./lbfgs.js";
import { factorDense } from "./dense.js";
import type { Random } from "./random.js";
import type { SecondLayer } from "../model/studentModel.js";

/**
 * Training of the full model k = d, W and a both trained, to a critical point (docs/discovery.md,
 * "Training"): L-BFGS on the float64 twin of the loss (fastLoss.ts) in the balanced gauge |w_i| = |a_i|,
 * then Newton polish in the gauge |a_i| = 1 with a fixed and the evaluator's Hessian block in W. At a fixed
 * a with a_i != 0, grad_W L = 0 implies grad_a L = 0 (the gauge identity w_i . dL/dw_i = a_i dL/da_i), and
 * the W block is the Hessian on a slice transversal to the gauge orbits, so Newton there is well posed at
 * every critical point that is nondegenerate up to the gauge. With a fixed second layer (a = 1, docs/models.md)
 * L-BFGS descends W alone and the same Newton polish finishes; by the same identity the full gradient then
 * vanishes too, so the convergence test is the same.
 */

export interface TrainOptions {
  /** Convergence: Euclidean norm of the full gradient in the gauge |a_i| = 1 (evaluator). Default 1e-10. */
  readonly gradientTolerance?: number;
  /** Hand over from L-BFGS to Newton below this gradient norm (balanced gauge). Default 1e-5. */
  readonly handoverTolerance?: number;
  /** L-BFGS iteration cap. Default 20000. */
  readonly maxIterations?: number;
  /** Newton step cap. Default 12. */
  readonly maxNewtonSteps?: number;
  /** The second layer (docs/models.md): trained (default), or fixed at a = 1, W alone descended. */
  readonly secondLayer?: SecondLayer;
  /** k, the number of student neurons (default d). */
  readonly width?: number;
}

export interface TrainResult {
  readonly init: InitKind | "given";
  /** The final point in the gauge |a_i| = 1 (the last L-BFGS point if the gauge is undefined). */
  readonly W: number[][];
  readonly a: number[];
  readonly loss: number;
  /** Evaluator's full gradient norm at (W, a). */
  readonly gradientNorm: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly newtonSteps: number;
  /** Why a run did not converge, if it did not: a short kind, and the details. */
  readonly failureKind?: TrainFailure;
  readonly failure?: string;
}

/**
 * "lbfgs-iterations": L-BFGS hit its iteration cap; "lbfgs-stalled": its line search found no decrease;
 * "dead-neuron": some a_i = 0, so the gauge |a_i| = 1 is undefined; "newton": the polish did not reach
 * the tolerance.
 */
export type TrainFailure = "lbfgs-iterations" | "lbfgs-stalled" | "dead-neuron" | "newton";

export const DEFAULT_GRADIENT_TOLERANCE = 1e-10;

/** Euclidean norm of the evaluator's full gradient and the loss at (W, a). */
export function referenceGradientNorm(W: readonly number[][], a: readonly number[]): { loss: number; gradientNorm: number } {
  const { loss, gW, ga } = lossAndGradient(F64, W, a);
  let s = 0;
  for (const row of gW) for (const g of row) s += g * g;
  for (const g of ga) s += g * g;
  return { loss, gradientNorm: Math.sqrt(s) };
}

/** Train from the starting point of kind `init` drawn from `rng` (`variant`: see initialPoint). */
export function trainFromRandom(d: number, init: InitKind, rng: Random, options: TrainOptions = {}, variant?: number): TrainResult {
  return trainFrom(initialPoint(init, d, rng, variant, options.width ?? d), d, init, options);
}

/** Train from the flat starting point x0 = [W row-major (k x d), a (k)]; k is read from its length. */
export function trainFrom(x0: Float64Array, d: number, init: InitKind | "given", options: TrainOptions = {}): TrainResult {
  const tolerance = options.gradientTolerance ?? DEFAULT_GRADIENT_TOLERANCE;
  const descent = descend(x0, d, init, options);
  if (descent.failed !== undefined) return descent.failed;
  const { point, iterations } = descent;
  const polished = newtonPolish(point.W, point.a, tolerance, options.maxNewtonSteps ?? 12);
  const { loss, gradientNorm } = referenceGradientNorm(polished.W, point.a);
  const converged = gradientNorm < tolerance;
  const result = { init, W: polished.W, a: point.a, loss, gradientNorm, converged, iterations, newtonSteps: polished.steps };
  return converged ? result : { ...result, failureKind: "newton", failure: `Newton polish stopped at gradient norm ${gradientNorm.toExponential(2)}` };
}

/** The L-BFGS stage of training: its point in the gauge |a_i| = 1, or the failed run. */
export type Descent = { readonly point: Student; readonly iterations: number; readonly failed?: undefined } | { readonly failed: TrainResult };

/**
 * L-BFGS from x0 = [W row-major (k x d), a (k)] to the handover gradient norm (in rounds of 2000 iterations,
 * the gauge rebalanced between rounds), then the gauge |a_i| = 1 (a = 1 with a fixed second layer).
 */
export function descend(x0: Float64Array, d: number, init: InitKind | "given", options: TrainOptions = {}): Descent {
  const k = x0.length / (d + 1);
  if (!Number.isInteger(k)) throw new RangeError(`trainFrom: ${x0.length} parameters is not k (d + 1) for d = ${d}`);
  const fixed = options.secondLayer === "fixed";
  const ws = fastWorkspace(k, d);
  const full = Float64Array.from(x0);
  if (fixed) full.fill(1, k * d);
  const fullGradient = new Float64Array(full.length);
  // With a fixed second layer L-BFGS runs on W alone (the a-part of the loss's arguments stays 1).
  const objective = fixed
    ? (w: Float64Array, g: Float64Array): number => {
        full.set(w);
        const value = fastLossAndGradient(ws, full, fullGradient);
        g.set(fullGradient.subarray(0, k * d));
        return value;
      }
    : (x: Float64Array, g: Float64Array): number => fastLossAndGradient(ws, x, g);
  const x = fixed ? Float64Array.from(full.subarray(0, k * d)) : full;
  const rebalance = (): void => {
    if (!fixed) balanceGauge(x, k, d);
  };
  rebalance();
  // L-BFGS in rounds; the gauge is rebalanced between rounds (a fresh memory each round).
  const maxIterations = options.maxIterations ?? 20000;
  const handover = options.handoverTolerance ?? 1e-5;
  let iterations = 0;
  let lastReason = "";
  while (iterations < maxIterations) {
    let round;
    try {
      round = lbfgs(objective, x, { gradientTolerance: handover, maxIterations: Math.min(2000, maxIterations - iterations) });
    } catch {
      // the loss is not finite at x (a zero row of W): nothing to descend from
      lastReason = "stalled";
      break;
    }
    iterations += round.iterations;
    x.set(round.x);
    rebalance();
    lastReason = round.reason;
    if (round.reason === "gradient") break;
    if (round.reason === "stalled" && round.iterations <= 1) break;
  }
  const W0: number[][] = Array.from({ length: k }, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d)));
  const a0 = fixed ? Array.from({ length: k }, () => 1) : Array.from(x.subarray(k * d));
  const fail = (failureKind: TrainFailure, failure: string): Descent => {
    let loss = Number.NaN;
    let gradientNorm = Number.NaN;
    try {
      ({ loss, gradientNorm } = referenceGradientNorm(W0, a0));
    } catch {
      // a zero row: the gradient is undefined there
    }
    return { failed: { init, W: W0, a: a0, loss, gradientNorm, converged: false, iterations, newtonSteps: 0, failureKind, failure } };
  };
  if (lastReason !== "gradient") return fail(lastReason === "stalled" ? "lbfgs-stalled" : "lbfgs-iterations", `L-BFGS ${lastReason} after ${iterations} iterations`);
  try {
    return { point: fixed ? { W: W0, a: a0 } : normaliseGauge(W0, a0), iterations };
  } catch (e) {
    return fail("dead-neuron", (e as Error).message);
  }
}

/**
 * Newton's method on grad_W L = 0 at fixed a, with the evaluator's Hessian block d^2L/dW^2: newtonSolve
 * in float64 as a safeguarded chord method (docs/discovery.md, "Newton polish"). The block's LU
 * factorisation (factorDense) is kept while each step still gains a factor 10 in the gradient norm (near
 * the solution that converges fast enough, and at large d the factorisation is the dominant cost), and
 * renewed at the current point after a step that does not, or when a step from it does not reduce the
 * norm. A step that does not reduce the gradient norm is halved (up to 4 times); with a renewed
 * factorisation and the norm above `tolerance`, Levenberg–Marquardt damping (H + mu max|H_ii| I,
 * mu = 1e-8, 1e-5, 1e-3) is tried next. Stops below tolerance / 1000, or once below tolerance when a step
 * no longer gains a factor 10 or none reduces the norm (the rounding floor of the float64 gradient).
 * Returns the last point also when Newton fails (trainFrom judges it by its gradient norm); `steps`
 * counts the steps taken.
 */
export function newtonPolish(W: number[][], a: readonly number[], tolerance: number, maxSteps: number): { W: number[][]; steps: number } {
  const d = W[0]!.length;
  const n = W.length * d;
  const rows = (y: readonly number[]): number[][] => W.map((_, i) => y.slice(i * d, (i + 1) * d));
  const evaluate = (y: readonly number[]): NewtonEvaluation<number> => {
    const current = rows(y);
    const { g, norm } = wGradient(current, a);
    return {
      residual: g,
      residualNorm: norm,
      jacobian: () =>
        hessian(F64, current, a)
          .slice(0, n)
          .map((row) => row.slice(0, n)),
    };
  };
  try {
    const solution = newtonSolve(F64, W.flat(), evaluate, {
      measure: "residual",
      tolerance: tolerance / 1000,
      noiseFloor: tolerance,
      progressFactor: 10,
      maxSteps,
      factor: (H) => {
        const lu = factorDense(H);
        return (rhs) => Array.from(lu.solve(rhs));
      },
      chord: true,
      backtrackHalvings: 4,
      levenbergMarquardt: [1e-8, 1e-5, 1e-3],
      what: "Newton polish on grad_W L = 0",
    });
    return { W: rows(solution.y), steps: solution.steps };
  } catch (e) {
    if (!(e instanceof NewtonError)) throw e;
    return { W: rows(e.lastPoint as readonly number[]), steps: e.steps };
  }
}

interface WGradient {
  readonly g: number[];
  readonly norm: number;
}

/** dL/dW (evaluator), flattened, and its norm; NaN norm when the gradient is undefined (a zero row). */
function wGradient(W: readonly number[][], a: readonly number[]): WGradient {
  try {
    const g = lossAndGradient(F64, W, a).gW.flat();
    return { g, norm: Math.sqrt(g.reduce((s, x) => s + x * x, 0)) };
  } catch {
    return { g: [], norm: Number.NaN };
  }
}
