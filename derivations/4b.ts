import type { FamilyDefinition } from "../src/families/definition.js";

/** Family 4b (docs/families.md). */
export const family4B: FamilyDefinition = {
  name: "4b",
  p: 3,
  kind: "b",
  signs: [1, 1],
  description: "Isotropy S_{d-3} x S_3, second critical point of this isotropy: bulk diagonal near -1, the three distinguished diagonal entries near +1; loss tending to a positive constant.",
  foundBy: {
    command: "spurious discover --d 14 --runs 50 --seed 1",
    note: "found 2 times in 50 runs (mixed-sign starts); index 0 at d = 14",
  },
  // A critical point at d = 20, Newton-polished at 60 digits (gradient norm < 1e-55).
  seed: {
    d: "20",
    params: {
      x1: "-0.8802150977375727887895222685065469286384",
      x2: "0.1138890498758024126212232988806118140665",
      x3: "-0.003351665411714526749122752139834647785658",
      x4: "0.01548723946360610723794876451568777834236",
      x5: "1.044013114778362093340747834269404869961",
      x6: "0.003024966684941136055409047137207498723487",
    },
  },
  range: { min: "5", max: "1e12", note: "the pattern needs a bulk class of at least 2 indices (d >= 5); continued down to d = 5 without a fold, where the branch reaches a permutation of the global minimum (loss 0); continued up to 1e12 (spurious propose samples 1e8..1e12)" },
  series: {
    field: { kind: "Q(pi)" },
    params: {
      x1: { known: ["-1", "0", "2", "0"], leading: "(-4*pi + 32)/pi" },
      x2: { known: ["0", "0", "2", "0"], leading: "(-2*pi + 16)/pi" },
      x3: { known: ["0", "0", "0", "0"], leading: "(-4*pi^2 - 56*pi + 96)/(pi^3 + 2*pi^2)" },
      x4: { known: ["0", "0"], leading: "(2*pi - 4)/pi" },
      x5: { known: ["1", "0"], leading: "(8*pi - 8)/(pi^2)" },
      x6: { known: ["0", "0"], leading: "(-4*pi^2 + 24*pi - 32)/(pi^3 + 2*pi^2)" },
    },
    equations: { x1: 0, x2: -2, x3: 0, x4: 0, x5: 2, x6: 2 },
    note: "proposed by 'spurious propose 4b' from critical points at d = 1e8, 1e10, 1e12; deepened to x1:4 x2:4 x3:4 x4:2 x5:2 x6:2: invertible",
  },
};
