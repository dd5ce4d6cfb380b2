import { mulberry32, runSeed } from "../discovery/random.js";
import { entry } from "./points.js";
import type { FoundPoint, Seed } from "./search.js";
import { censusPattern } from "./types.js";

/**
 * Starts for a three-class type from the points of its two-class neighbours (docs/census.md §1, "Starts
 * from the neighbours"): merging two classes of (p1 | p2 | p3) gives a two-class type; each point found
 * there is written in the three-class pattern (the merged classes alike, their mutual off-diagonal entries
 * the merged class's own) with a little noise on the split classes, so that descent may leave the coarser
 * type. A three-class minimum often lies next to a two-class point with one class split off, where the
 * sign starts (+-1 per class) are too far from its small diagonal entries.
 */

/** Relative size of the noise on the entries of the split classes. */
const SPLIT_NOISE = 0.05;
/** The moves t of the smaller split class (its entries times 1 + t), one start each. */
const SPLIT_MOVES = [0.3, -0.3, 0.6, -0.6];

/** The seeds of the three-class type `sizes` from the points of the two-class types, keyed by their sizes joined with ",". */
export function neighbourSeeds(sizes: readonly number[], twoClassPoints: ReadonlyMap<string, readonly FoundPoint[]>, seed: number): Seed[] {
  if (sizes.length !== 3) return [];
  const P = censusPattern(sizes);
  const out: Seed[] = [];
  for (const [I, J] of [[0, 1], [0, 2], [1, 2]] as const) {
    const K = 3 - I - J;
    const merged = sizes[I]! + sizes[J]!;
    const coarse = [merged, sizes[K]!].sort((u, v) => v - u);
    const Q = censusPattern(coarse);
    // The coarse class of the merged classes: either, when the two coarse classes are of equal size.
    const placements = coarse[0] === coarse[1] ? [0, 1] : [coarse.indexOf(merged)];
    for (const [n, p] of (twoClassPoints.get(coarse.join(",")) ?? []).entries()) {
      for (const M of placements) {
        const m = (L: number): number => (L === K ? 1 - M : M);
        // The smaller of the split classes moves by the factor 1 + t, the larger by 1 - t (its share).
        const [small, large] = sizes[I]! <= sizes[J]! ? [I, J] : [J, I];
        for (const [e, t] of SPLIT_MOVES.entries()) {
          const r = mulberry32(runSeed(seed, (((I * 3 + J) * 1000 + n) * 2 + M) * SPLIT_MOVES.length + e));
          out.push({
            x: P.params.map((q) => {
              const within = q.kind === "off" && q.row !== q.col && m(q.row) === m(q.col);
              const v = within ? entry(Q, p.x, "off", m(q.row), m(q.row)) : entry(Q, p.x, q.kind, m(q.row), m(q.col));
              if (q.kind === "a" || (q.row !== I && q.row !== J)) return v;
              const factor = q.row === small ? 1 + t : 1 - (t * sizes[small]!) / sizes[large]!;
              return v * factor + SPLIT_NOISE * Math.max(Math.abs(v), 0.1) * r.normal();
            }),
          });
        }
      }
    }
  }
  return out;
}
