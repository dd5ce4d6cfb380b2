import type { Random } from "../../src/discovery/random.js";

// The tests' one seeded generator is the engine's: mulberry32 with Box–Muller normals
// (src/discovery/random.ts, docs/discovery.md "Reproducibility"), so every random test is reproducible
// and no second copy of the algorithm exists.
export { mulberry32, type Random } from "../../src/discovery/random.js";

/** A uniform integer in [lo, hi]. */
export const randInt = (rng: Random, lo: number, hi: number): number => lo + Math.floor(rng.uniform() * (hi - lo + 1));

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
export function randomPermutation(rng: Random, n: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}
