import type { Decimal } from "decimal.js";
import type { PatternCriticalPoint } from "../families/newton.js";
import { fromDecimal, newtonCriticalPoint } from "../families/newton.js";
import type { PrecisionContext } from "../families/precision.js";
import { NewtonError, newtonSolve, type NewtonOptions } from "../linalg/newton.js";
import { solveLinear } from "../linalg/solve.js";
import type { DecimalField } from "../numbers/decimalField.js";
import type { RealField } from "../numbers/field.js";
import { F64 } from "../numbers/floatField.js";
import { lossGradient } from "../patterns/derivatives.js";
import { fullGradientNorm, paramWeights } from "../patterns/metric.js";
import { fixedGradient, fixedJet, fixedJetFloat64, fixedWeights, fromFixed, toFixed, type FixedCoordinates } from "./fixedCoordinates.js";

/**
 * Critical points of L_P (a fixed) in mixed precision (docs/bifurcation.md §4, "Arithmetic of the
 * branches"), in the coordinates z of the fixed space of the branch's isotropy (fixedCoordinates): Newton
 * in float64 (jet Hessian and gradient in JS numbers), then refinement at the working digits, each step
 * the float64 Hessian's solve against the gradient at the working digits (reverse mode, a few evaluations
 * of L_P, against a jet Hessian's n^2/2 of them). The refinement is a chord iteration that converges as
 * fast as the float64 Hessian is accurate (about 10^-(16 - 2 log10 d) relative, times its condition); a
 * step that does not shrink renews the Hessian at the working digits (Newton from there on).
 */

/** Digits a float64 evaluation of L_P at d keeps: its O(d^2) terms cancel to O(1) (docs/families.md, "Guard digits"). */
export function float64Digits(d: number): number {
  return 14 - Math.ceil(2 * Math.log10(Math.max(d, 10)));
}

/**
 * Newton on grad_z L_P = 0 in float64 from x0 (all parameters of P, a as given; projected onto Fix(H)),
 * rows scaled by the metric weights as newtonCriticalPoint: converged at a relative step
 * 10^-float64Digits(d) (or its noise floor); throws NewtonError as newtonSolve. Returns the point and the
 * last Jacobian (the Hessian in z, rows scaled).
 */
export function float64CriticalPoint(c: FixedCoordinates, x0: readonly number[], d: number, maxIterations = 60): { x: number[]; jacobian: number[][] } {
  let jacobian: number[][] = [];
  const solution = newtonSolve(
    F64,
    toFixed(F64, c, x0),
    (z) => {
      const e = float64Evaluation(c, fromFixed(c, x0, z), d);
      return { ...e, jacobian: () => (jacobian = e.jacobian()) };
    },
    float64NewtonOptions(d, maxIterations),
  );
  return { x: fromFixed(c, x0, solution.y), jacobian };
}

/** grad_z L_P / weights at x (a point of Fix(H)) in float64 and its Jacobian (the Hessian by hand, rows scaled), as newtonSolve takes them. */
export function float64Evaluation(c: FixedCoordinates, x: readonly number[], d: number): { residual: number[]; jacobian: () => number[][]; residualNorm: number } {
  const weights = fixedWeights(F64, c, d);
  const jet = fixedJetFloat64(c, x, d);
  return {
    jacobian: () => jet.hessian.map((row, o) => row.map((h) => h / weights[o]!)),
    residual: jet.gradient.map((g, o) => g / weights[o]!),
    residualNorm: fullGradientNorm(F64, jet.gradient, weights),
  };
}

/** The options of float64 Newton at d: converged at a relative step 10^-float64Digits(d) (or its noise floor), at most maxSteps. */
export function float64NewtonOptions(d: number, maxSteps: number): NewtonOptions<number> {
  const tolerance = 10 ** -float64Digits(d);
  return { tolerance, noiseFloor: Math.sqrt(tolerance), stallAfter: 8, maxSteps, what: `Newton (float64) on grad_W L_P = 0 at d = ${d}` };
}

/**
 * The critical point of L_P at d near x0, to the digits of F less the guard digits at d (as
 * newtonCriticalPoint): float64 Newton, then the refinement above in precision.numeric(F.digits). When
 * float64 Newton fails (its noise at large d, or a start it cannot resolve) the point is solved by
 * newtonCriticalPoint from x0 instead.
 */
export function refinedCriticalPoint(F: DecimalField, precision: PrecisionContext, c: FixedCoordinates, x0: readonly Decimal[], d: Decimal): PatternCriticalPoint {
  let start: { x: number[]; jacobian: number[][] };
  try {
    start = float64CriticalPoint(c, x0.map((v) => v.toNumber()), d.toNumber());
  } catch (e) {
    if (!(e instanceof NewtonError)) throw e;
    return newtonCriticalPoint(F, precision, c.pattern, x0, d);
  }
  const N = precision.numeric(F.digits);
  const x = x0.map((v) => fromDecimal(N, v));
  c.wrt.forEach((k) => (x[k] = N.fromDecimalString(String(start.x[k]!))));
  const r = refine(N, F.digits - precision.guardDigits(d), c, x, fromDecimal(N, d), start.jacobian);
  const back = (v: unknown): Decimal => F.from(N.toDecimal(v, F.digits));
  return { d, x: r.x.map(back), loss: back(r.loss), gradientNorm: back(r.gradientNorm), iterations: r.iterations };
}

/** The chord refinement in F from x (float64-accurate), its first Jacobian the float64 one. */
function refine<T>(F: RealField<T>, aim: number, c: FixedCoordinates, x: readonly T[], d: T, jacobian64: readonly (readonly number[])[]): { x: T[]; loss: T; gradientNorm: T; iterations: number } {
  const tolerance = F.fromDecimalString(`1e-${Math.max(5, aim)}`);
  const weights = fixedWeights(F, c, d);
  const first = jacobian64.map((row) => row.map((h) => F.fromDecimalString(String(h))));
  let usedFirst = false;
  const solution = newtonSolve(
    F,
    toFixed(F, c, x),
    (z) => {
      const { gradient } = fixedGradient(F, c, fromFixed(c, x, z), d);
      // The float64 Hessian first; after a step that does not shrink, the Hessian at z at the working digits.
      const jacobian = (): T[][] => {
        if (!usedFirst) return (usedFirst = true), first;
        return fixedJet(F, c, fromFixed(c, x, z), d).hessian.map((row, o) => row.map((h) => F.div(h, weights[o]!)));
      };
      return { jacobian, residual: gradient.map((g, o) => F.div(g, weights[o]!)), residualNorm: fullGradientNorm(F, gradient, weights) };
    },
    {
      tolerance,
      noiseFloor: F.sqrt(tolerance),
      stallAfter: 8,
      maxSteps: 60,
      chord: true,
      // The float64 Hessian is solved in float64 (a correction needs no more digits than it has); a renewed one at the working digits.
      factor: (J) =>
        J === first
          ? (rhs) => solveLinear(F64, jacobian64.map((row) => row.slice()), rhs.map((v) => F.toNumber(v))).map((v) => F.fromDecimalString(String(v)))
          : (rhs) => solveLinear(F, J, rhs.slice()),
      what: `Newton (refinement) on grad_W L_P = 0 at d = ${F.toString(d)}`,
    },
  );
  const point = fromFixed(c, x, solution.y);
  const all = c.pattern.params.map((_, k) => k);
  const { value, gradient } = lossGradient(F, c.pattern, point, d, all);
  return { x: point, loss: value, gradientNorm: fullGradientNorm(F, gradient, paramWeights(F, c.pattern, d)), iterations: solution.steps };
}
