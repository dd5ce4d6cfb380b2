import type { Decimal } from "decimal.js";
import { BranchEnd, type ContinuationOptions } from "../families/continuation.js";
import type { PatternCriticalPoint } from "../families/newton.js";
import { NewtonError } from "../linalg/newton.js";
import { solveLinear } from "../linalg/solve.js";
import { F64 } from "../numbers/floatField.js";
import { fixedJetFloat64, fromFixed, toFixed, type FixedCoordinates } from "./fixedCoordinates.js";
import { float64CriticalPoint, refinedCriticalPoint } from "./refine.js";

/**
 * continueBranch (docs/families.md, "continuation") with the walk in float64 (docs/bifurcation.md §4,
 * "Arithmetic of the branches"): the same steps in log d (tangent predictor, Newton corrector, a jump
 * rejected, the step halved on a failure, a fold below 1e-9), each in JS numbers; only the end point is
 * solved at the context's digits (refinedCriticalPoint). The corrector has CORRECTOR_STEPS float64 steps
 * where continueBranch's at 30 digits has 12: from a float64-converged point two more quadratic steps reach
 * 30 digits, so both accept the same correctors. That limit is what ends a walk at a fold: past it a
 * corrector that wanders onto another branch within the jump allowance takes more steps.
 */

/** Newton steps of the float64 corrector (12 at 30 digits less the two that double 15 digits to 30 and more). */
const CORRECTOR_STEPS = 10;

/** The corrector converged to another branch: halve the step. */
class BranchJump extends Error {
  override readonly name = "BranchJump";
}

/** dz/dd along grad_z L_P(z(d); d) = 0: H dz/dd = -d(grad)/dd. */
function tangent(c: FixedCoordinates, x: readonly number[], d: number): number[] {
  const H = fixedJetFloat64(c, x, d, true).hessian;
  const n = c.count;
  return solveLinear(F64, H.slice(0, n).map((row) => row.slice(0, n)), H.slice(0, n).map((row) => -row[n]!));
}

/** Follow the branch of critical points of L_P in Fix(H) (coordinates c) from (x0, d0) to d = target; throws BranchEnd at a fold. */
export function walkBranch(c: FixedCoordinates, x0: readonly Decimal[], d0: Decimal, target: Decimal, options: ContinuationOptions): PatternCriticalPoint {
  const { precision } = options;
  const maxD = d0.gt(target) ? d0 : target;
  let x = x0.map((v) => v.toNumber());
  let d = d0.toNumber();
  const goal = target.toNumber();
  let h = options.initialStep ?? 0.25;
  while (d !== goal) {
    const remaining = Math.log(goal) - Math.log(d);
    const last = Math.abs(remaining) < h;
    const dNext = last ? goal : d * Math.exp(h * Math.sign(remaining));
    try {
      const v = tangent(c, x, d);
      const predicted = fromFixed(c, x, toFixed(F64, c, x).map((z, o) => z + v[o]! * (dNext - d)));
      const corrected = float64CriticalPoint(c, predicted, dNext, CORRECTOR_STEPS).x;
      // Reject a jump to another branch: the correction must be small next to the predictor's move.
      let jump = 0;
      let move = 1e-6;
      c.wrt.forEach((k) => {
        jump = Math.max(jump, Math.abs(corrected[k]! - predicted[k]!));
        move = Math.max(move, Math.abs(predicted[k]! - x[k]!));
      });
      if (jump > 0.5 * move + (options.jumpAllowance ?? 1e-3)) throw new BranchJump();
      x = corrected;
      d = dNext;
      h = Math.min(1.5 * h, 0.5);
    } catch (e) {
      if (!(e instanceof NewtonError) && !(e instanceof BranchJump)) throw e;
      h /= 2;
      if (h < 1e-9) {
        const at = precision.working(maxD).fromDecimalString(String(d));
        throw new BranchEnd(
          `the branch cannot be continued past d = ${at.toSignificantDigits(8).toString()} towards ${target.toString()}: it ends in a fold (or loses nondegeneracy) there`,
          at,
        );
      }
    }
  }
  const polish = precision.working(maxD);
  return refinedCriticalPoint(polish, precision, c, x.map((v) => polish.fromDecimalString(String(v))), polish.from(target));
}
