import type { FamilyDefinition } from "../src/families/definition.js";

/** Family 3a (docs/families.md). */
export const family3A: FamilyDefinition = {
  name: "3a",
  p: 2,
  kind: "a",
  signs: [1, 1],
  description: "Isotropy S_{d-2} x S_2: bulk diagonal near +1, the two distinguished diagonal entries near -1; loss decaying with d.",
  foundBy: {
    command: "spurious discover --d 14 --runs 50 --seed 1",
    note: "TODO",
  },
  // A critical point at d = 20, Newton-polished at 60 digits (gradient norm < 1e-55).
  seed: {
    d: "20",
    params: {
      x1: "1.004827919020853487424044527148114122601",
      x2: "-0.007796776584553850668328104203932169371586",
      x3: "0.09459475828447082072243926672296128630552",
      x4: "0.0647138976317089736757970208480487297559",
      x5: "-0.8214561646101065925437989861291273066515",
      x6: "0.08185021048862331275782507826980169995522",
    },
  },
  range: { min: "4", max: "1e12", note: "TODO" },
};
