import type { FamilyDefinition } from "../src/families/definition.js";

/** Family 2a (docs/families.md). */
export const family2A: FamilyDefinition = {
  name: "2a",
  p: 1,
  kind: "a",
  signs: [1, 1],
  description: "Isotropy S_{d-1} x S_1: bulk diagonal near +1, the one distinguished diagonal entry near -1; loss decaying with d.",
  foundBy: {
    command: "spurious discover --d 14 --runs 50 --seed 1",
    note: "found 8 times in 50 runs (5 Xavier-like, 3 mixed-sign starts); index 0 at d = 14",
  },
  // A critical point at d = 20, Newton-polished at 60 digits (gradient norm < 1e-55).
  seed: {
    d: "20",
    params: {
      x1: "1.003003746007084903984359438545290317137",
      x2: "-0.003655140677879584105020398153226762236507",
      x3: "0.09318740829937666286518537022578695568941",
      x4: "0.06371471024132864739170358345610349863557",
      x5: "-0.8100205756125708983705458369073892219071",
    },
  },
  range: { min: "3", max: "1e12", note: "the pattern needs a bulk class of at least 2 indices (d >= 3); continued down to d = 3 without a fold, where the point is a permutation of family 1b's point at d = 3; continued up to 1e12 (spurious propose samples 1e8..1e12)" },
  series: {
    field: { kind: "Q(pi)" },
    params: {
      x1: { known: ["1", "0", "0", "0"], leading: "8/pi" },
      x2: { known: ["0", "0", "0", "0"], leading: "-4/pi" },
      x3: { known: ["0", "0", "2", "0"], leading: "-(2*pi + 8)/pi" },
      x4: { known: ["0", "0"], leading: "4/pi" },
      x5: { known: ["-1", "0"], leading: "(2*pi^2 + 8*pi + 8)/(pi^2)" },
    },
    equations: { x1: 0, x2: -2, x3: 0, x4: 0, x5: 2 },
    note: "proposed by 'spurious propose 2a' from critical points at d = 1e8, 1e10, 1e12; deepened to x1:4 x2:4 x3:4 x4:2 x5:2: invertible",
  },
};
