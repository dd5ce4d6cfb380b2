import { describe, expect, it } from "vitest";
import { patternIndex } from "../src/bifurcation/bifurcation.js";
import { familyCriticalPoint, familyPattern } from "../src/families/critical.js";
import { defaultModel } from "../src/families/models.js";
import { findFamily } from "../src/families/registry.js";
import { blockEigenvalues, realDimensionBlocks } from "../src/hessian/blocks.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { hessian } from "../src/model/evaluator.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { embed } from "../src/patterns/embedding.js";
import { Pattern, type PatternClass } from "../src/patterns/pattern.js";
import { dimensionAtNumber } from "../src/representations/dimension.js";
import { refinement } from "../src/representations/splitPatterns.js";
import { youngDecomposition } from "../src/representations/youngDecomposition.js";

// docs/bifurcation.md §4: patternIndex counts from the Young blocks of the branch's pattern
// R (youngBlocks, every class alike). Checked at a family's point embedded in R (a critical point of R: the
// family's pattern refines into R by splitting j indices off its bulk into a class C) against two independent
// constructions: the blocks of R with its small classes as a finite factor enumerated by characters
// (realDimensionBlocks), at integer and fractional d, and, for j = 7 (S_7 not enumerated), the full Hessian.

const W = new DecimalField(20);

/** F with a class C of j indices split off its bulk (placed first, as the axial patterns do). */
function withC(F: Pattern, j: number): { R: Pattern; coarseOf: number[] } {
  const classes: PatternClass[] = [F.classes[0]!, { name: "C", size: j }, ...F.classes.slice(1)];
  const R = new Pattern(classes);
  return { R, coarseOf: refinement(F, R, classes.map((_, I) => (I <= 1 ? 0 : I - 1))) };
}

/** The index from realDimensionBlocks of R (S_j on C enumerated), each block's negative count times its dimension at d. */
function characterIndex(R: Pattern, x: readonly number[], d: number, secondLayer: "trained" | "fixed"): number {
  let index = 0;
  for (const b of realDimensionBlocks(F64, R, x, d, () => true, secondLayer)) {
    const { values, gauge } = blockEigenvalues(F64, b);
    const negative = values.filter((v, i) => !gauge.includes(i) && v < 0).length;
    index += negative * Math.max(0, dimensionAtNumber(b.component.dimension, d));
  }
  return Math.round(index * 1e9) / 1e9;
}

describe("the Morse index of a branch pattern from its Young blocks", () => {
  it("equals that of the character blocks of R for 2a's and 1b's branch patterns (j <= 3), at integer and fractional d", () => {
    const cases: { family: string; j: number; ds: string[] }[] = [
      { family: "2a", j: 1, ds: ["5.59"] },
      { family: "2a", j: 2, ds: ["5.3", "6"] },
      { family: "1b", j: 3, ds: ["6.4"] },
      { family: "2c.d+1", j: 2, ds: ["9.5"] },
    ];
    for (const { family, j, ds } of cases) {
      const f = findFamily(family);
      const model = defaultModel(f);
      const { R, coarseOf } = withC(familyPattern(f), j);
      for (const d of ds) {
        const x = familyCriticalPoint(f, d, 20).x;
        const xR = coarseOf.map((c) => x[c]!);
        const index = patternIndex(W, R, xR, W.from(d), model, "young");
        expect(index, `${family} in ${R.toString()} at d = ${d}`).toBe(characterIndex(R, xR.map((v) => v.toNumber()), Number(d), model.secondLayer));
        expect(index).toBe(characterIndex(familyPattern(f), x.map((v) => v.toNumber()), Number(d), model.secondLayer));
      }
    }
  });

  it("equals the negative count of the full Hessian for (d-8 | 7 | 1 | 1 row) at d = 12 (2c.d+1's pattern, S_7 on C)", () => {
    const f = findFamily("2c.d+1");
    const { R, coarseOf } = withC(familyPattern(f), 7);
    expect(R.toString()).toBe("(d-8 | 7 | 1 | 1 row)");
    const x = familyCriticalPoint(f, "12", 20).x;
    const xR = coarseOf.map((c) => x[c]!);
    const full = embed(R, xR.map((v) => v.toNumber()), 12);
    const values = symmetricEigenvaluesFloat64(hessian(F64, full.W, full.a));
    const scale = Math.max(1, ...values.map(Math.abs));
    const negative = values.filter((v) => v < -1e-9 * scale).length;
    expect(negative).toBeGreaterThan(0);
    expect(patternIndex(W, R, xR, W.from(12), defaultModel(f))).toBe(negative);
  });
});

describe("the Young decomposition of a pattern with a class of rows or columns only (docs/census.md §2)", () => {
  it("sum m * dim = k d + k (fixed: k d) and sum gauge * dim = k, k = d + h, with such a class of 1, 2 or 4 indices split like any other", () => {
    for (const role of ["row", "column"] as const) for (const size of [1, 2, 4]) for (const d of [8, 11]) {
      const P = new Pattern([{ name: "A" }, { name: "C", size: 2 }, { name: "E", size, role }]);
      const k = d + P.widthOffset;
      const sum = (secondLayer: "trained" | "fixed", what: "blockSize" | "gaugeCount"): number => youngDecomposition(P, d, secondLayer).reduce((s, c) => s + c[what] * c.dimension, 0);
      expect(sum("trained", "blockSize"), `${P.toString()} at d = ${d}`).toBe(k * d + k);
      expect(sum("fixed", "blockSize")).toBe(k * d);
      expect(sum("trained", "gaugeCount")).toBe(k);
    }
  });
});
