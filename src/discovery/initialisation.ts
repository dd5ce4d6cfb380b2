import type { Random } from "./random.js";

/**
 * Random starting points for training (docs/discovery.md, "Initialisations"), for k = d (other widths below):
 * - "xavier": W_ij ~ N(0, 1/d), a_i ~ N(0, 1/d);
 * - "minus":  W = -I + N(0, 0.1^2/d) noise, a_i = 1 + N(0, 0.1^2);
 * - "mixed":  a majority sign s = +-1 on the diagonal and the opposite sign on m entries, m in {1, 2, 3}
 *   (clipped to d - 1), at uniformly random positions; plus the same noise as "minus". It aims at the
 *   families with p = 1..3 whose diagonal is mostly +1 or mostly -1, which neither of the other two
 *   reaches often. The sign structure (s, m) is drawn at random, or, given a `variant` number v (the
 *   discovery passes the run's number among its "mixed" runs), taken in turn: s = + for even v, - for
 *   odd v, m = 1 + floor(v / 2) mod 3, so that every six "mixed" runs cover all six structures.
 */
export const INIT_KINDS = ["xavier", "minus", "mixed"] as const;
export type InitKind = (typeof INIT_KINDS)[number];

/** Standard deviation of the off-identity noise, times sqrt(d), for "minus" and "mixed". */
const NOISE = 0.1;

/**
 * The starting point [W row-major (k x d), a] of one run (`variant`: see "mixed" above; ignored
 * otherwise). For k > d the extra rows start as "xavier" rows with a ~ 1 + noise; for k < d the first k
 * rows of the k = d start are kept.
 */
export function initialPoint(kind: InitKind, d: number, rng: Random, variant?: number, k = d): Float64Array {
  const x = new Float64Array(k * d + k);
  if (kind === "xavier") {
    const sd = 1 / Math.sqrt(d);
    for (let i = 0; i < x.length; i++) x[i] = sd * rng.normal();
    return x;
  }
  const diagonal = new Array<number>(d).fill(-1);
  if (kind === "mixed") {
    const majority = variant === undefined ? (rng.uniform() < 0.5 ? 1 : -1) : variant % 2 === 0 ? 1 : -1;
    diagonal.fill(majority);
    const flips = Math.min(d - 1, 1 + (variant === undefined ? rng.integer(3) : Math.floor(variant / 2) % 3));
    const order = Array.from({ length: d }, (_, i) => i);
    for (let i = 0; i < flips; i++) {
      // partial Fisher–Yates: the first `flips` entries of a random permutation
      const j = i + rng.integer(d - i);
      [order[i], order[j]] = [order[j]!, order[i]!];
      diagonal[order[i]!] = -majority;
    }
  }
  const sd = NOISE / Math.sqrt(d);
  for (let i = 0; i < k; i++) {
    const spread = i < d ? sd : 1 / Math.sqrt(d);
    for (let j = 0; j < d; j++) x[i * d + j] = (i === j ? diagonal[i]! : 0) + spread * rng.normal();
  }
  for (let i = 0; i < k; i++) x[k * d + i] = 1 + NOISE * rng.normal();
  return x;
}
