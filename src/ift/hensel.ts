import { determinant } from "../linalg/solve.js";
import { Series } from "../series/series.js";
import { solvePowerSeriesSystem } from "./powerSeriesSolve.js";
import { evaluateScaledSystem, type ScaledSystem } from "./scaledSystem.js";

/** Raised when a family's declared scalings or limit values do not give a nonsingular leading system. */
export class LeadingSystemError extends Error {
  override readonly name = "LeadingSystemError";
}

/**
 * Evaluate `compute(workPrec)` with growing working precision until every returned series is known to
 * at least `target` (the O(d^2) counts of the restricted loss cost a few orders; the tracked precision
 * says how many).
 */
export function withPrecision<R>(target: number, compute: (workPrec: number) => R, precisionOf: (r: R) => number): R {
  let work = target + 8;
  for (let attempt = 0; attempt < 6; attempt++) {
    const r = compute(work);
    const got = precisionOf(r);
    if (got >= target) return r;
    work += target - got + 2;
  }
  throw new Error(`could not reach precision O(eps^${target}) (working precision ${work})`);
}

const minPrec = <T>(s: readonly Series<T>[]): number => Math.min(...s.map((x) => x.prec));

/**
 * Check the leading system at xt(0) = leading (docs/series-derivation.md, (S3)): F(leading, 0) = 0 and
 * J(leading, 0) invertible with no pole in J. For inexact fields "zero" means below `tolerance`.
 */
export function checkLeadingSystem<T>(
  sys: ScaledSystem<T>,
  leading: readonly T[],
  names: readonly string[],
  isNegligible: (t: T) => boolean,
): void {
  const F = sys.F;
  const xt = leading.map((c) => Series.constant(F, c));
  const { residual, jacobian } = withPrecision(1, (w) => evaluateScaledSystem(sys, xt, w, true), (r) => Math.min(minPrec(r.residual), minPrec(r.jacobian!.flat())));
  residual.forEach((f, j) => {
    if (f.val < 0 && !f.isZero()) {
      throw new LeadingSystemError(`equation ${names[j]} scaled by eps^${-sys.equationShifts[j]!} still has a pole (valuation ${f.val}): its scaling is too weak`);
    }
    const c = f.coeff(0);
    if (!isNegligible(c)) {
      throw new LeadingSystemError(`the limit values do not solve the leading system: equation ${names[j]} has residual ${F.toString(c)} at eps = 0`);
    }
  });
  jacobian!.forEach((row, j) =>
    row.forEach((e, k) => {
      if (!e.isZero() && e.val < 0) {
        throw new LeadingSystemError(`the leading Jacobian has a pole: d(eq ${names[j]})/d(${names[k]}) has valuation ${e.val}; scale equation ${names[j]} by a higher power or parameter ${names[k]} by a higher shift`);
      }
    }),
  );
  const J0 = jacobian!.map((row) => row.map((e) => e.coeff(0)));
  const det = determinant(F, J0);
  if (isNegligible(det)) {
    const zeroRows = J0.flatMap((row, j) => (row.every((e) => isNegligible(e)) ? [names[j]!] : []));
    const zeroCols = names.filter((_, k) => J0.every((row) => isNegligible(row[k]!)));
    throw new LeadingSystemError(
      `the leading Jacobian is singular` +
        (zeroRows.length > 0 ? `: equation(s) ${zeroRows.join(", ")} have no leading dependence on the unknowns` : "") +
        (zeroCols.length > 0 ? `; parameter(s) ${zeroCols.join(", ")} do not enter the leading system` : ""),
    );
  }
}

/**
 * Newton–Hensel lifting (docs/series-derivation.md, (S4)): from xt correct to O(eps^1), each step
 *   xt <- xt - J(xt)^(-1) F(xt)
 * doubles the number of correct orders; F is evaluated to the new order m2 with first-order jets and J
 * only to order m2 - m (all it is needed to). Iterates are exact polynomials, so the tracked precision
 * only accounts for the truncated sqrt/atan/inverse. Returns xt known to O(eps^order).
 */
export function henselLift<T>(
  sys: ScaledSystem<T>,
  leading: readonly T[],
  order: number,
  onStep?: (reached: number) => void,
): Series<T>[] {
  const F = sys.F;
  let xt = leading.map((c) => Series.constant(F, c));
  let m = 1;
  while (m < order) {
    const m2 = Math.min(2 * m, order);
    const { residual } = withPrecision(m2, (w) => evaluateScaledSystem(sys, xt, w, false), (r) => minPrec(r.residual));
    const { jacobian } = withPrecision(m2 - m, (w) => evaluateScaledSystem(sys, xt, w, true), (r) => minPrec(r.jacobian!.flat()));
    const J = jacobian!.map((row) => row.map((e) => e.truncate(m2 - m)));
    const rhs = residual.map((f) => f.truncate(m2).neg());
    const delta = solvePowerSeriesSystem(F, J, rhs);
    xt = xt.map((x, i) => Series.of(F, 0, polynomialPart(x.add(delta[i]!), m2), Infinity));
    m = m2;
    onStep?.(m);
  }
  return xt.map((x) => x.truncate(order));
}

/** The coefficients of eps^0 .. eps^(n-1) of a power series (zeros where unknown would be an error). */
function polynomialPart<T>(s: Series<T>, n: number): T[] {
  const out: T[] = [];
  for (let k = 0; k < n; k++) out.push(s.coeff(k));
  return out;
}
