import { fastLossAndGradient, fastWorkspace } from "./fastLoss.js";
import { newtonCg } from "./newtonCg.js";
import { descend, DEFAULT_GRADIENT_TOLERANCE, type TrainOptions, type TrainResult } from "./train.js";
import type { InitKind } from "./initialisation.js";

/**
 * Training without a Hessian (docs/census.md §10, "Training"), for many runs at large d: the L-BFGS stage of
 * train.ts (to a gradient of 1e-4), then, in the gauge |a_i| = 1 with a fixed, Newton–CG on grad_W L = 0
 * (newtonCg.ts, Hessian–vector products by differences of the O(k^2 d) gradient of fastLoss.ts) where
 * train.ts factorises the dense d^2 x d^2 Hessian of the evaluator. As there, grad_W L = 0 at a fixed a with
 * a_i != 0 implies grad_a L = 0 (the gauge identity), and a run converged when the full gradient (W and a,
 * fastLoss.ts) is below the tolerance.
 */

/** L-BFGS hands over to Newton–CG below this gradient norm. */
const HANDOVER = 1e-4;
/** L-BFGS iterations before a run counts as not converged (about 5 s at d = 50). */
const MAX_ITERATIONS = 5000;
/** Newton–CG steps and conjugate-gradient iterations per step. */
const NEWTON_STEPS = 8;
const CG_ITERATIONS = 400;

/** Train from x0 = [W row-major (k x d), a (k)] (the options' second layer and gradient tolerance apply). */
export function trainByGradient(x0: Float64Array, d: number, init: InitKind | "given", options: TrainOptions = {}): TrainResult {
  const tolerance = options.gradientTolerance ?? DEFAULT_GRADIENT_TOLERANCE;
  const descent = descend(x0, d, init, { ...options, handoverTolerance: HANDOVER, maxIterations: options.maxIterations ?? MAX_ITERATIONS });
  if (descent.failed !== undefined) return descent.failed;
  const { point, iterations } = descent;
  const k = point.W.length;
  const ws = fastWorkspace(k, d);
  const full = new Float64Array(k * d + k);
  full.set(point.a, k * d);
  const fullGradient = new Float64Array(k * d + k);
  const evaluate = (w: Float64Array): number => {
    full.set(w);
    return fastLossAndGradient(ws, full, fullGradient);
  };
  const polished = newtonCg(
    (w, g) => {
      evaluate(w);
      g.set(fullGradient.subarray(0, k * d));
    },
    Float64Array.from(point.W.flat()),
    { tolerance: tolerance / 10, maxSteps: NEWTON_STEPS, maxCgIterations: CG_ITERATIONS },
  );
  const loss = evaluate(polished.x);
  let norm2 = 0;
  for (const g of fullGradient) norm2 += g * g;
  const gradientNorm = Math.sqrt(norm2);
  const W = Array.from({ length: k }, (_, i) => Array.from(polished.x.subarray(i * d, (i + 1) * d)));
  const converged = gradientNorm < tolerance;
  const result = { init, W, a: point.a, loss, gradientNorm, converged, iterations, newtonSteps: polished.steps };
  return converged ? result : { ...result, failureKind: "newton", failure: `Newton-CG stopped at gradient norm ${gradientNorm.toExponential(2)}` };
}
