import type { Decimal } from "decimal.js";
import type { DecimalField } from "../numbers/decimalField.js";
import { newtonSolve } from "../linalg/newton.js";
import type { Pattern } from "../patterns/pattern.js";
import { lossJet, weightParams } from "../patterns/derivatives.js";
import { fullGradientNorm, paramWeights } from "../patterns/metric.js";
import type { PrecisionContext } from "./precision.js";

/** A critical point of L_P at dimension d, with the gauge a = fixed signs. */
export interface PatternCriticalPoint {
  readonly d: Decimal;
  /** All pattern parameters (W coordinates solved for, a as given). */
  readonly x: Decimal[];
  readonly loss: Decimal;
  /** Euclidean norm of the full (d^2 + d)-dimensional gradient at the embedded point. */
  readonly gradientNorm: Decimal;
  readonly iterations: number;
}

/**
 * Newton's method on grad_W L_P = 0 for fixed a (docs/families.md, "critical points"), by newtonSolve:
 * each step solves H dx = -g with the exact Hessian and gradient from jets, rows scaled by the metric
 * weights so that every equation is a per-entry gradient. Converged when the relative step is below
 * 10^-(digits of F - guard digits) (at least 10^-5), or at the noise floor (a step that no longer shrinks
 * below the square root of that); fails with NewtonError (last residual: the full gradient norm) on a
 * singular Hessian, divergence, a step that grows after 8 steps, or `maxIterations` (default 60).
 */
export function newtonCriticalPoint(
  F: DecimalField,
  precision: PrecisionContext,
  P: Pattern,
  x0: readonly Decimal[],
  d: Decimal,
  options: { maxIterations?: number } = {},
): PatternCriticalPoint {
  if (d.lt(P.minimumDimension())) {
    throw new RangeError(`d = ${d.toString()} is below ${P.minimumDimension()}, the smallest d at which pattern ${P.toString()} has a bulk class of at least 2 indices`);
  }
  // The working precision carries guard digits for the O(d^2) cancellation; aim at what is left.
  const tolerance = F.D.pow(10, -Math.max(5, F.digits - precision.guardDigits(d)));
  const wrt = weightParams(P);
  const weights = paramWeights(F, P, d);
  const x = x0.map((v) => F.from(v));
  const at = (y: readonly Decimal[]): Decimal[] => {
    const full = x.slice();
    wrt.forEach((k, i) => (full[k] = y[i]!));
    return full;
  };
  const solution = newtonSolve(
    F,
    wrt.map((k) => x[k]!),
    (y) => {
      const jet = lossJet(F, P, at(y), d, wrt);
      return {
        jacobian: wrt.map((k, i) => jet.hessian![i]!.map((h) => F.div(h, weights[k]!))),
        residual: wrt.map((k, i) => F.div(jet.gradient[i]!, weights[k]!)),
        residualNorm: fullGradientNorm(F, jet.gradient, wrt.map((k) => weights[k]!)),
      };
    },
    { tolerance, noiseFloor: tolerance.sqrt(), stallAfter: 8, maxSteps: options.maxIterations ?? 60, what: `Newton on grad_W L_P = 0 at d = ${d.toString()}` },
  );
  return finish(F, P, at(solution.y), d, solution.steps);
}

function finish(F: DecimalField, P: Pattern, x: Decimal[], d: Decimal, iterations: number): PatternCriticalPoint {
  const all = P.params.map((_, k) => k);
  const jet = lossJet(F, P, x, d, all, { order: 1 });
  const gradientNorm = fullGradientNorm(F, jet.gradient, paramWeights(F, P, d));
  return { d, x, loss: jet.value, gradientNorm, iterations };
}
