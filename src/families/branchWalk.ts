import { SingularMatrixError, solveLinear } from "../linalg/solve.js";
import { DecimalField } from "../numbers/decimalField.js";
import { F64 } from "../numbers/floatField.js";
import { compileRestrictedLoss } from "../patterns/compiledLoss.js";
import { weightParams } from "../patterns/derivatives.js";
import { paramWeights } from "../patterns/metric.js";
import { restrictedLoss } from "../patterns/restrictedLoss.js";
import type { Pattern } from "../patterns/pattern.js";
import { familyPattern, seedParams } from "./critical.js";
import type { FamilyDefinition } from "./definition.js";

/**
 * A family's branch at an integer or real d in float64, walked from its seed on a fixed geometric grid
 * (docs/families.md §12): the nodes d_k = seed * GRID_FACTOR^k (k > 0 below the seed, k < 0 above it, six
 * significant digits) are reached one after the other by a tangent predictor and a Newton corrector in
 * float64 on the compiled loss (its gradient by hand, the derivatives of the gradient by central differences),
 * and the point at d by one more such move from the last node on the seed's side of d. Steps of 10%
 * follow each branch where the continuation's own longer steps can land on a neighbouring one (docs/census.md
 * §9), and since the nodes do not depend on the d asked for, neither does the point at d. The nodes are kept
 * per family for the process: the census names many points at one d, the reproduction many d.
 */

/** The ratio of consecutive nodes below the seed (its inverse above). */
const GRID_FACTOR = 0.9;
/** Newton has converged when its step is below this relative to the largest parameter (the float64 floor is about 1e-14). */
const STEP_TOLERANCE = 1e-12;
/** Newton's steps at most, per move. */
const NEWTON_STEPS = 8;
/** The relative step of the central differences. */
const FD_STEP = 1e-6;
/** A corrector that moves farther than this plus half the predictor's move has jumped to another branch. */
const JUMP_ALLOWANCE = 1e-3;
/** A move shorter than this in log d that still fails ends the walk (a fold near there). */
const SHORTEST_MOVE = 1e-6;

/** A point of the branch in float64: all pattern parameters (a = the family's signs), its loss. */
export interface BranchPoint64 {
  readonly x: number[];
  readonly loss: number;
}

interface Walk {
  readonly P: Pattern;
  /** The nodes reached, by k; null where the walk ended (a fold between it and the previous node). */
  readonly nodes: Map<number, number[] | null>;
  /** The points asked for, by d (null where the walk ends before d): the minima of a census cell ask for the same. */
  readonly points: Map<number, BranchPoint64 | null>;
}

const walks = new WeakMap<FamilyDefinition, Walk>();

function nodeD(f: FamilyDefinition, k: number): number {
  return Number((Number(f.seed.d) * GRID_FACTOR ** k).toPrecision(6));
}

/**
 * From the critical point x at `from` to the one at `to`: tangent predictor, Newton corrector in float64,
 * the move halved in log d while Newton fails or the corrector jumps; undefined when it falls below SHORTEST_MOVE.
 */
function move(P: Pattern, x0: readonly number[], from: number, to: number): number[] | undefined {
  const wrt = weightParams(P);
  let x = x0.slice();
  let d = from;
  let h = Math.abs(Math.log(to / from));
  while (d !== to) {
    const remaining = Math.log(to / d);
    const next = Math.abs(remaining) <= h ? to : d * Math.exp(Math.sign(remaining) * h);
    const corrected = correct(P, wrt, x, d, next);
    if (corrected !== undefined) {
      x = corrected;
      d = next;
    } else {
      h /= 2;
      if (h < SHORTEST_MOVE) return undefined;
    }
  }
  return x;
}

/** The W-gradient of L_P at d per full entry (g_k / w_k, docs/patterns.md §5), on the compiled float64 loss. */
function residual(P: Pattern, wrt: readonly number[], x: readonly number[], d: number): (y: readonly number[]) => number[] {
  const loss = compileRestrictedLoss(P, d, P.params.flatMap((q, k) => (q.kind === "a" ? [x[k]!] : [])));
  const weights = paramWeights(F64, P, d);
  const full = Float64Array.from(x);
  const g = new Float64Array(x.length);
  return (y) => {
    wrt.forEach((k, i) => (full[k] = y[i]!));
    loss.evaluate(full, g);
    return wrt.map((k) => g[k]! / weights[k]!);
  };
}

