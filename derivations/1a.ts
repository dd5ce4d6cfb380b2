import type { FamilyDefinition } from "../src/families/definition.js";

/** Family 1a (docs/families.md). */
export const family1A: FamilyDefinition = {
  name: "1a",
  p: 0,
  kind: "a",
  signs: [1],
  description: "The global minimum W = I, a = 1: zero loss for every d.",
  foundBy: {
    command: "spurious discover --d 14 --runs 50 --seed 1",
    note: "found 7 times in 50 runs (all from Xavier-like starts); index 0 at d = 14",
  },
  // A critical point at d = 20, Newton-polished at 60 digits (gradient norm < 1e-55).
  seed: {
    d: "20",
    params: { x1: "1", x2: "0" },
  },
  range: { min: "2", max: "1e12", note: "the pattern needs a bulk class of at least 2 indices (d >= 2); W = I is critical for every d; continued up to 1e12 (spurious propose samples 1e8..1e12)" },
  series: {
    field: { kind: "Q(pi)" },
    exactPoint: true,
    params: {
      x1: { known: ["1"], leading: "0" },
      x2: { known: ["0"], leading: "0" },
    },
    equations: { x1: 0, x2: 0 },
    note: "W = I, a = 1 is a critical point (the global minimum, loss 0) for every d: the known terms are the whole expansion",
  },
};
