import { branchPointAt64 } from "../families/branchWalk.js";
import { familyPattern } from "../families/critical.js";
import { familyByName } from "../families/templates.js";
import { youngInertia, youngSpectrum } from "../hessian/youngInertia.js";

/** A template instance's point at an integer d: its loss, and whether it is a minimum (its Young blocks with a fixed second layer, the same inertia as a trained one: docs/models.md; youngInertia). */
export interface InstancePoint {
  readonly loss: number;
  readonly minimum: boolean;
}

/**
 * The point of each template instance at each of its integer d, walked along the branch from its seed in
 * float64 on the fixed grid of branchWalk.ts (steps of 10%, docs/families.md §12), the point at a d not
 * depending on the other d asked for. An instance whose walk ends (a fold above the d asked for) is left
 * out at that d: its cells stay undecided.
 */
export function instancePoints(needed: ReadonlyMap<string, readonly number[]>, progress: (text: string) => void): Map<string, Map<number, InstancePoint>> {
  const out = new Map<string, Map<number, InstancePoint>>();
  for (const [instance, ds] of needed) {
    progress(`${instance} at d = ${ds.join(", ")}`);
    const f = familyByName(instance);
    const P = familyPattern(f);
    out.set(instance, new Map(ds.flatMap((d) => {
      const q = branchPointAt64(f, d);
      return q === undefined ? [] : [[d, { loss: q.loss, minimum: youngInertia(youngSpectrum(P, q.x, d, "fixed", d)).minimum }] as const];
    })));
  }
  return out;
}
