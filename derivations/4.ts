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
    field: { kind: "quadratic", radicand: 3 },
    params: {
      x1: { known: ["1", "0", "0", "0"], leading: "24/pi" },
      x2: { known: ["0", "0", "0", "0"], leading: "-12/pi" },
      x3: { known: ["0", "0", "2", "0"], leading: "(-2*pi^3 - 20*pi^2 + 32*pi - 64)/(pi^3 + 2*pi^2)" },
      x4: { known: ["0", "0"], leading: "4/pi" },
      x5: { known: ["-1", "0"], leading: "(2*pi^2 + 8*pi + 8)/(pi^2)" },
      x6: { known: ["0", "0"], leading: "(2*pi^3 + 8*pi^2 - 24*pi + 32)/(pi^3 + 2*pi^2)" },
    },
    equations: { x1: 0, x2: -2, x3: 0, x4: 0, x5: 2, x6: 2 },
    note: "proposed by 'spurious propose 4' from critical points at d = 1e8, 1e10, 1e12; over Q(pi, sqrt(2)): sqrt: the leading coefficient 12 is not the square of an element of Q(pi, sqrt(2)); leading system confirmed exactly over Q(pi, sqrt(3))",
  },
};
