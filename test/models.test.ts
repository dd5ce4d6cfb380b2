import { describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { familyCrossings } from "../src/crossing/crossing.js";
import { scanFamily, scanGrid } from "../src/crossing/scan.js";
import { familyEigenSeries } from "../src/eigenseries/eigenSeries.js";
import { checkFamilyModel, familyModels } from "../src/families/models.js";
import { findFamily } from "../src/families/registry.js";
import { familyCriticalPoint, familyPattern } from "../src/families/critical.js";
import { gradient } from "../src/model/evaluator.js";
import { DEFAULT_MODEL, type StudentModel } from "../src/model/studentModel.js";
import { F64 } from "../src/numbers/floatField.js";
import { embed } from "../src/patterns/embedding.js";

// The two second layers (docs/models.md): which families have which model, the shared critical points,
// the same crossings, and the same eigenvalue series wherever the second layer has no coordinate. The
// eigenvalues of each model are checked against the evaluator in test/fullHessianFloat64.test.ts and
// test/committedEigenSeries.test.ts.

const FIXED: StudentModel = { secondLayer: "fixed", widthOffset: 0 };

describe("the models of a family", () => {
  it("every family with all signs +1 has both second layers at k = d; a negative sign has no fixed model", () => {
    const f = findFamily("2a");
    expect(familyModels(f)).toEqual([DEFAULT_MODEL, FIXED]);
    const negative = { ...f, name: "2a-negative", signs: [1, -1] as const };
    expect(familyModels(negative)).toEqual([DEFAULT_MODEL]);
    expect(() => checkFamilyModel(negative, FIXED)).toThrow(/family 2a-negative has not been derived for the model with a fixed second layer, k = d \(its models: trained second layer, k = d\)/);
    expect(() => checkFamilyModel(f, { secondLayer: "trained", widthOffset: 1 })).toThrow(/k = d\+1/);
  });

  it("a family point is a critical point of the fixed model: the evaluator's W-gradient at a = 1 vanishes (Euler)", () => {
    for (const name of ["1b", "3a"]) {
      const f = findFamily(name);
      const point = familyCriticalPoint(f, "9.5", 20);
      // At a real d the point lives on the pattern; at the integer d = 9 it embeds into a 9 x 9 W.
      const at9 = familyCriticalPoint(f, "9", 20);
      expect(point.gradientNorm.toNumber()).toBeLessThan(1e-15);
      const { W, a } = embed(familyPattern(f), at9.x.map((v) => v.toNumber()), 9);
      expect(a.every((ai) => ai === 1)).toBe(true);
      const g = gradient(F64, W, a);
      expect(Math.max(...g.gW.flat().map(Math.abs)), `${name}: |grad_W L(W, 1)|`).toBeLessThan(1e-12);
    }
  });
});

describe("fixed and trained second layer", () => {
  for (const name of ["1b", "2a"]) {
    it(`family ${name}: the same crossings, to every digit both solves confirm`, () => {
      const trained = familyCrossings(findFamily(name), { digits: 30 });
      const fixed = familyCrossings(findFamily(name), { digits: 30, model: FIXED });
      expect(fixed.crossings.map((c) => [c.irrep, c.direction])).toEqual(trained.crossings.map((c) => [c.irrep, c.direction]));
      fixed.crossings.forEach((c, i) => {
        const t = trained.crossings[i]!;
        const digits = Math.min(c.confirmedDigits, t.confirmedDigits);
        expect(digits).toBeGreaterThanOrEqual(25);
        expect(new Decimal(c.d).sub(t.d).abs().toNumber(), `${name} ${c.irrep}`).toBeLessThan(10 ** (1 - digits) * Math.abs(Number(t.d)));
      });
    }, 120_000);
  }

  it("the fixed model's scan walks the trained model's points (computed once per process) and takes its own blocks there (as many non-gauge eigenvalues, the same signs, other values)", () => {
    const f = findFamily("2a");
    const grid = scanGrid(f, "100", 5);
    const trained = scanFamily(f, grid, 20, {}, "trained", true);
    const steps: number[] = [];
    const fixed = scanFamily(f, grid, 20, { onContinue: (d) => void steps.push(d.toNumber()) }, "fixed", true);
    expect(steps).toEqual([]);
    fixed.forEach((s, i) => {
      const t = trained[i]!;
      expect(s.x).toBe(t.x);
      // The W-blocks are the (W, a)-blocks less the gauge directions: as many non-gauge values, the same signs.
      expect(s.blocks.map((b) => [b.component.name, b.values.length, b.negative])).toEqual(t.blocks.map((b) => [b.component.name, b.values.length, b.negative]));
    });
    expect(fixed[0]!.blocks.some((b, j) => b.values.some((v, k) => !v.eq(trained[0]!.blocks[j]!.values[k]!)))).toBe(true);
  });

  it("family 2a: the eigenvalue series agree coefficient by coefficient in every component without second-layer coordinates, and each other block is smaller by its gauge count", () => {
    const f = findFamily("2a");
    const trained = familyEigenSeries(f, 2);
    const fixed = familyEigenSeries(f, 2, undefined, FIXED);
    for (const t of trained.components) {
      const x = fixed.components.find((c) => c.component.name === t.component.name)!;
      expect(x.component.blockSize, t.component.name).toBe(t.component.blockSize - t.component.gaugeCount);
      expect(x.eigenvalues.some((e) => e.gauge)).toBe(false);
      if (t.component.gaugeCount > 0) continue;
      expect(x.eigenvalues.length).toBe(t.eigenvalues.length);
      x.eigenvalues.forEach((e, i) => expect(e.series.equals(t.eigenvalues[i]!.series as never), `${t.component.name} #${i}`).toBe(true));
    }
  }, 120_000);
});
