import type { Decimal } from "decimal.js";
import { jetScalar, type Jet } from "../diff/jet.js";
import { familyPattern } from "../families/critical.js";
import { continueBranch } from "../families/continuation.js";
import type { FamilyDefinition } from "../families/definition.js";
import { fromDecimal } from "../families/newton.js";
import { precisionContext, type PrecisionContext } from "../families/precision.js";
import { embedIsotropyPoint, nonGaugeEigenpairs, realDimensionBlocks } from "../hessian/blocks.js";
import { NewtonError, newtonSolve } from "../linalg/newton.js";
import type { DecimalField } from "../numbers/decimalField.js";
import type { RealField } from "../numbers/field.js";
import { lossJet, weightParams } from "../patterns/derivatives.js";
import { fullGradientNorm, paramWeights } from "../patterns/metric.js";
import { restrictedLoss } from "../patterns/restrictedLoss.js";
import { blockSamples, type Bracket } from "./scan.js";

/**
 * Locating a crossing inside a scan bracket by one Newton iteration on (x, d) (docs/crossing.md §2):
 *   grad_W L_P(x; d) = 0                 (the critical-point equations, gauge a = the family's signs)
 *   lambda_j(B_c(x, d)) = 0              (the carrying non-gauge eigenvalue of the block of component c)
 * with the exact Jacobian: the first rows from jets of L_P in (x_W, d), the last from the
 * Hellmann–Feynman formula d lambda = u^T (dH_Q - lambda dD) u / u^T D u, u = C v the eigenvector in the
 * coordinates of the finer pattern Q_k, through nested jets (order 1 in (x_W, d) under order 2 along u).
 */

export interface LocatedCrossing {
  /** The crossing d at digits + 10 digits (the confirming solve). */
  readonly d: Decimal;
  /** Significant digits of d on which the solves at `digits` and `digits + 10` agree (at most `digits`). */
  readonly confirmedDigits: number;
  /** The scan bracket the solve started from, and the starting d (its midpoint). */
  readonly bracket: readonly [Decimal, Decimal];
  readonly start: Decimal;
  /** The critical point at d. */
  readonly x: Decimal[];
  /** Newton iterations of the first solve, and the relative step size of each (quadratic convergence). */
  readonly iterations: number;
  readonly steps: Decimal[];
  /** At the returned (x, d) of the first solve: full gradient norm and |lambda_j|. */
  readonly residual: { readonly gradient: Decimal; readonly eigenvalue: Decimal };
}

export class CrossingFailure extends Error {
  override readonly name = "CrossingFailure";
}

interface Evaluation<T> {
  /** The residuals of the equations and the Jacobian rows (x_W then d). */
  readonly rows: T[][];
  readonly rhs: T[];
}

/** The carrying eigenvalue lambda_j of the bracket's block at (x, d), its eigenvector v (G-unit) in block coordinates, and the block. */
function carrying<T>(F: RealField<T>, f: FamilyDefinition, b: Bracket, x: readonly T[], d: T) {
  const [block] = realDimensionBlocks(F, familyPattern(f), x, d, (c) => c.name === b.component.name, b.lo.secondLayer);
  if (block === undefined) throw new CrossingFailure(`component ${b.component.name} has no block at d = ${F.toString(d)}`);
  const { values, vectors } = nonGaugeEigenpairs(F, block);
  return { block, lambda: values[b.index]!, v: vectors[b.index]! };
}

/** The residuals at (x, d) without the Jacobian: full gradient norm and |lambda_j|. */
function residuals<T>(F: RealField<T>, f: FamilyDefinition, b: Bracket, x: readonly T[], d: T): { gradient: T; eigenvalue: T } {
  const P = familyPattern(f);
  const wrt = weightParams(P);
  const weights = paramWeights(F, P, d);
  const gradient = fullGradientNorm(F, lossJet(F, P, x, d, wrt, { order: 1 }).gradient, wrt.map((k) => weights[k]!));
  return { gradient, eigenvalue: F.abs(carrying(F, f, b, x, d).lambda) };
}

