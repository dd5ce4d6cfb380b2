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
    note: "TODO",
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
  range: { min: "3", max: "1e8", note: "TODO" },
};
