import type { Decimal } from "decimal.js";
import type { DecimalField } from "../numbers/decimalField.js";
import type { RealField } from "../numbers/field.js";
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

/** A decimal.js number in the field F (correctly rounded from its exact value). */
export function fromDecimal<T>(F: RealField<T>, v: Decimal): T {
  return F.fromDecimalString(v.toString());
}

/**
 * Newton's method on grad_W L_P = 0 for fixed a (docs/families.md, "critical points"), by newtonSolve:
 * each step solves H dx = -g with the exact Hessian and gradient from jets, rows scaled by the metric
 * weights so that every equation is a per-entry gradient. Converged when the relative step is below
 * 10^-(digits of F - guard digits) (at least 10^-5), or at the noise floor (a step that no longer shrinks
 * below the square root of that); fails with NewtonError (last residual: the full gradient norm) on a
 * singular Hessian, divergence, a step that grows after 8 steps, or `maxIterations` (default 60).
 * F gives the digits and the decimal.js context of the inputs and results; the iteration runs in
 * precision.numeric(F.digits) (binary floats, or F itself for decimal arithmetic; docs/families.md).
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
  if (precision.arithmetic === "decimal") {
    const r = solveCritical(F, F.digits - precision.guardDigits(d), P, x0.map((v) => F.from(v)), d, options.maxIterations);
    return { d, ...r };
  }
  const N = precision.numeric(F.digits);
  const r = solveCritical(N, F.digits - precision.guardDigits(d), P, x0.map((v) => fromDecimal(N, v)), fromDecimal(N, d), options.maxIterations);
  const back = (v: unknown): Decimal => F.from(N.toDecimal(v, F.digits));
  return { d, x: r.x.map(back), loss: back(r.loss), gradientNorm: back(r.gradientNorm), iterations: r.iterations };
}

/**
 * newtonCriticalPoint in any real field (float64 for the walks of branchWalk.ts); `aim` is the number of
 * digits the steps must reach.
 */
export function solveCritical<T>(
  F: RealField<T>,
  aim: number,
  P: Pattern,
  x: readonly T[],
  d: T,
  maxIterations = 60,
): { x: T[]; loss: T; gradientNorm: T; iterations: number } {
  // The working precision carries guard digits for the O(d^2) cancellation; aim at what is left.
  const tolerance = F.fromDecimalString(`1e-${Math.max(5, aim)}`);
  const wrt = weightParams(P);
  const weights = paramWeights(F, P, d);
  const at = (y: readonly T[]): T[] => {
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
    { tolerance, noiseFloor: F.sqrt(tolerance), stallAfter: 8, maxSteps: maxIterations, what: `Newton on grad_W L_P = 0 at d = ${F.toString(d)}` },
  );
  const point = at(solution.y);
  const all = P.params.map((_, k) => k);
  const jet = lossJet(F, P, point, d, all, { order: 1 });
  const gradientNorm = fullGradientNorm(F, jet.gradient, paramWeights(F, P, d));
  return { x: point, loss: jet.value, gradientNorm, iterations: solution.steps };
}
