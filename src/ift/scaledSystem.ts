import type { Field } from "../numbers/field.js";
import type { Pattern } from "../patterns/pattern.js";
import { lossGradient, lossJet, weightParams } from "../patterns/derivatives.js";
import { restrictedLoss } from "../patterns/restrictedLoss.js";
import { Series } from "../series/series.js";
import { seriesScalar } from "../series/seriesScalar.js";

/**
 * The scaled critical-point system of a family (docs/series-derivation.md, eq. (S1)-(S2)):
 *   x_k = known_k(eps) + eps^shift_k xt_k(eps)   for the W coordinates k (a fixed to the family's signs;
 *         known_k a polynomial of degree < shift_k with exact coefficients),
 *   F_j(xt, eps) = eps^(-e_j) dL_P/dx_j (x(xt), d = eps^-2),
 *   J_jk = dF_j/dxt_k = eps^(shift_k - e_j) d^2 L_P/dx_j dx_k.
 */
export interface ScaledSystem<T> {
  readonly F: Field<T>;
  readonly P: Pattern;
  /** The W coordinates (indices into P.params), in the order of the unknowns. */
  readonly unknowns: readonly number[];
  /** known_k(eps): the declared terms below eps^shift_k, an exact polynomial. */
  readonly known: readonly Series<T>[];
  readonly shifts: readonly number[];
  readonly equationShifts: readonly number[];
  /** All pattern parameters' values that are not unknowns (the second layer a), by parameter index. */
  readonly fixed: ReadonlyMap<number, T>;
  /** The small classes' sizes as field elements (e.g. the indeterminate p of Q(pi)(p)) when not P's integers. */
  readonly smallSizes?: readonly T[];
}

export function makeScaledSystem<T>(
  F: Field<T>,
  P: Pattern,
  scalings: readonly { known: readonly T[]; equationShift: number }[],
  signs: readonly T[],
  smallSizes?: readonly T[],
): ScaledSystem<T> {
  const unknowns = weightParams(P);
  if (scalings.length !== unknowns.length) {
    throw new RangeError(`pattern ${P.toString()} has ${unknowns.length} W coordinates, got ${scalings.length} scalings`);
  }
  const fixed = new Map<number, T>();
  P.params.forEach((p, k) => {
    if (p.kind === "a") fixed.set(k, signs[p.row]!);
  });
  return {
    F,
    P,
    unknowns,
    known: scalings.map((s) => Series.of(F, 0, s.known)),
    shifts: scalings.map((s) => s.known.length),
    equationShifts: scalings.map((s) => s.equationShift),
    fixed,
    ...(smallSizes === undefined ? {} : { smallSizes }),
  };
}

/** The small classes' sizes as constant series, when the system has its own. */
function sizeSeries<T>(sys: ScaledSystem<T>): Series<T>[] | undefined {
  return sys.smallSizes?.map((s) => Series.constant(sys.F, s));
}

/** The pattern parameters x(xt) as series. */
export function parameterSeries<T>(sys: ScaledSystem<T>, xt: readonly Series<T>[]): Series<T>[] {
  const F = sys.F;
  const x: Series<T>[] = new Array<Series<T>>(sys.P.params.length);
  sys.fixed.forEach((v, k) => {
    x[k] = Series.constant(F, v);
  });
  sys.unknowns.forEach((k, i) => {
    x[k] = xt[i]!.shift(sys.shifts[i]!).add(sys.known[i]!);
  });
  return x;
}

function dimension<T>(F: Field<T>): Series<T> {
  return Series.monomial(F, F.one(), -2);
}

/** Truncated series as the adjoints' sweep truncates them (src/diff/adjoint.ts). */
function seriesTruncation<T>(): { valuation(s: Series<T>): number; truncate(s: Series<T>, prec: number): Series<T> } {
  return { valuation: (s) => s.val, truncate: (s, prec) => s.truncate(prec) };
}

/**
 * F(xt, eps), and J(xt, eps) when `withJacobian`, with non-terminating operations truncated at absolute
 * precision `workPrec` (the results carry their own tracked precision, which callers check); `loss` is
 * L_P(x(xt)), the value the jets carry along (as lossSeries would give it). Without the Jacobian, F is
 * formed to O(eps^residualTarget) at most when that is given (the precision the Newton step needs).
 */
export function evaluateScaledSystem<T>(
  sys: ScaledSystem<T>,
  xt: readonly Series<T>[],
  workPrec: number,
  withJacobian: boolean,
  residualTarget?: number,
): { residual: Series<T>[]; jacobian?: Series<T>[][]; loss: Series<T> } {
  const S = seriesScalar(sys.F, workPrec);
  const x = parameterSeries(sys, xt);
  const scale = (gradient: readonly Series<T>[]): Series<T>[] => gradient.map((g, j) => g.shift(-sys.equationShifts[j]!));
  if (!withJacobian) {
    // F_j = eps^(-e_j) dL/dx_j to O(eps^target) needs dL/dx_j to O(eps^(target + e_j)).
    const precision = residualTarget === undefined ? undefined : { truncation: seriesTruncation<T>(), targets: sys.equationShifts.map((e) => residualTarget + e) };
    const { value, gradient } = lossGradient(S, sys.P, x, dimension(sys.F), sys.unknowns, precision, sizeSeries(sys));
    return { residual: scale(gradient), loss: value };
  }
  const sizes = sizeSeries(sys);
  const jet = lossJet(S, sys.P, x, dimension(sys.F), sys.unknowns, sizes === undefined ? { order: 2 } : { order: 2, smallSizes: sizes });
  const residual = scale(jet.gradient);
  const jacobian = jet.hessian!.map((row, j) => row.map((h, k) => h.shift(sys.shifts[k]! - sys.equationShifts[j]!)));
  return { residual, jacobian, loss: jet.value };
}

/** L_P(x(xt), d = eps^-2) with truncations at absolute precision `workPrec`. */
export function lossSeries<T>(sys: ScaledSystem<T>, xt: readonly Series<T>[], workPrec: number): Series<T> {
  return restrictedLoss(seriesScalar(sys.F, workPrec), sys.P, parameterSeries(sys, xt), dimension(sys.F), sizeSeries(sys));
}
