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
    note: "found 7 times in 50 runs (4 Xavier-like, 3 mixed-sign starts); index 0 at d = 14",
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
  range: { min: "4", max: "1e12", note: "the pattern needs a bulk class of at least 2 indices (d >= 4); continued down to d = 4 without a fold, where the point has full S_d-symmetry up to a permutation (x1 = x3 = x4 = x6, x2 = x5); continued up to 1e12 (spurious propose samples 1e8..1e12)" },
  series: {
    field: { kind: "quadratic", radicand: 2 },
    params: {
      x1: { known: ["1", "0", "0", "0"], leading: "16/pi" },
      x2: { known: ["0", "0", "0", "0"], leading: "-8/pi" },
      x3: { known: ["0", "0", "2", "0"], leading: "(-2*pi^3 - 16*pi^2 + 8*pi - 32)/(pi^3 + 2*pi^2)" },
      x4: { known: ["0", "0"], leading: "4/pi" },
      x5: { known: ["-1", "0"], leading: "(2*pi^2 + 8*pi + 8)/(pi^2)" },
      x6: { known: ["0", "0"], leading: "(2*pi^3 + 8*pi^2 - 24*pi + 32)/(pi^3 + 2*pi^2)" },
    },
    equations: { x1: 0, x2: -2, x3: 0, x4: 0, x5: 2, x6: 2 },
    note: "proposed by 'spurious propose 3a' from critical points at d = 1e8, 1e10, 1e12; over Q(pi): sqrt: the leading coefficient 8 is not the square of an element of Q(pi); leading system confirmed exactly over Q(pi, sqrt(2))",
  },
};
