import { familyBranchPoints, familyPattern } from "../families/critical.js";
import { familyByName } from "../families/templates.js";
import { youngBlockEigenvalues, youngBlocks } from "../hessian/youngBlocks.js";
import { F64 } from "../numbers/floatField.js";
import type { Pattern } from "../patterns/pattern.js";
import { youngIrrepDimension } from "../representations/youngDecomposition.js";

/** The digits of the walks: enough to tell two points apart by their loss (docs/census.md §9). */
const WALK_DIGITS = 16;
/**
 * The walk's grid: from the seed down by this factor, with the d asked for inserted. The continuation's own
 * steps (up to a factor 1.65) can land on a neighbouring branch when two are close (b.p38 at d = 55 reached
 * a point of loss 0.0961 or that of c.p17, 0.0887, depending on the other d asked for); steps of 10%, those
 * of the templates' crossing walks (docs/census.md §7), follow each branch, and the point at a d does not
 * depend on the other d asked for.
 */
const WALK_FACTOR = 0.9;

/** A template instance's point at an integer d: its loss, and whether it is a minimum (Young blocks, fixed second layer). */
export interface InstancePoint {
  readonly loss: number;
  readonly minimum: boolean;
}

/** The d of the walk of an instance seeded at `seed`: the geometric grid down to the least d asked for, and those d. */
function walkGrid(seed: number, ds: readonly number[]): number[] {
  const least = Math.min(...ds);
  const grid = new Set(ds);
  for (let d = seed * WALK_FACTOR; d > least; d *= WALK_FACTOR) grid.add(Number(d.toPrecision(6)));
  return [...grid].sort((u, v) => v - u);
}

/**
 * Whether the point is a minimum: every eigenvalue of every Young block positive (docs/census.md §2), in
 * float64 at the integer d, with a fixed second layer (the same inertia as a trained one, docs/models.md).
 */
function isMinimum(P: Pattern, x: readonly number[], d: number): boolean {
  const blocks = youngBlocks(F64, P, x, d, "fixed", d, (c) => youngIrrepDimension(P, c.irrep, d) > 0);
  return blocks.every((b) => youngBlockEigenvalues(F64, b).values.every((v) => v > 0));
}

/**
 * The point of each template instance at each of its integer d, walked along the branch from its seed in
 * steps of 10% (familyBranchPoints, docs/families.md §11). An instance whose walk fails (a fold above the d
 * asked for) is left out: its cells stay undecided.
 */
export function instancePoints(needed: ReadonlyMap<string, readonly number[]>, progress: (text: string) => void): Map<string, Map<number, InstancePoint>> {
  const out = new Map<string, Map<number, InstancePoint>>();
  for (const [instance, ds] of needed) {
    progress(`${instance} at d = ${ds.join(", ")}`);
    try {
      const f = familyByName(instance);
      const P = familyPattern(f);
      const grid = walkGrid(Number(f.seed.d), ds);
      const points = familyBranchPoints(f, grid.map(String), WALK_DIGITS);
      const wanted = new Set(ds);
      out.set(instance, new Map(points.flatMap((q, i) => {
        const d = grid[i]!;
        return wanted.has(d) ? [[d, { loss: q.loss.toNumber(), minimum: isMinimum(P, q.x.map((v) => v.toNumber()), d) }] as const] : [];
      })));
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      progress(`${instance}: ${e.message}`);
    }
  }
  return out;
}