/** The Jacobian of r at y by central differences (columns), step FD_STEP max(1, |y_j|). */
function jacobian(r: (y: readonly number[]) => number[], y: readonly number[]): number[][] {
  const columns = y.map((v, j) => {
    const h = FD_STEP * Math.max(1, Math.abs(v));
    const plus = r(y.map((u, i) => (i === j ? u + h : u)));
    const minus = r(y.map((u, i) => (i === j ? u - h : u)));
    return plus.map((p, i) => (p - minus[i]!) / (2 * h));
  });
  return y.map((_, i) => columns.map((c) => c[i]!));
}

/**
 * One move from (x, d) to next: the tangent dx/dd = -J^{-1} dr/dd (both by central differences) as predictor,
 * then Newton on the compiled loss with the Jacobian by differences (it converges linearly, at the rate of
 * the differences' error, about 1e-7 a step); the corrected point, or undefined when Newton does not reach
 * the float64 floor in NEWTON_STEPS steps or jumps to another branch.
 */
function correct(P: Pattern, wrt: readonly number[], x: readonly number[], d: number, next: number): number[] | undefined {
  const y0 = wrt.map((k) => x[k]!);
  const here = residual(P, wrt, x, d);
  const delta = 1e-6 * d;
  const below = residual(P, wrt, x, d - delta)(y0);
  const dr = residual(P, wrt, x, d + delta)(y0).map((v, i) => (v - below[i]!) / (2 * delta));
  let y: number[];
  try {
    const tangent = solveLinear(F64, jacobian(here, y0), dr.map((v) => -v));
    y = y0.map((v, i) => v + tangent[i]! * (next - d));
  } catch (e) {
    if (e instanceof SingularMatrixError) return undefined;
    throw e;
  }
  const predicted = y.slice();
  const r = residual(P, wrt, x, next);
  let converged = false;
  for (let step = 0; step < NEWTON_STEPS && !converged; step++) {
    let dy: number[];
    try {
      dy = solveLinear(F64, jacobian(r, y), r(y).map((v) => -v));
    } catch (e) {
      if (e instanceof SingularMatrixError) return undefined;
      throw e;
    }
    y = y.map((v, i) => v + dy[i]!);
    if (!y.every(Number.isFinite)) return undefined;
    converged = Math.max(...dy.map(Math.abs)) <= STEP_TOLERANCE * Math.max(1, ...y.map(Math.abs));
  }
  let jump = 0;
  let moved = 1e-6;
  wrt.forEach((k, i) => {
    jump = Math.max(jump, Math.abs(y[i]! - predicted[i]!));
    moved = Math.max(moved, Math.abs(predicted[i]! - x[k]!));
  });
  if (!converged || jump > 0.5 * moved + JUMP_ALLOWANCE) return undefined;
  const out = x.slice();
  wrt.forEach((k, i) => (out[k] = y[i]!));
  return out;
}

/** The node k of the walk (null when the walk ends before it), walking from the seed as far as needed. */
function node(f: FamilyDefinition, walk: Walk, k: number): number[] | null {
  const known = walk.nodes.get(k);
  if (known !== undefined) return known;
  const previous = node(f, walk, k - Math.sign(k));
  const x = previous === null ? null : (move(walk.P, previous, nodeD(f, k - Math.sign(k)), nodeD(f, k)) ?? null);
  walk.nodes.set(k, x);
  return x;
}

/**
 * The family's critical point at d in float64, walked from its seed on the fixed grid (module comment);
 * undefined when the walk ends (a fold) before d or d is outside the family's range.
 */
export function branchPointAt64(f: FamilyDefinition, d: number): BranchPoint64 | undefined {
  if (d < Number(f.range.min) || d > Number(f.range.max)) return undefined;
  let walk = walks.get(f);
  if (walk === undefined) {
    const P = familyPattern(f);
    walk = { P, nodes: new Map([[0, seedParams(f, new DecimalField(20)).map((v) => v.toNumber())]]), points: new Map() };
    walks.set(f, walk);
  }
  const seed = Number(f.seed.d);
  // The last node on the seed's side of d: the least node >= d below the seed, the largest <= d above it.
  let k = 0;
  if (d < seed) while (nodeD(f, k + 1) >= d) k++;
  else while (nodeD(f, k - 1) <= d) k--;
  let point = walk.points.get(d);
  if (point === undefined) {
    const from = node(f, walk, k);
    const x = from === null ? undefined : nodeD(f, k) === d ? from : move(walk.P, from, nodeD(f, k), d);
    point = x === undefined ? null : { x, loss: restrictedLoss(F64, walk.P, x, d) };
    walk.points.set(d, point);
  }
  return point === null ? undefined : { x: point.x.slice(), loss: point.loss };
}
