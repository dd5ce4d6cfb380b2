import type { FamilyDefinition } from "../src/families/definition.js";

/** Family 4 (docs/families.md). */
export const family4: FamilyDefinition = {
  name: "4",
  p: 3,
  kind: "a",
  signs: [1, 1],
  description: "Isotropy S_{d-3} x S_3 (the paper's family 4): bulk diagonal near +1, the three distinguished diagonal entries near -1; loss decaying with d.",
  foundBy: {
    command: "spurious discover --d 14 --runs 50 --seed 1",
    note: "TODO",
  },
  // A critical point at d = 20, Newton-polished at 60 digits (gradient norm < 1e-55).
  seed: {
    d: "20",
    params: {
      x1: "1.005539877795443308818677211917924882515",
      x2: "-0.0125076413902689372574237811241747636271",
      x3: "0.09597845448464069329367048630017315243381",
      x4: "0.06566310962234631873363661460748089300867",
      x5: "-0.8314785318637422089299672532132391522397",
      x6: "0.08251121644234560767717780016045208810726",
    },
  },
  range: { min: "5", max: "1e12", note: "TODO" },
};
