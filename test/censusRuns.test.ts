import { beforeAll, describe, expect, it } from "vitest";
import { census, DEFAULT_SEARCH, type CensusOptions } from "../src/census/census.js";
import type { RefinedPoint } from "../src/census/refine.js";
import { mergeRuns, RUN_GRADIENT, settleTrained, type RunOutcome } from "../src/census/runs.js";
import { censusPattern } from "../src/census/types.js";
import { fastLossAndGradient, fastWorkspace } from "../src/discovery/fastLoss.js";
import { trainByGradient } from "../src/discovery/gradientTrain.js";
import { initialPoint } from "../src/discovery/initialisation.js";
import { runSeed } from "../src/discovery/random.js";
import { lossAndGradient } from "../src/model/evaluator.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { censusJson, type CensusJson } from "../src/output/censusDocument.js";
import { embed } from "../src/patterns/embedding.js";
import { runCensus } from "../src/present/censusPool.js";
import { mulberry32, randomPermutation } from "./support/random.js";

// `census --runs` (docs/census.md §10): training without a Hessian against the evaluator, the runs' points
// against the census and the evaluator, the same document on two threads, and the deduplication of an
// explicitly permuted copy of a trained point.

/** The evaluator's full gradient norm (W and a) at (W, a), float64. */
function evaluatorGradientNorm(W: number[][], a: number[], fixed: boolean): number {
  const { gW, ga } = lossAndGradient(F64, W, a);
  let s = 0;
  for (const row of gW) for (const g of row) s += g * g;
  if (!fixed) for (const g of ga) s += g * g;
  return Math.sqrt(s);
}

describe("training without a Hessian (gradientTrain.ts, newtonCg.ts)", () => {
  it("the training loss's gradient equals the evaluator's at a random point (d = 7)", () => {
    const d = 7;
    const rng = mulberry32(11);
    const x = Float64Array.from({ length: d * d + d }, () => rng.normal());
    const g = new Float64Array(x.length);
    const value = fastLossAndGradient(fastWorkspace(d, d), x, g);
    const W = Array.from({ length: d }, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d)));
    const a = Array.from(x.subarray(d * d));
    const reference = lossAndGradient(F64, W, a);
    expect(Math.abs(value - reference.loss)).toBeLessThan(1e-12);
    const expected = [...reference.gW.flat(), ...reference.ga];
    expected.forEach((e, k) => expect(Math.abs(g[k]! - e)).toBeLessThan(1e-12 * Math.max(1, Math.abs(e))));
  });

  it.each(["fixed", "trained"] as const)("converges from Xavier starts to points the evaluator finds critical (d = 9, %s second layer)", (secondLayer) => {
    const d = 9;
    for (let run = 0; run < 3; run++) {
      const result = trainByGradient(initialPoint("xavier", d, mulberry32(runSeed(5, run))), d, "xavier", { secondLayer, gradientTolerance: RUN_GRADIENT });
      expect(result.converged).toBe(true);
      expect(evaluatorGradientNorm(result.W, result.a, secondLayer === "fixed")).toBeLessThan(1e-9);
      if (secondLayer === "trained") for (const ai of result.a) expect(Math.abs(ai)).toBe(1);
    }
  });
});

