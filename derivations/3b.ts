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
    note: "TODO",
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
  range: { min: "4", max: "1e12", note: "TODO" },
};
