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
    note: "found 3 times in 50 runs (1 Xavier-like, 2 mixed-sign starts); index 0 at d = 14",
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
  range: { min: "5", max: "1e12", note: "the pattern needs a bulk class of at least 2 indices (d >= 5); continued down to d = 5 without a fold, where the point has full S_d-symmetry up to a permutation (x1 = x3 = x4 = x6, x2 = x5); continued up to 1e12 (spurious propose samples 1e8..1e12)" },
  series: {
    field: "Decimal",
    params: {
      x1: { known: ["1", "0", "0", "0"], leading: "7.6394372684109761169064206418806893776540629955419" },
      x2: { known: ["0", "0", "0", "0"], leading: "-3.819718634205488058453210320940344688827031497771" },
      x3: { known: ["0", "0", "2", "0"], leading: "-4.3919902302337322518612926559751125930359202711764" },
      x4: { known: ["0", "0"], leading: "1.2732395447351626861510701069801148962756771659237" },
      x5: { known: ["-1", "0"], leading: "5.3570485586090275438531759196380509037862245292253" },
      x6: { known: ["0", "0"], leading: "1.9227555703817034397795762210074414002422829696646" },
    },
    equations: { x1: 0, x2: -2, x3: 0, x4: 0, x5: 2, x6: 2 },
    note: "proposed by 'spurious propose 4' from critical points at d = 1e8, 1e10, 1e12; deepened to x1:4 x2:4 x3:4 x4:2 x5:2 x6:2: invertible",
  },
};
