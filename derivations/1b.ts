import type { FamilyDefinition } from "../src/families/definition.js";

/** Family 1b (docs/families.md). */
export const family1B: FamilyDefinition = {
  name: "1b",
  p: 0,
  kind: "b",
  signs: [1],
  description: "Isotropy S_d: diagonal near -1, every off-diagonal entry equal and positive, loss tending to a positive constant.",
  foundBy: {
    command: "spurious discover --d 14 --runs 50 --seed 1",
    note: "found 17 times in 50 runs (all from starts near -I); index 0 at d = 14",
  },
  // A critical point at d = 20, Newton-polished at 60 digits (gradient norm < 1e-55).
  seed: {
    d: "20",
    params: {
      x1: "-0.9007460135718041357263102649529045706355",
      x2: "0.09935065305196961892414599366647009998977",
    },
  },
  range: { min: "2", max: "1e12", note: "the pattern needs a bulk class of at least 2 indices (d >= 2); continued down to d = 2 without a fold, where the branch reaches W = J - I, a permutation of the global minimum (loss 0); continued up to 1e12 (spurious propose samples 1e8..1e12)" },
  series: {
    field: { kind: "Q(pi)" },
    params: {
      x1: { known: ["-1", "0"], leading: "2" },
      x2: { known: ["0", "0"], leading: "2" },
    },
    equations: { x1: -2, x2: -4 },
    note: "proposed by 'spurious propose 1b' from critical points at d = 1e8, 1e10, 1e12; shifts x1:2 x2:2; equation shifts -2 -4; leading Jacobian invertible",
  },
};
