import type { RealField } from "../numbers/field.js";
import { liftingSchedule, maxAbs, newtonSolve } from "../linalg/newton.js";
import { determinant } from "../linalg/solve.js";
import { Series } from "../series/series.js";
import { solvePowerSeriesSystem } from "./powerSeriesSolve.js";
import { evaluateScaledSystem, type ScaledSystem } from "./scaledSystem.js";

/** Raised when a family's declared scalings or limit values do not give a nonsingular leading system. */
export class LeadingSystemError extends Error {
  override readonly name = "LeadingSystemError";
}

/**
 * The orders of precision one kind of evaluation of a system loses (working precision minus the precision
 * of the result), learned from the last evaluation; the counts of the restricted loss lose a fixed number
 * of orders, so the next evaluation asks for only what it needs (docs/series-derivation.md).
 */
export interface Slack {
  value: number;
}

/**
 * The least working precision: below it a kernel's |u|^2|v|^2 - (u.v)^2 can be zero to its precision
 * though not zero, which would take the parallel branch (9 = the first evaluation at target 1 + slack 8).
 */
const MIN_WORK = 9;

/**
 * Evaluate `compute(workPrec)` with growing working precision until every returned series is known to
 * at least `target` (the O(d^2) counts of the restricted loss cost a few orders; the tracked precision
 * says how many). The first try is at target + slack, and slack is updated to what was lost. A `capped`
 * computation forms its results to the target at most, so their precision does not say what was lost:
 * the slack stays as it was when the first try succeeds, and becomes work - target after a retry.
 */
export function withPrecision<R>(target: number, compute: (workPrec: number) => R, precisionOf: (r: R) => number, slack: Slack = { value: 8 }, capped = false): R {
  let work = Math.max(target + slack.value, MIN_WORK);
  for (let attempt = 0; attempt < 6; attempt++) {
    const r = compute(work);
    const got = precisionOf(r);
    if (got >= target) {
      if (!capped) slack.value = Math.max(0, work - got);
      else if (attempt > 0) slack.value = work - target;
      return r;
    }
    work += target - got + 2;
  }
  throw new Error(`could not reach precision O(eps^${target}) (working precision ${work})`);
}

const minPrec = <T>(s: readonly Series<T>[]): number => Math.min(...s.map((x) => x.prec));

/**
 * Check the leading system at xt(0) = leading (docs/series-derivation.md, (S3)): F(leading, 0) = 0 and
 * J(leading, 0) invertible with no pole in J. For inexact fields "zero" means below `tolerance`.
 * Returns the Jacobian it evaluated at xt = leading (henselLift's first step can reuse it).
 */
