import { followBranch64, type BranchSystem64, type StepRule64 } from "../linalg/branch64.js";
import { DecimalField } from "../numbers/decimalField.js";
import { F64 } from "../numbers/floatField.js";
import { restrictedHessianFloat64 } from "../patterns/compiledHessian.js";
import { compileRestrictedLoss, type CompiledLoss } from "../patterns/compiledLoss.js";
import { weightParams } from "../patterns/derivatives.js";
import { paramWeights } from "../patterns/metric.js";
import { restrictedLoss } from "../patterns/restrictedLoss.js";
import type { Pattern } from "../patterns/pattern.js";
import { familyPattern, seedParams } from "./critical.js";
import type { FamilyDefinition } from "./definition.js";

/**
 * A family's branch at an integer or real d in float64, walked from its seed on a fixed geometric grid
 * (docs/families.md §12): the nodes d_k = seed * GRID_FACTOR^k (k > 0 below the seed, k < 0 above it, six
 * significant digits) are reached one after the other by the float64 predictor-corrector of
 * src/linalg/branch64.ts on the compiled loss (its gradient by hand, its Hessian by hand, the derivative in
 * d by a forward difference), and the point at d by one more such move from the last node on the seed's
 * side of d. Steps of 10% follow each branch where the continuation's own longer steps can land on a
 * neighbouring one (docs/census.md §9), and since the nodes do not depend on the d asked for, neither does
 * the point at d. The nodes are kept per family for the process: the census names many points at one d, the
 * reproduction many d.
 */

/** The ratio of consecutive nodes below the seed (its inverse above). */
const GRID_FACTOR = 0.9;
/** Newton has converged when its step is below this relative to the largest parameter (the float64 floor is about 1e-14). */
const STEP_TOLERANCE = 1e-12;
/** Newton's steps at most, per move. */
const NEWTON_STEPS = 8;
/** The relative step of the forward difference in d (the tangent's dr/dd: the predictor needs no more). */
const FD_STEP = 1e-6;
/** A move: the whole way at once, halved on a failure (never grown), ended below 1e-6 in log d (a fold); the jump allowance of §5. */
const STEP_RULE: StepRule64 = { grow: (h) => h, shortest: 1e-6, jumpAllowance: 1e-3 };

/** A point of the branch in float64: all pattern parameters (a = the family's signs), its loss. */
export interface BranchPoint64 {
  readonly x: number[];
  readonly loss: number;
}

interface Walk {
  readonly P: Pattern;
  /** The walk's equations (its a fixed at the seed's signs). */
  readonly system: BranchSystem64;
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
 * The equations of the walk in the W-parameters y of P (a fixed as in x0): r(y; d) = the W-gradient of L_P per
 * full entry (g_k / w_k, docs/patterns.md §5) on the compiled float64 loss, its Jacobian the Hessian by hand
 * (restrictedHessianFloat64, docs/patterns.md §6) with the same rows scaled, dr/dd by a forward difference in d
 * (the loss at d is compiled already: one compilation more per step).
 */
export function walkSystem(P: Pattern, x0: readonly number[]): BranchSystem64 {
  const wrt = weightParams(P);
  const full = x0.slice();
  const at = (y: readonly number[]): number[] => (wrt.forEach((k, i) => (full[k] = y[i]!)), full);
  const signs = P.params.flatMap((q, k) => (q.kind === "a" ? [x0[k]!] : []));
  // The compiled losses of the last few d: a step evaluates at d, d + delta and the next d.
  const compiled = new Map<number, { loss: CompiledLoss; weights: number[] }>();
  const g = new Float64Array(x0.length);
  const residual = (y: readonly number[], d: number): number[] => {
    let c = compiled.get(d);
    if (c === undefined) {
      if (compiled.size >= 3) compiled.delete(compiled.keys().next().value!);
      compiled.set(d, (c = { loss: compileRestrictedLoss(P, d, signs), weights: paramWeights(F64, P, d) }));
    }
    c.loss.evaluate(Float64Array.from(at(y)), g);
    return wrt.map((k) => g[k]! / c.weights[k]!);
  };
  const jacobian = (y: readonly number[], d: number): number[][] => {
    const H = restrictedHessianFloat64(P, at(y), d);
    const weights = paramWeights(F64, P, d);
    return wrt.map((k) => wrt.map((l) => H[k]![l]! / weights[k]!));
  };
  return {
    evaluate: (y, d) => ({ residual: residual(y, d), jacobian: () => jacobian(y, d) }),
    derivatives: (y, d) => {
      const delta = FD_STEP * d;
      const here = residual(y, d);
      return { jacobian: jacobian(y, d), dd: residual(y, d + delta).map((v, i) => (v - here[i]!) / delta) };
    },
    newton: (d) => ({ tolerance: STEP_TOLERANCE, maxSteps: NEWTON_STEPS, what: `Newton (float64) on the branch at d = ${d}` }),
  };
}

/** From the critical point x at `from` to the one at `to` (followBranch64 with STEP_RULE); undefined when the walk ends before `to`. */
function move(walk: Walk, x: readonly number[], from: number, to: number): number[] | undefined {
  const wrt = weightParams(walk.P);
  const reached = followBranch64(walk.system, wrt.map((k) => x[k]!), from, to, STEP_RULE);
  if (!reached.reached) return undefined;
  const out = x.slice();
  wrt.forEach((k, i) => (out[k] = reached.y[i]!));
  return out;
}

/** The node k of the walk (null when the walk ends before it), walking from the seed as far as needed. */
function node(f: FamilyDefinition, walk: Walk, k: number): number[] | null {
  const known = walk.nodes.get(k);
  if (known !== undefined) return known;
  const previous = node(f, walk, k - Math.sign(k));
  const x = previous === null ? null : (move(walk, previous, nodeD(f, k - Math.sign(k)), nodeD(f, k)) ?? null);
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
    const seedX = seedParams(f, new DecimalField(20)).map((v) => v.toNumber());
    walk = { P, system: walkSystem(P, seedX), nodes: new Map([[0, seedX]]), points: new Map() };
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
    const x = from === null ? undefined : nodeD(f, k) === d ? from : move(walk, from, nodeD(f, k), d);
    point = x === undefined ? null : { x, loss: restrictedLoss(F64, walk.P, x, d) };
    walk.points.set(d, point);
  }
  return point === null ? undefined : { x: point.x.slice(), loss: point.loss };
}