/** The equations and their exact Jacobian at (x, d), over any real field (docs/crossing.md §2). */
function evaluate<T>(F: RealField<T>, f: FamilyDefinition, b: Bracket, x: readonly T[], d: T): Evaluation<T> {
  const P = familyPattern(f);
  const wrt = weightParams(P);
  const n = wrt.length;
  // grad_W L_P = 0: rows of the Hessian in (x_W, d), each divided by its metric weight (per-entry gradient).
  const jet = lossJet(F, P, x, d, wrt, { withD: true });
  const weights = paramWeights(F, P, d);
  const rows = wrt.map((k, i) => jet.hessian![i]!.map((h) => F.div(h, weights[k]!)));
  const rhs = wrt.map((k, i) => F.neg(F.div(jet.gradient[i]!, weights[k]!)));

  // lambda_j: the carrying eigenvalue of the block, with eigenvector v (G-unit) in block coordinates.
  const { block, lambda, v } = carrying(F, f, b, x, d);
  const u = block.pattern.params.map((_, q) => block.basis.reduce((s, c, t) => F.add(s, F.mul(c[q]!, v[t]!)), F.zero()));

  // d lambda / d(x_W, d) = (q' - lambda r') / r with q = u^T H_Q u, r = u^T D u as functions of (x_W, d).
  const J1 = jetScalar(F, n + 1, 1);
  const J2 = jetScalar(J1, 1, 2);
  const position = new Map(wrt.map((k, i) => [k, i]));
  const xs = x.map((value, k) => (position.has(k) ? J1.variable(position.get(k)!, value) : J1.constant(value)));
  const dj = J1.variable(n, d);
  const xQ: Jet<Jet<T>>[] = embedIsotropyPoint(familyPattern(f), block.component.sn.level, xs).map((value, q) =>
    F.isZero(u[q]!) ? J2.constant(value) : { v: value, g: [J1.constant(u[q]!)] },
  );
  const q = J2.hessian(restrictedLoss(J2, block.pattern, xQ, J2.constant(dj)))[0]![0]!;
  const r = paramWeights(J1, block.pattern, dj).reduce((s, w, k) => (F.isZero(u[k]!) ? s : J1.add(s, J1.mul(w, J1.constant(F.mul(u[k]!, u[k]!))))), J1.fromInt(0));
  const dq = J1.gradient(q);
  const dr = J1.gradient(r);
  rows.push(dq.map((qi, i) => F.div(F.sub(qi, F.mul(lambda, dr[i]!)), r.v)));
  rhs.push(F.neg(lambda));
  return { rows, rhs };
}

/** One solve of the joint system: (x, d), the relative step sizes and, when asked for, the residuals at the solution. */
interface JointSolution {
  readonly x: Decimal[];
  readonly d: Decimal;
  readonly steps: Decimal[];
  readonly residual?: { readonly gradient: Decimal; readonly eigenvalue: Decimal };
}

/**
 * Joint Newton (newtonSolve) on y = (x_W, d) from (x0, d0) at the digits of the working field W,
 * converged when the step (relative to max(1, |x_W|) and to d) is below 10^-(digits + 2), or at the
 * noise floor (a step that no longer shrinks below 10^-floor(digits / 2)). The step is halved until d
 * stays inside the bracket (the sign change is there). Fails with NewtonError (last residual: the
 * largest equation residual). The iteration runs in precision.numeric(W.digits) (binary floats unless
 * the context says decimal; docs/families.md, "Arithmetic"); inputs and results are decimal.js numbers
 * of W. The residuals at the solution (one more evaluation, without the Jacobian) only `withResidual`.
 */