describe("census --runs at d = 8 (trained second layer, 20 runs)", () => {
  const options: CensusOptions = { d: 8, maxClasses: 2, all: false, secondLayer: "trained", search: DEFAULT_SEARCH, runs: { count: 20, seed: 1, init: "xavier" } };
  let here: ReturnType<typeof census>;
  let json: CensusJson;
  beforeAll(() => {
    here = census(options);
    json = censusJson(here);
  }, 60_000);

  it("gives the same runs on two threads as in this thread (the census of one type beside them)", async () => {
    const one: CensusOptions = { ...options, types: [[8]] };
    const pooled = censusJson(await runCensus(one, 2));
    expect(pooled.runs!.points.length).toBeGreaterThan(1);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(censusJson(census(one))));
    // The runs' points are those of the whole census' runs, but for the census points they name.
    expect(pooled.runs!.points.map((p) => ({ ...p, inCensus: false, censusPoint: null }))).toEqual(json.runs!.points.map((p) => ({ ...p, inCensus: false, censusPoint: null })));
  }, 60_000);

  it("counts every run once, and each distinct point is critical for the evaluator at 40 digits", () => {
    const runs = here.runs!;
    const failed = Object.values(runs.notConverged).reduce((s, n) => s + n, 0) + Object.values(runs.unclassified).reduce((s, n) => s + n, 0);
    expect(runs.converged + failed).toBe(20);
    expect(runs.points.reduce((s, p) => s + p.runs, 0)).toBe(runs.converged);
    expect(runs.converged).toBeGreaterThan(15);
    expect(runs.points.length).toBeGreaterThan(1);
    const F = new DecimalField(40);
    for (const p of runs.points) {
      const { W, a } = embed(censusPattern(p.sizes), p.entries.map((e) => F.from(e.value)), options.d);
      const { gW, ga } = lossAndGradient(F, W, a);
      const norm = [...gW.flat(), ...ga].reduce((s, v) => s.add(v.mul(v)), F.zero()).sqrt();
      expect(norm.toNumber()).toBeLessThan(1e-24);
    }
  });

  it("names the census point it matches, whose sorted entries and loss are the same; a finding has no census point of its loss", () => {
    // A permutation-invariant fingerprint of the embedded point: its loss, and the sorted entries of W and of a.
    const fingerprint = (p: RefinedPoint): number[] => {
      const { W, a } = embed(censusPattern(p.sizes), p.entries.map((e) => e.value.toNumber()), options.d);
      return [p.loss.toNumber(), ...W.flat().sort((u, v) => u - v), ...a.slice().sort((u, v) => u - v)];
    };
    expect(here.runs!.points.filter((p) => p.censusPoint !== undefined).length).toBeGreaterThan(1);
    for (const p of here.runs!.points) {
      if (p.censusPoint === undefined) {
        expect(here.points.every((q) => Math.abs(q.loss.toNumber() - p.loss.toNumber()) > 1e-12)).toBe(true);
        continue;
      }
      const mine = fingerprint(p);
      const theirs = fingerprint(here.points[p.censusPoint]!);
      mine.forEach((v, k) => expect(Math.abs(v - theirs[k]!)).toBeLessThan(1e-12));
    }
  });
});

describe("deduplication up to S_d x S_d", () => {
  it("a trained point and its copy with rows and columns permuted (P W Q^T, P a) are one point; another point stays apart", () => {
    const d = 8;
    const outcomes: { outcome: RunOutcome; W: number[][]; a: number[] }[] = [];
    // The first runs that reach two points of different types (the global minimum and 2a at d = 8).
    for (let run = 0; outcomes.length < 2 && run < 20; run++) {
      const r = trainByGradient(initialPoint("xavier", d, mulberry32(runSeed(1, run))), d, "xavier", { secondLayer: "fixed", gradientTolerance: RUN_GRADIENT });
      const outcome = settleTrained(r.W, r.a);
      if (outcome.kind !== "point") continue;
      if (outcomes.some((o) => o.outcome.kind === "point" && o.outcome.sizes.join() === outcome.sizes.join())) continue;
      outcomes.push({ outcome, W: r.W, a: r.a });
    }
    expect(outcomes).toHaveLength(2);
    // The copy of the one with two classes (the Hungarian matching and the classes have something to undo).
    outcomes.sort((u, v) => (v.outcome.kind === "point" ? v.outcome.sizes.length : 0) - (u.outcome.kind === "point" ? u.outcome.sizes.length : 0));
    const { W, a, outcome } = outcomes[0]!;
    const rng = mulberry32(7);
    const P = randomPermutation(rng, d);
    const Q = randomPermutation(rng, d);
    const copy = settleTrained(P.map((i) => Q.map((j) => W[i]![j]!)), P.map((i) => a[i]!));
    expect(copy.kind).toBe("point");
    const merged = mergeRuns([outcome, copy, outcomes[1]!.outcome]);
    expect(merged.candidates.map((c) => c.starts)).toEqual([2, 1]);
  });
});
