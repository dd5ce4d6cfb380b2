import type { FamilyDefinition } from "../src/families/definition.js";

/** Family 2b (docs/families.md). */
export const family2B: FamilyDefinition = {
  name: "2b",
  p: 1,
  kind: "b",
  signs: [1, 1],
  description: "Isotropy S_{d-1} x S_1: bulk diagonal near -1, the distinguished diagonal entry near +1; loss tending to a positive constant.",
  foundBy: {
    command: "spurious discover --d 14 --runs 50 --seed 1",
    note: "found 3 times in 50 runs (mixed-sign starts); index 0 at d = 14",
  },
  // A critical point at d = 20, Newton-polished at 60 digits (gradient norm < 1e-55).
  seed: {
    d: "20",
    params: {
      x1: "-0.8946139295339634666442269973494440287405",
      x2: "0.1036641823219058036632967202703323668282",
      x3: "-0.002787831403568600594169574107357221915002",
      x4: "0.01606495387591626089206457205901015535044",
      x5: "1.045172923966540922573248388749657117338",
    },
  },
  range: { min: "3", max: "1e12", note: "the pattern needs a bulk class of at least 2 indices (d >= 3); continued down to d = 3 without a fold, where the branch reaches a permutation of the global minimum (loss 0); continued up to 1e12 (spurious propose samples 1e8..1e12)" },
  series: {
    field: { kind: "Q(pi)" },
    params: {
      x1: { known: ["-1", "0", "2", "0"], leading: "(-4*pi + 16)/pi" },
      x2: { known: ["0", "0", "2", "0"], leading: "(-2*pi + 8)/pi" },
      x3: { known: ["0", "0", "0", "0"], leading: "(-12*pi + 16)/(pi^2)" },
      x4: { known: ["0", "0"], leading: "(2*pi - 4)/pi" },
      x5: { known: ["1", "0"], leading: "(8*pi - 8)/(pi^2)" },
    },
    equations: { x1: 0, x2: -2, x3: 0, x4: 0, x5: 2 },
    note: "proposed by 'spurious propose 2b' from critical points at d = 1e8, 1e10, 1e12; deepened to x1:4 x2:4 x3:4 x4:2 x5:2: invertible",
  },
};
