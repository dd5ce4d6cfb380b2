import { maximumAssignment } from "../discovery/assignment.js";
import { colourRefinement } from "../discovery/isotropy.js";
import { F64 } from "../numbers/floatField.js";
import { embed, project } from "../patterns/embedding.js";
import type { TypedPoint } from "./points.js";
import { censusPattern, CLASS_NAMES } from "./types.js";

/**
 * The isotropy of a trained point (W, a) of the full space, k = d, in the gauge |a_i| = 1 (docs/census.md
 * §10, "Isotropy"): the loss is invariant under S_d x S_d (rows, and columns with the teacher), so the rows
 * are first matched to the columns by the assignment maximising sum_i |W_{i, sigma(i)}| (the frame where the
 * symmetry is diagonal, docs/discovery.md §4); colour refinement then splits the indices into the classes
 * of the largest Young subgroup Delta(S_{p_1} x ... x S_{p_c}) the point can be fixed by, and the point
 * is written in the census pattern of those classes (largest first) by averaging each parameter's entries.
 * It is accepted when it equals the embedding of that projection to `tolerance` (relative to the largest
 * entry): a point of Fix(G) is the projection of itself.
 */

/** The classes of a trained point and the point in their census pattern, or the class sizes alone when it fits none. */
export type TrainedIsotropy = { readonly point: TypedPoint; readonly deviation: number } | { readonly point?: undefined; readonly sizes: number[] };

export function trainedIsotropy(W: readonly (readonly number[])[], a: readonly number[], tolerance: number, maxClasses: number): TrainedIsotropy {
  const d = a.length;
  let scale = 1;
  for (const row of W) for (const w of row) scale = Math.max(scale, Math.abs(w));
  const sigma = maximumAssignment(W.map((row) => row.map(Math.abs)));
  // Index t of the matched frame: column t with its row rowOf[t].
  const rowOf = new Array<number>(d);
  sigma.forEach((column, row) => (rowOf[column] = row));
  const matched = rowOf.map((i) => W[i]!.slice());
  const matchedA = rowOf.map((i) => a[i]!);
  const colours = colourRefinement(matched, matchedA, tolerance * scale);
  const classes = new Map<number, number[]>();
  colours.forEach((c, t) => classes.set(c, [...(classes.get(c) ?? []), t]));
  // Largest first; among equal sizes by the first index (the census identifies permutations of equal classes).
  const list = [...classes.values()].sort((u, v) => v.length - u.length || u[0]! - v[0]!);
  const sizes = list.map((c) => c.length);
  if (sizes.length > Math.min(maxClasses, CLASS_NAMES.length)) return { sizes };
  const order = list.flat();
  const Wc = order.map((s) => order.map((t) => matched[s]![t]!));
  const ac = order.map((s) => matchedA[s]!);
  const P = censusPattern(sizes);
  const x = project(F64, P, Wc, ac);
  const E = embed(P, x, d);
  let deviation = 0;
  for (let s = 0; s < d; s++) {
    deviation = Math.max(deviation, Math.abs(ac[s]! - E.a[s]!));
    for (let t = 0; t < d; t++) deviation = Math.max(deviation, Math.abs(Wc[s]![t]! - E.W[s]![t]!));
  }
  deviation /= scale;
  return deviation <= tolerance ? { point: { sizes, x }, deviation } : { sizes };
}