function jointNewton(W: DecimalField, precision: PrecisionContext, f: FamilyDefinition, b: Bracket, x0: readonly Decimal[], d0: Decimal, withResidual: boolean): JointSolution {
  const F = precision.numeric(W.digits);
  const r = solveJoint(F, f, b, x0.map((v) => fromDecimal(F, v)), fromDecimal(F, d0), precision.digits, 40);
  const back = (v: unknown): Decimal => W.from(F.toDecimal(v, W.digits));
  const solution = { x: r.x.map(back), d: back(r.d), steps: r.steps.map(back) };
  if (!withResidual) return solution;
  const residual = residuals(F, f, b, r.x, r.d);
  return { ...solution, residual: { gradient: back(residual.gradient), eigenvalue: back(residual.eigenvalue) } };
}

/** jointNewton in any real field; `digits` is the number of digits the steps must reach. */
function solveJoint<T>(F: RealField<T>, f: FamilyDefinition, b: Bracket, x: readonly T[], d0: T, digits: number, maxSteps: number) {
  const P = familyPattern(f);
  const wrt = weightParams(P);
  const n = wrt.length;
  const lo = fromDecimal(F, b.lo.d);
  const hi = fromDecimal(F, b.hi.d);
  const at = (y: readonly T[]): T[] => {
    const full = x.slice();
    wrt.forEach((k, i) => (full[k] = y[i]!));
    return full;
  };
  const half = F.fromInt(2);
  const inside = (v: T): boolean => F.lt(lo, v) && F.lt(v, hi);
  const solution = newtonSolve(F, [...wrt.map((k) => x[k]!), d0], (y) => {
    const e = evaluate(F, f, b, at(y), y[n]!);
    return { jacobian: e.rows, residual: e.rhs.map((r) => F.neg(r)) };
  }, {
    tolerance: F.fromDecimalString(`1e-${digits + 2}`),
    noiseFloor: F.fromDecimalString(`1e-${Math.floor(digits / 2)}`),
    maxSteps,
    what: `component ${b.component.name}: joint Newton on (x, d) in [${b.lo.d.toString()}, ${b.hi.d.toString()}]`,
    damping: (y, step) => {
      let t = F.one();
      for (let h = 0; h < 60 && !inside(F.add(y[n]!, F.mul(t, step[n]!))); h++) t = F.div(t, half);
      return t;
    },
    stepSize: (y, step, next) => {
      let size = F.div(F.abs(step[n]!), y[n]!);
      let scale = F.one();
      for (let i = 0; i < n; i++) if (F.lt(scale, F.abs(next[i]!))) scale = F.abs(next[i]!);
      for (let i = 0; i < n; i++) {
        const s = F.div(F.abs(step[i]!), scale);
        if (F.lt(size, s)) size = s;
      }
      return size;
    },
  });
  return { x: at(solution.y), d: solution.y[n]!, steps: solution.stepSizes };
}

/** Leading significant digits on which a and b agree (relative), capped. */
function agreement(a: Decimal, b: Decimal, cap: number): number {
  const diff = a.sub(b).abs();
  if (diff.isZero()) return cap;
  return Math.max(0, Math.min(cap, Math.floor(-diff.div(b.abs()).log(10).toNumber())));
}

/** How often a bracket may be halved when the joint Newton does not converge from its midpoint. */
const MAX_BISECTIONS = 8;

/**
 * Locate the crossing of bracket b: the critical point at the bracket's midpoint by continuation from
 * the nearer scan sample, joint Newton at digits + guard digits, then again at 10 more digits from that
 * solution; d keeps the digits on which the two agree (at most `digits`). Where the joint Newton does not
 * converge from the midpoint (a wide bracket far from the quadratic regime), the bracket is halved at its
 * midpoint by the sign count of the carrying block there, and the solve starts again in the half that
 * keeps the sign change (at most MAX_BISECTIONS times). The continuation and both solves run in binary
 * floats (precisionContext; docs/families.md, "Arithmetic"). The reported bracket is the scan's.
 */
