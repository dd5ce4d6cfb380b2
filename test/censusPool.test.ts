import { describe, expect, it } from "vitest";
import { census, DEFAULT_SEARCH, entryValues, type CensusOptions } from "../src/census/census.js";
import { entry } from "../src/census/points.js";
import { censusPattern } from "../src/census/types.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { hessian, lossAndGradient } from "../src/model/evaluator.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { embed } from "../src/patterns/embedding.js";
import { censusJson } from "../src/output/censusDocument.js";
import { runCensus } from "../src/present/censusPool.js";

// The census on worker threads (src/present/censusPool.ts, docs/census.md §5): the same document as the
// census in this thread, whatever the number of threads; and the starts from the two-class neighbours
// (src/census/seeds.ts) finding a three-class minimum, checked against the evaluator's full Hessian.

describe("the census on a pool of threads", () => {
  it("gives the same document on two threads as in this thread (trained, two and three classes)", async () => {
    const options: CensusOptions = { d: 8, maxClasses: 3, all: true, secondLayer: "trained", search: DEFAULT_SEARCH, types: [[4, 4], [4, 3, 1], [3, 3, 2]] };
    const here = censusJson(census(options));
    const pooled = censusJson(await runCensus(options, 2));
    expect(pooled.points.length).toBeGreaterThan(5);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(here));
  }, 60_000);
});

describe("starts from the two-class neighbours", () => {
  it("find the three-class minimum (13 | 6 | 1) at d = 20 (fixed second layer): critical for the evaluator, index 0 by the full Hessian", () => {
    const d = 20;
    // The types whose points seed (13 | 6 | 1) in the census (every merge of two of its classes), and itself.
    const report = census({ d, maxClasses: 3, all: false, secondLayer: "fixed", search: DEFAULT_SEARCH, types: [[19, 1], [14, 6], [13, 7], [13, 6, 1]] });
    const minima = report.points.filter((p) => p.sizes.join() === "13,6,1" && p.minimum);
    expect(minima.length).toBeGreaterThan(0);
    for (const point of minima) {
      const P = censusPattern(point.sizes);
      const F = new DecimalField(40);
      const { W, a } = embed(P, point.entries.map((e) => F.from(e.value)), d);
      const gW = lossAndGradient(F, W, a).gW.flat().reduce((s, v) => s.add(v.mul(v)), F.zero());
      expect(gW.sqrt().toNumber()).toBeLessThan(1e-24);
      const x64 = embed(P, point.entries.map((e) => e.value.toNumber()), d);
      const eigenvalues = symmetricEigenvaluesFloat64(hessian(F64, x64.W, x64.a, "fixed"));
      const scale = Math.max(...eigenvalues.map(Math.abs));
      expect(Math.min(...eigenvalues)).toBeGreaterThan(1e-9 * scale);
      // Its isotropy is exactly (13 | 6 | 1): three distinct classes.
      expect(new Set(point.sizes.map((_, I) => entry(P, entryValues(point), "diag", I).toFixed(6))).size).toBe(3);
    }
  }, 60_000);
});
