import type { FamilyDefinition } from "../src/families/definition.js";

/** Family 3b (docs/families.md). */
export const family3B: FamilyDefinition = {
  name: "3b",
  p: 2,
  kind: "b",
  signs: [1, 1],
  description: "Isotropy S_{d-2} x S_2: bulk diagonal near -1, the two distinguished diagonal entries near +1; loss tending to a positive constant.",
  foundBy: {
    command: "spurious discover --d 14 --runs 50 --seed 1",
    note: "found 3 times in 50 runs (mixed-sign starts); index 0 at d = 14",
  },
  // A critical point at d = 20, Newton-polished at 60 digits (gradient norm < 1e-55).
  seed: {
    d: "20",
    params: {
      x1: "-0.8878111426926183743805594494100247009655",
      x2: "0.1084788891705404810021597708095154049994",
      x3: "-0.003064497384198201019446530242472025868808",
      x4: "0.01579684019801187380447064974111439128691",
      x5: "1.044616352175334556234379622912347321614",
      x6: "0.00317925599826989677394117572612756778771",
    },
  },
  range: { min: "4", max: "1e12", note: "the pattern needs a bulk class of at least 2 indices (d >= 4); continued down to d = 4 without a fold, where the branch reaches a permutation of the global minimum (loss 0); continued up to 1e12 (spurious propose samples 1e8..1e12)" },
  series: {
    field: { kind: "Q(pi)" },
    params: {
      x1: { known: ["-1", "0", "2", "0"], leading: "(-4*pi + 24)/pi" },
      x2: { known: ["0", "0", "2", "0"], leading: "(-2*pi + 12)/pi" },
      x3: { known: ["0", "0", "0", "0"], leading: "(-8*pi^2 - 32*pi + 64)/(pi^3 + 2*pi^2)" },
      x4: { known: ["0", "0"], leading: "(2*pi - 4)/pi" },
      x5: { known: ["1", "0"], leading: "(8*pi - 8)/(pi^2)" },
      x6: { known: ["0", "0"], leading: "(-4*pi^2 + 24*pi - 32)/(pi^3 + 2*pi^2)" },
    },
    equations: { x1: 0, x2: -2, x3: 0, x4: 0, x5: 2, x6: 2 },
    note: "proposed by 'spurious propose 3b' from critical points at d = 1e8, 1e10, 1e12; deepened to x1:4 x2:4 x3:4 x4:2 x5:2 x6:2: invertible",
  },
};
