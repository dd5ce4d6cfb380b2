import type { Decimal } from "decimal.js";
import type { DecimalField } from "../numbers/decimalField.js";
import { solveLinear } from "../linalg/solve.js";
import type { Pattern } from "../patterns/pattern.js";
import { lossJet, weightParams } from "../patterns/derivatives.js";
import { fullGradientNorm, paramWeights } from "../patterns/metric.js";
import { guardDigits } from "./precision.js";

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

export class NewtonFailure extends Error {
  override readonly name = "NewtonFailure";
  constructor(message: string, readonly lastResidual: string) {
    super(`${message} (last residual ${lastResidual})`);
  }
}

/**
 * Newton's method on grad_W L_P = 0 for fixed a (docs/families.md, "critical points"): each step solves
 * H dx = -g with the exact Hessian and gradient from jets, rows scaled by the metric weights so that
 * every equation is a per-entry gradient. Stops when the step is below 10^-(digits - 5) relative, or
 * reports non-convergence with the last residual (never returns an unconverged point silently).
 */
export function newtonCriticalPoint(
  F: DecimalField,
  P: Pattern,
  x0: readonly Decimal[],
  d: Decimal,
  options: { maxIterations?: number; tolerance?: Decimal } = {},
): PatternCriticalPoint {
  if (d.lt(P.minimumDimension())) {
    throw new RangeError(`d = ${d.toString()} is below ${P.minimumDimension()}, the smallest d at which pattern ${P.toString()} has a bulk class of at least 2 indices`);
  }
  const maxIterations = options.maxIterations ?? 60;
  // The working precision carries guard digits for the O(d^2) cancellation; aim at what is left.
  const tol = options.tolerance ?? F.D.pow(10, -Math.max(5, F.digits - guardDigits(d)));
  const wrt = weightParams(P);
  const weights = paramWeights(F, P, d);
  const x = x0.map((v) => F.from(v));
  let residual = "unknown";
  let previousStep: Decimal | undefined;
  for (let it = 1; it <= maxIterations; it++) {
    const jet = lossJet(F, P, x, d, wrt);
    const H = jet.hessian!;
    const rows = wrt.map((k, i) => H[i]!.map((h) => F.div(h, weights[k]!)));
    const rhs = wrt.map((k, i) => F.neg(F.div(jet.gradient[i]!, weights[k]!)));
    residual = fullGradientNorm(F, jet.gradient, wrt.map((k) => weights[k]!)).toSignificantDigits(6).toString();
    let step: Decimal[];
    try {
      step = solveLinear(F, rows, rhs);
    } catch (e) {
      throw new NewtonFailure(`Newton: the Hessian of L_P is singular at d = ${d.toString()}: ${(e as Error).message}`, residual);
    }
    let size = F.zero();
    let scale = F.one();
    wrt.forEach((k, i) => {
      x[k] = F.add(x[k]!, step[i]!);
      size = F.D.max(size, step[i]!.abs());
      scale = F.D.max(scale, x[k]!.abs());
    });
    if (!size.isFinite()) throw new NewtonFailure(`Newton diverged at d = ${d.toString()}`, residual);
    const rel = size.div(scale);
    if (rel.lte(tol) || (previousStep !== undefined && rel.isZero())) {
      return finish(F, P, x, d, it);
    }
    // At the noise floor of the working precision the step stops shrinking: accept once it is tiny.
    if (previousStep !== undefined && rel.gte(previousStep) && rel.lt(tol.sqrt())) return finish(F, P, x, d, it);
    if (previousStep !== undefined && it > 8 && rel.gt(previousStep)) {
      throw new NewtonFailure(`Newton stopped converging at d = ${d.toString()} after ${it} iterations`, residual);
    }
    previousStep = rel;
  }
  throw new NewtonFailure(`Newton did not converge in ${maxIterations} iterations at d = ${d.toString()}`, residual);
}

function finish(F: DecimalField, P: Pattern, x: Decimal[], d: Decimal, iterations: number): PatternCriticalPoint {
  const all = P.params.map((_, k) => k);
  const jet = lossJet(F, P, x, d, all, { order: 1 });
  const gradientNorm = fullGradientNorm(F, jet.gradient, paramWeights(F, P, d));
  return { d, x, loss: jet.value, gradientNorm, iterations };
}