export function locateCrossing(f: FamilyDefinition, b: Bracket, digits: number): LocatedCrossing {
  const precision = precisionContext(digits);
  let bracket = b;
  for (let halvings = 0; ; halvings++) {
    try {
      return { ...solveInBracket(f, bracket, precision), bracket: [b.lo.d, b.hi.d] };
    } catch (e) {
      if (!(e instanceof NewtonError) || halvings === MAX_BISECTIONS) throw e;
      bracket = halve(f, bracket, precision);
    }
  }
}

function solveInBracket(f: FamilyDefinition, b: Bracket, precision: PrecisionContext): Omit<LocatedCrossing, "bracket"> {
  const confirming = precision.confirming();
  const F = precision.working(b.hi.d);
  const mid = F.div(F.add(F.from(b.lo.d), F.from(b.hi.d)), F.fromInt(2));
  const near = mid.sub(b.lo.d).abs().lt(mid.sub(b.hi.d).abs()) ? b.lo : b.hi;
  const x0 = continueBranch(familyPattern(f), near.x, near.d, mid, { precision }).x;
  const first = jointNewton(F, precision, f, b, x0, mid, true);
  checkSolved(F, precision, b, first);
  const second = jointNewton(confirming.working(b.hi.d), confirming, f, b, first.x, first.d, false);
  return {
    d: second.d,
    confirmedDigits: agreement(first.d, second.d, precision.digits),
    start: mid,
    x: second.x,
    iterations: first.steps.length,
    steps: first.steps,
    residual: first.residual!,
  };
}

/**
 * A damped solve can stall at the edge of the bracket: each step that would take d out of it is halved,
 * the relative steps shrink and the solver stops without a solution (2b.d-1's [n-1,1] from [4.001, 5.036]
 * stopped at 5.036, |lambda| = 3e-3). A solution keeps both residuals below the noise floor
 * 10^-(N/2); otherwise a NewtonError, on which the bracket is halved (docs/crossing.md §2).
 */
function checkSolved(F: DecimalField, precision: PrecisionContext, b: Bracket, s: JointSolution): void {
  const floor = F.fromDecimalString(`1e-${Math.floor(precision.digits / 2)}`);
  const { gradient, eigenvalue } = s.residual!;
  if (gradient.lte(floor) && eigenvalue.lte(floor)) return;
  throw new NewtonError(
    "stopped converging",
    s.steps.length,
    eigenvalue.gt(gradient) ? eigenvalue : gradient,
    [...s.x, s.d],
    `component ${b.component.name}: joint Newton on (x, d) in [${b.lo.d.toString()}, ${b.hi.d.toString()}] stopped at d = ${s.d.toSignificantDigits(8).toString()} without a solution (|lambda| = ${eigenvalue.toExponential(2)}, gradient ${gradient.toExponential(2)})`,
  );
}

/** The half of b that keeps the sign change of the carrying block: a sample at b's midpoint decides. */
function halve(f: FamilyDefinition, b: Bracket, precision: PrecisionContext): Bracket {
  const F = precision.working(b.hi.d);
  const mid = F.div(F.add(F.from(b.lo.d), F.from(b.hi.d)), F.fromInt(2));
  const near = mid.sub(b.lo.d).abs().lt(mid.sub(b.hi.d).abs()) ? b.lo : b.hi;
  const point = continueBranch(familyPattern(f), near.x, near.d, mid, { precision });
  const blocks = blockSamples(f, point.x, mid, precision.digits, b.lo.secondLayer);
  const sample = { d: mid, secondLayer: b.lo.secondLayer, x: point.x, loss: point.loss, blocks };
  const negative = blocks.find((blk) => blk.component.name === b.component.name)?.negative;
  if (negative === undefined) throw new CrossingFailure(`component ${b.component.name} has no block at d = ${mid.toString()}`);
  return negative === b.negativeLo ? { ...b, lo: sample } : { ...b, hi: sample, negativeHi: negative };
}
