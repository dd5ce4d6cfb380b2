import type { Decimal } from "decimal.js";
import { BranchEnd, type ContinuationOptions } from "../families/continuation.js";
import type { PatternCriticalPoint } from "../families/newton.js";
import { followBranch64, type BranchSystem64 } from "../linalg/branch64.js";
import { F64 } from "../numbers/floatField.js";
import { fixedJetFloat64, fromFixed, toFixed, type FixedCoordinates } from "./fixedCoordinates.js";
import { float64Evaluation, float64NewtonOptions, refinedCriticalPoint } from "./refine.js";

/**
 * continueBranch (docs/families.md, "continuation") with the walk in float64 (docs/bifurcation.md §4,
 * "Arithmetic of the branches"): the same steps in log d (tangent predictor, Newton corrector, a jump
 * rejected, the step halved on a failure, a fold below 1e-9), each in JS numbers by the float64
 * predictor-corrector of src/linalg/branch64.ts; only the end point is
 * solved at the context's digits (refinedCriticalPoint). The corrector has CORRECTOR_STEPS float64 steps
 * where continueBranch's at 30 digits has 12: from a float64-converged point two more quadratic steps reach
 * 30 digits, so both accept the same correctors. That limit is what ends a walk at a fold: past it a
 * corrector that wanders onto another branch within the jump allowance takes more steps.
 */

/** Newton steps of the float64 corrector (12 at 30 digits less the two that double 15 digits to 30 and more). */
const CORRECTOR_STEPS = 10;

/**
 * The walk's equations in the coordinates z of Fix(H) (a and the parameters outside the W-coordinates as in
 * x0): the corrector is float64CriticalPoint's Newton, the tangent's Hessian and d-column the typed-array jets.
 */
function walkSystem(c: FixedCoordinates, x0: readonly number[]): BranchSystem64 {
  const n = c.count;
  return {
    evaluate: (z, d) => float64Evaluation(c, fromFixed(c, x0, z), d),
    derivatives: (z, d) => {
      const H = fixedJetFloat64(c, fromFixed(c, x0, z), d, true).hessian;
      return { jacobian: H.slice(0, n).map((row) => row.slice(0, n)), dd: H.slice(0, n).map((row) => row[n]!) };
    },
    newton: (d) => float64NewtonOptions(d, CORRECTOR_STEPS),
  };
}

/** Follow the branch of critical points of L_P in Fix(H) (coordinates c) from (x0, d0) to d = target; throws BranchEnd at a fold. */
export function walkBranch(c: FixedCoordinates, x0: readonly Decimal[], d0: Decimal, target: Decimal, options: ContinuationOptions): PatternCriticalPoint {
  const { precision } = options;
  const maxD = d0.gt(target) ? d0 : target;
  const x = x0.map((v) => v.toNumber());
  const rule = { initial: options.initialStep ?? 0.25, grow: (h: number) => Math.min(1.5 * h, 0.5), shortest: 1e-9, jumpAllowance: options.jumpAllowance ?? 1e-3 };
  const walked = followBranch64(walkSystem(c, x), toFixed(F64, c, x), d0.toNumber(), target.toNumber(), rule);
  if (!walked.reached) {
    const at = precision.working(maxD).fromDecimalString(String(walked.d));
    throw new BranchEnd(
      `the branch cannot be continued past d = ${at.toSignificantDigits(8).toString()} towards ${target.toString()}: it ends in a fold (or loses nondegeneracy) there`,
      at,
    );
  }
  const polish = precision.working(maxD);
  return refinedCriticalPoint(polish, precision, c, fromFixed(c, x, walked.y).map((v) => polish.fromDecimalString(String(v))), polish.from(target));
}
