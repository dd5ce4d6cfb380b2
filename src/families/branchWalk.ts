import { NewtonError } from "../linalg/newton.js";
import { SingularMatrixError } from "../linalg/solve.js";
import { DecimalField } from "../numbers/decimalField.js";
import { F64 } from "../numbers/floatField.js";
import { weightParams } from "../patterns/derivatives.js";
import { restrictedLoss } from "../patterns/restrictedLoss.js";
import type { Pattern } from "../patterns/pattern.js";
import { familyPattern, seedParams } from "./critical.js";
import { tangentIn } from "./continuation.js";
import type { FamilyDefinition } from "./definition.js";
import { solveCritical } from "./newton.js";

/**
 * A family's branch at an integer or real d in float64, walked from its seed on a fixed geometric grid
 * (docs/families.md §12): the nodes d_k = seed * GRID_FACTOR^k (k > 0 below the seed, k < 0 above it, six
 * significant digits) are reached one after the other by a tangent predictor and a Newton corrector in
 * float64, and the point at d by one more such move from the last node on the seed's side of d. Steps of 10%
 * follow each branch where the continuation's own longer steps can land on a neighbouring one (docs/census.md
 * §9), and since the nodes do not depend on the d asked for, neither does the point at d. The nodes are kept
 * per family for the process: the census names many points at one d, the reproduction many d.
 */

/** The ratio of consecutive nodes below the seed (its inverse above). */
const GRID_FACTOR = 0.9;
/** Newton in float64 aims at this many digits of relative step (its noise floor at about half of them). */
const AIM_DIGITS = 12;
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

/** One move from (x, d) to next: the corrected point, or undefined when Newton fails or jumps to another branch. */
function correct(P: Pattern, wrt: readonly number[], x: readonly number[], d: number, next: number): number[] | undefined {
  let corrected: number[];
  const predicted = x.slice();
  try {
    const v = tangentIn(F64, P, x, d, wrt);
    wrt.forEach((k, i) => (predicted[k] = x[k]! + v[i]! * (next - d)));
    corrected = solveCritical(F64, AIM_DIGITS, P, predicted, next, 12).x;
  } catch (e) {
    if (e instanceof NewtonError || e instanceof SingularMatrixError) return undefined;
    throw e;
  }
  let jump = 0;
  let moved = 1e-6;
  for (const k of wrt) {
    jump = Math.max(jump, Math.abs(corrected[k]! - predicted[k]!));
    moved = Math.max(moved, Math.abs(predicted[k]! - x[k]!));
  }
  return corrected.every(Number.isFinite) && jump <= 0.5 * moved + JUMP_ALLOWANCE ? corrected : undefined;
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
    walk = { P, nodes: new Map([[0, seedParams(f, new DecimalField(20)).map((v) => v.toNumber())]]) };
    walks.set(f, walk);
  }
  const seed = Number(f.seed.d);
  // The last node on the seed's side of d: the least node >= d below the seed, the largest <= d above it.
  let k = 0;
  if (d < seed) while (nodeD(f, k + 1) >= d) k++;
  else while (nodeD(f, k - 1) <= d) k--;
  const from = node(f, walk, k);
  if (from === null) return undefined;
  const x = nodeD(f, k) === d ? from : move(walk.P, from, nodeD(f, k), d);
  return x === undefined ? undefined : { x, loss: restrictedLoss(F64, walk.P, x, d) };
}
