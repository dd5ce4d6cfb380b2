import { describe, expect, it } from "vitest";
import { familyCriticalPoints } from "../src/families/critical.js";
import { familyByName } from "../src/families/templates.js";
import type { TemplateCrossingPoint } from "../src/plots/templateCrossingPlot.js";
import { censusParts, type CensusSweepRow } from "../src/reproduce/censusSweep.js";
import { instancesToIdentify, templateCells } from "../src/reproduce/censusTemplates.js";
import { instancePoints } from "../src/reproduce/instancePoints.js";
import { fullSpectrumFloat64 } from "../src/reproduce/fullHessianCheck.js";

// The comparison of the census sweep with the templates' crossings (docs/census.md §9): the verdict rules on
// a constructed sweep, and the instances' losses against a second computation of their points.

const row = (d: number, mixedMinima: { n: number; loss: number }[]): CensusSweepRow => ({
  d, secondLayer: "fixed", points: 0, byClasses: [], byIndex: [], minima: mixedMinima.length, pRange: null, mixedMinima, families: [], instances: 0, bSide: [],
});
const above = (template: string, p: number, d: number): TemplateCrossingPoint => ({ template, p, d, direction: "saddle to minimum" });
const below = (template: string, p: number, d: number): TemplateCrossingPoint => ({ template, p, d, direction: "minimum to saddle" });

describe("the census sweep against the templates", () => {
  // d = 10: a.p2 (d* 7.5) and b.p8 (d* 9) are minima in the cell n = 2; c.p2 is not tabled.
  const crossings = [above("a", 2, 7.5), above("b", 8, 9), below("c", 3, 9.5), above("a", 3, 9.3), above("b", 7, 12), above("a", 4, 11), above("b", 6, 8.5)];

  it("reads each instance's side of d*(p) and the tables' gaps", () => {
    const cells = templateCells([row(10, [{ n: 2, loss: 0.1 }, { n: 2, loss: 0.2 }, { n: 5, loss: 0.3 }])], crossings, new Map());
    const at = (n: number) => cells.find((c) => c.negativeRows === n);
    // n = 2: two found, a.p2 and b.p8 predicted: as many found as predicted.
    expect(at(2)?.verdict).toBe("agrees");
    expect(at(2)?.predictedBy).toEqual(["a.p2", "b.p8"]);
    expect(at(2)?.untabled).toEqual(["c.p2"]);
    // n = 3: a.p3 (d* 9.3 < 10) predicts one, c.p3 is past its d* (below 9.5 only), b.p7 below its d*: none found.
    expect(at(3)?.verdict).toBe("missing");
    expect(at(3)?.predictedBy).toEqual(["a.p3"]);
    // n = 4: a.p4 is below its crossing (11), c.p4 is not tabled, b.p6 is a minimum above 8.5: predicted, not found.
    expect(at(4)?.predictedBy).toEqual(["b.p6"]);
    // n = 5: found, nothing tabled predicts it, a.p5 and c.p5 are not tabled.
    expect(at(5)?.verdict).toBe("untabled");
    // Cells with nothing found and nothing predicted are left out.
    expect(at(7)).toBeUndefined();
  });

  it("matches the instances' points by their loss where fewer minima were found than predicted", () => {
    const rows = [row(10, [{ n: 2, loss: 0.1 }])];
    expect([...instancesToIdentify(rows, crossings)]).toEqual([["a.p2", [10]], ["b.p8", [10]]]);
    const at10 = (loss: number, minimum = true) => new Map([[10, { loss, minimum }]]);
    const one = templateCells(rows, crossings, new Map([["a.p2", at10(0.1)], ["b.p8", at10(0.1 * (1 + 1e-12))]]));
    expect(one[0]).toMatchObject({ verdict: "agrees", coincide: ["a.p2 = b.p8"], missed: [] });
    const two = templateCells(rows, crossings, new Map([["a.p2", at10(0.1)], ["b.p8", at10(0.25)]]));
    expect(two[0]).toMatchObject({ verdict: "missing", coincide: [], missed: [{ instance: "b.p8", loss: 0.25 }] });
    // A walk that ends on a saddle is not the table's branch: undecided.
    const saddle = templateCells(rows, crossings, new Map([["a.p2", at10(0.1)], ["b.p8", at10(0.25, false)]]));
    expect(saddle[0]?.verdict).toBe("fewer");
    const unknown = templateCells(rows, crossings, new Map([["a.p2", at10(0.1)]]));
    expect(unknown[0]?.verdict).toBe("fewer");
  });

  it("walks an instance to its critical point at each d; its minimum flag agrees with the full Hessian", () => {
    // b.p2 (3b) turns into a minimum at 7.7298 (docs/census.md §7): a saddle at 7, a minimum at 9.
    const walked = instancePoints(new Map([["b.p2", [9, 7]]]), () => {});
    const points = familyCriticalPoints(familyByName("b.p2"), ["7", "9"], 20);
    points.forEach((q, i) => {
      const d = [7, 9][i]!;
      const w = walked.get("b.p2")!.get(d)!;
      expect(Math.abs(w.loss - q.loss.toNumber())).toBeLessThan(1e-13);
      const full = fullSpectrumFloat64(familyByName("b.p2"), q.x.map((v) => v.toNumber()), d, "fixed");
      expect(w.minimum, `d = ${d}`).toBe(full.every((v) => v > 1e-9));
    });
    expect(walked.get("b.p2")!.get(7)!.minimum).toBe(false);
    expect(walked.get("b.p2")!.get(9)!.minimum).toBe(true);
  });
});

describe("the sweep's parts (one pool task each)", () => {
  it("cover the d once, in order, in runs of consecutive d of about equal cost", () => {
    const ds = Array.from({ length: 95 }, (_, i) => 6 + i);
    const parts = censusParts(ds, 6);
    expect(parts).toHaveLength(6);
    expect(parts.flat()).toEqual(ds);
    // The cost of a census grows about like d: each part's sum of d is within the largest d of the mean.
    const sums = parts.map((part) => part.reduce((s, d) => s + d, 0));
    const mean = ds.reduce((s, d) => s + d, 0) / 6;
    for (const s of sums) expect(Math.abs(s - mean)).toBeLessThanOrEqual(100);
    expect(censusParts([6], 6)).toEqual([[6]]);
    expect(censusParts([6, 7], 6)).toEqual([[6], [7]]);
  });
});
