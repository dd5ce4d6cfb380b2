import type { Decimal } from "decimal.js";
import { DecimalField } from "../numbers/decimalField.js";
import type { RealField } from "../numbers/field.js";
import { solveLinear } from "../linalg/solve.js";
import type { Pattern } from "../patterns/pattern.js";
import { lossJet, weightParams } from "../patterns/derivatives.js";
import { NewtonError } from "../linalg/newton.js";
import type { PrecisionContext } from "./precision.js";
import { fromDecimal, newtonCriticalPoint, type PatternCriticalPoint } from "./newton.js";

/** Raised when a branch cannot be followed further: it ends in a fold (or turns back) near `d`. */
export class BranchEnd extends Error {
  override readonly name = "BranchEnd";
  constructor(message: string, readonly d: Decimal) {
    super(message);
  }
}

/** The corrector converged to another branch (its correction is large next to the predictor's move): halve the step. */
class BranchJump extends Error {
  override readonly name = "BranchJump";
}

/**
 * dx/dd along the branch grad_W L_P(x(d); d) = 0: solve H dx/dd = -d(grad)/dd (implicit function theorem),
 * in the context's arithmetic at the digits of F (docs/families.md, "Arithmetic").
 */
function tangent(F: DecimalField, precision: PrecisionContext, P: Pattern, x: readonly Decimal[], d: Decimal, wrt: readonly number[]): Decimal[] {
  if (precision.arithmetic === "decimal") return tangentIn(F, P, x, d, wrt);
  const N = precision.numeric(F.digits);
  return tangentIn(N, P, x.map((v) => fromDecimal(N, v)), fromDecimal(N, d), wrt).map((v) => F.from(N.toDecimal(v, F.digits)));
}

/** dx/dd along the branch in any real field (float64 for the walks of branchWalk.ts). */
export function tangentIn<T>(F: RealField<T>, P: Pattern, x: readonly T[], d: T, wrt: readonly number[]): T[] {
  const jet = lossJet(F, P, x, d, wrt, { withD: true });
  const H = jet.hessian!;
  const n = wrt.length;
  const A = wrt.map((_, i) => H[i]!.slice(0, n));
  const b = wrt.map((_, i) => F.neg(H[i]![n]!));
  return solveLinear(F, A, b);
}

export interface ContinuationOptions {
  /** The precision of the final point (its digits; guard digits are added for the largest d). */
  readonly precision: PrecisionContext;
  /** Called after each accepted step with the current d (for progress output). */
  readonly onStep?: (d: Decimal) => void;
  /** The first step in log d (default 0.25): smaller near a bifurcation, where a fold may be close. */
  readonly initialStep?: number;
  /** The absolute part of the largest correction accepted as the same branch (default 1e-3): smaller for a branch that close to another. */
  readonly jumpAllowance?: number;
}

/**
 * Follow the branch of critical points of L_P (fixed a) from (x0, d0) to d = target by natural-parameter
 * continuation in log d (docs/families.md, "continuation"): tangent predictor, Newton corrector at
 * moderate precision (30 to 40 digits + guard digits), step halving on a NewtonError; then a Newton polish
 * at the context's digits + guard digits.
 * Throws BranchEnd when the step falls below 1e-9 relative: the branch ends in a fold there.
 */
export function continueBranch(
  P: Pattern,
  x0: readonly Decimal[],
  d0: Decimal,
  target: Decimal,
  options: ContinuationOptions,
): PatternCriticalPoint {
  const wrt = weightParams(P);
  const { precision } = options;
  const maxD = d0.gt(target) ? d0 : target;
  const walk = new DecimalField(Math.max(30, Math.min(precision.digits, 40)) + precision.guardDigits(maxD));
  let x = x0.map((v) => walk.from(v));
  let d = walk.from(d0);
  const goal = walk.from(target);
  const logGoal = goal.ln();
  let h = walk.fromDecimalString(String(options.initialStep ?? 0.25));
  while (!d.eq(goal)) {
    const remaining = logGoal.sub(d.ln());
    const step = remaining.abs().lt(h) ? remaining : h.mul(remaining.s);
    const dNext = remaining.abs().lt(h) ? goal : d.mul(step.exp());
    try {
      const v = tangent(walk, precision, P, x, d, wrt);
      const predicted = x.slice();
      wrt.forEach((k, i) => {
        predicted[k] = walk.add(x[k]!, walk.mul(v[i]!, walk.sub(dNext, d)));
      });
      const corrected = newtonCriticalPoint(walk, precision, P, predicted, dNext, { maxIterations: 12 });
      // Reject a jump to another branch: the correction must be small next to the predictor's move.
      let jump = walk.zero();
      let move = walk.fromDecimalString("1e-6");
      wrt.forEach((k) => {
        jump = walk.D.max(jump, corrected.x[k]!.sub(predicted[k]!).abs());
        move = walk.D.max(move, predicted[k]!.sub(x[k]!).abs());
      });
      if (jump.gt(move.mul(0.5).add(walk.fromDecimalString(String(options.jumpAllowance ?? 1e-3))))) throw new BranchJump();
      x = corrected.x;
      d = dNext;
      options.onStep?.(d);
      h = walk.D.min(h.mul(1.5), walk.fromDecimalString("0.5"));
    } catch (e) {
      if (!(e instanceof NewtonError) && !(e instanceof BranchJump)) throw e;
      h = h.div(2);
      if (h.lt(walk.fromDecimalString("1e-9"))) {
        throw new BranchEnd(
          `the branch cannot be continued past d = ${d.toSignificantDigits(8).toString()} towards ${target.toString()}: ` +
            `it ends in a fold (or loses nondegeneracy) there`,
          d,
        );
      }
    }
  }
  const polish = precision.working(maxD);
  return newtonCriticalPoint(polish, precision, P, x, polish.from(target));
}

