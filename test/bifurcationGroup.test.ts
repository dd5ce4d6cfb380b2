import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { crossingBifurcation, type BifurcationAtCrossing } from "../src/bifurcation/bifurcation.js";
import type { Crossing } from "../src/crossing/crossing.js";
import { findFamily } from "../src/families/registry.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { hessian, lossAndGradient } from "../src/model/evaluator.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { embed } from "../src/patterns/embedding.js";

// docs/bifurcation.md §2 and §6: the branch of an isotropy that is not a Young subgroup. At family 4's
// crossing in [n] x sign the kernel vector is fixed by the 3-cycles of the three indices of class B and
// negated by their transpositions: the branch is solved in (d-3 | 1 | 1 | 1), where Newton and continuation
// stay in the fixed space of the 3-cycle. The crossing's d is read from the committed crossing file (an
// input: the kernel residual checks it).

const DIGITS = 20;
let c: BifurcationAtCrossing;
beforeAll(() => {
  const file = JSON.parse(readFileSync(new URL("../series/4.crossing.json", import.meta.url), "utf8")) as { crossings: Crossing[] };
  const crossing = file.crossings.find((x) => x.irrep === "[n] x sign")!;
  c = crossingBifurcation(findFamily("4"), crossing, { digits: DIGITS, top: "6" });
}, 120_000);

/** The largest |W - W o g| over rows and columns permuted together by g. */
function defect(W: readonly (readonly number[])[], g: readonly number[]): number {
  return Math.max(...W.flatMap((row, i) => row.map((v, j) => Math.abs(v - W[g[i]!]![g[j]!]!))));
}

describe("the 3-cycle branch of family 4 at its [n] x sign crossing", () => {
  it("is a pitchfork on one side, with the isotropy S_{d-3} x Z_3 computed and the kernel vector on the axial line", () => {
    expect(c.axial.young).toBe(false);
    expect(c.axial.stabiliserOrder).toBe(3);
    expect(c.axial.antiSymmetric).toBe(true);
    expect(c.branches).toHaveLength(1);
    const b = c.branches[0]!;
    expect(b.isotropy).toBe("Delta(S_{d-3} x Z_3 on {b1, b2, b3})");
    expect(b.reduced.kernelResidual.toNumber()).toBeLessThan(1e-15);
    expect(b.type).toBe("pitchfork");
    expect(b.side).not.toBe("both");
    // The points stay in the fixed space of the 3-cycle to rounding.
    expect(b.fixedSpaceDefect!.toNumber()).toBeLessThan(1e-15);
    // The distance to the family ~ |d - d*|^(1/2).
    for (const e of b.exponents) expect(Math.abs(e.value - 0.5)).toBeLessThan(0.02);
  });

  it("at d = 6 the branch point is critical for the evaluator, has the printed index, and its isotropy is Z_3, not S_3", () => {
    const b = c.branches[0]!;
    const p = b.points.find((q) => q.d.eq(6))!;
    expect(p).toBeDefined();
    const D = new DecimalField(40);
    const exact = embed(b.pattern, p.x.map((v) => D.from(v)), 6);
    const { gW, ga } = lossAndGradient(D, exact.W, exact.a);
    const norm = [...gW.flat(), ...ga].reduce((s, g) => s.add(g.mul(g)), D.zero()).sqrt();
    expect(norm.toNumber()).toBeLessThan(10 ** -(DIGITS - 5));
    const { W, a } = embed(b.pattern, p.x.map((v) => v.toNumber()), 6);
    const values = symmetricEigenvaluesFloat64(hessian(F64, W, a));
    const scale = Math.max(1, ...values.map(Math.abs));
    expect(values.filter((v) => v < -1e-9 * scale).length).toBe(p.index);
    // Indices 3, 4, 5 are b1, b2, b3 (after the bulk): the 3-cycle fixes W, a transposition does not.
    expect(defect(W, [0, 1, 2, 4, 5, 3])).toBeLessThan(1e-12);
    expect(defect(W, [0, 1, 2, 4, 3, 5])).toBeGreaterThan(1e-3);
  });
});