export function checkLeadingSystem<T>(
  sys: ScaledSystem<T>,
  leading: readonly T[],
  names: readonly string[],
  isNegligible: (t: T) => boolean,
): Series<T>[][] {
  const F = sys.F;
  const xt = leading.map((c) => Series.constant(F, c));
  const { residual, jacobian } = withPrecision(1, (w) => evaluateScaledSystem(sys, xt, w, true), (r) => Math.min(minPrec(r.residual), minPrec(r.jacobian!.flat())));
  residual.forEach((f, j) => {
    for (let k = Math.min(f.val, 0); k <= 0; k++) {
      if (isNegligible(f.coeff(k))) continue;
      throw new LeadingSystemError(k < 0
        ? `equation ${names[j]} scaled by eps^${-sys.equationShifts[j]!} still has a pole (a term eps^${k}): its scaling is too weak`
        : `the limit values do not solve the leading system: equation ${names[j]} has residual ${F.toString(f.coeff(0))} at eps = 0`);
    }
  });
  jacobian!.forEach((row, j) =>
    row.forEach((e, k) => {
      for (let v = e.val; v < 0; v++) {
        if (isNegligible(e.coeff(v))) continue;
        throw new LeadingSystemError(`the leading Jacobian has a pole: d(eq ${names[j]})/d(${names[k]}) has a term eps^${v}; scale equation ${names[j]} by a higher power or parameter ${names[k]} by a higher shift`);
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
  return jacobian!;
}

/**
 * Newton–Hensel lifting (docs/series-derivation.md, (S4)): from xt correct to O(eps^1), each step
 *   xt <- xt - J(xt)^(-1) F(xt)
 * can double the number of correct orders, and goes to m2 <= 2m (liftingSchedule); F is evaluated to
 * order m2 with first-order jets and J only to order m2 - m (all it is needed to). Iterates are exact polynomials; they enter each evaluation
 * truncated at the working precision, so no product is formed beyond it, and the tracked precision
 * accounts for that and for the truncated sqrt/atan/inverse. Returns xt known to O(eps^order).
 * `leadingJacobian`, the Jacobian at xt = leading from checkLeadingSystem, spares the first steps' (over
 * exact fields; docs/series-derivation.md, "Schedule", "Jacobian"). `onLoss` hears the loss L_P that each
 * step's residual evaluation carries, at xt known to O(eps^known) (docs/series-derivation.md, "Loss").
 */
export function henselLift<T>(
  sys: ScaledSystem<T>,
  leading: readonly T[],
  order: number,
  onStep?: (reached: number) => void,
  leadingJacobian?: Series<T>[][],
  onLoss?: (loss: Series<T>, known: number) => void,
): Series<T>[] {
  const F = sys.F;
  let xt = leading.map((c) => Series.constant(F, c));
  let m = 1;
  const residualSlack: Slack = { value: 8 };
  const jacobianSlack: Slack = { value: 8 };
  // Over an exact field J(xt) mod eps^r depends only on xt mod eps^r, and Newton never changes xt below
  // eps^m: a Jacobian evaluated at step m is final to order min(m, its precision), and a later step that
  // needs no more (the last, short step) reuses it. Over Decimal every step evaluates afresh.
  let known: { jacobian: Series<T>[][]; valid: number } | undefined =
    leadingJacobian !== undefined && F.exact ? { jacobian: leadingJacobian, valid: Math.min(1, minPrec(leadingJacobian.flat())) } : undefined;
  // Over an exact field the shortest at-most-doubling schedule (the final xt is the same: its
  // coefficients are exact); over Decimal plain doubling.
  for (const m2 of liftingSchedule(order, F.exact)) {
    const at = (w: number): Series<T>[] => xt.map((x) => x.truncate(w));
    // The first residual is formed in full and teaches the slack (the orders the counts lose, the same at
    // every step); the later ones are formed to O(eps^m2) only, no more than the step uses
    // (docs/series-derivation.md, "Residual").
    const capped = m > 1;
    const { residual, loss } = withPrecision(m2, (w) => evaluateScaledSystem(sys, at(w), w, false, capped ? m2 : undefined), (r) => minPrec(r.residual), residualSlack, capped);
    onLoss?.(loss, m);
    if (known === undefined || known.valid < m2 - m) {
      // Over an exact field J is evaluated at the exact polynomial xt mod eps^(m2 - m), which has the
      // same J mod eps^(m2 - m) and fewer terms.
      const r = m2 - m;
      const low = F.exact ? xt.map((x) => Series.of(F, 0, polynomialPart(x, r))) : xt;
      const { jacobian } = withPrecision(r, (w) => evaluateScaledSystem(sys, low.map((x) => x.truncate(w)), w, true), (q) => minPrec(q.jacobian!.flat()), jacobianSlack);
      known = { jacobian: jacobian!, valid: F.exact ? Math.min(r, minPrec(jacobian!.flat())) : -1 };
    }
    const jacobian = known.jacobian;
    // Below eps^0 (J) and eps^m (F) every coefficient vanishes (exactly over Q(pi), to rounding over
    // Decimal): keep only the parts that carry information, so pivots are chosen on true valuations.
    const J = jacobian.map((row) => row.map((e) => tail(e.truncate(m2 - m), 0)));
    const rhs = residual.map((f) => tail(f.truncate(m2), m).neg());
    const delta = solvePowerSeriesSystem(F, J, rhs);
    xt = xt.map((x, i) => Series.of(F, 0, polynomialPart(x.add(delta[i]!), m2), Infinity));
    m = m2;
    onStep?.(m);
  }
  return xt.map((x) => x.truncate(order));
}

/** The part of s from eps^from on (same precision). */
function tail<T>(s: Series<T>, from: number): Series<T> {
  const coeffs: T[] = [];
  for (let k = from; k < s.prec; k++) coeffs.push(s.coeff(k));
  return Series.of(s.F, from, coeffs, s.prec);
}

/** The coefficients of eps^0 .. eps^(n-1) of a power series (zeros where unknown would be an error). */
function polynomialPart<T>(s: Series<T>, n: number): T[] {
  const out: T[] = [];
  for (let k = 0; k < n; k++) out.push(s.coeff(k));
  return out;
}

/**
 * Newton (newtonSolve) on the constant terms F(xt, 0) = 0 over the real field F (the leading system), from
 * `start`: used to propose limit values and, for families that leave Q(pi), to bring the declared ones
 * to full precision. Converged when the largest absolute step is below 10^-(digits - 8); NewtonError
 * after 60 steps, on divergence or on a singular leading Jacobian.
 */
export function solveLeadingSystemNumerically<T>(sys: ScaledSystem<T>, start: readonly T[], F: RealField<T>, digits: number): T[] {
  const solution = newtonSolve(F, start.slice(), (x) => {
    const xt = x.map((c) => Series.constant(F, c));
    const { residual, jacobian } = withPrecision(1, (w) => evaluateScaledSystem(sys, xt, w, true), (r) => Math.min(minPrec(r.residual), minPrec(r.jacobian!.flat())));
    return { residual: residual.map((e) => e.coeff(0)), jacobian: jacobian!.map((row) => row.map((e) => e.coeff(0))) };
  }, { tolerance: F.fromDecimalString(`1e-${digits - 8}`), maxSteps: 60, stepSize: (_, step) => maxAbs(F, step), what: "Newton on the leading system F(xt, 0) = 0" });
  return solution.y;
}
