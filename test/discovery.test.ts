import { describe, expect, it } from "vitest";
import { F64 } from "../src/numbers/floatField.js";
import { flattenParameters, gradient, loss, lossAndGradient } from "../src/model/evaluator.js";
import { embed } from "../src/patterns/embedding.js";
import { Pattern } from "../src/patterns/pattern.js";
import { maximumAssignment } from "../src/discovery/assignment.js";
import { classifyCriticalPoint, describeCriticalPoint } from "../src/discovery/classify.js";
import { familyCriticalPoint, familyPattern } from "../src/families/critical.js";
import { identifyFamily } from "../src/families/identify.js";
import { findFamily } from "../src/families/registry.js";
import { discover } from "../src/discovery/discover.js";
import { fastLossAndGradient, fastWorkspace } from "../src/discovery/fastLoss.js";
import { normaliseGauge } from "../src/discovery/gauge.js";
import { detectIsotropy } from "../src/discovery/isotropy.js";
import { lbfgs } from "../src/discovery/lbfgs.js";
import { mulberry32, runSeed } from "../src/discovery/random.js";
import { trainFrom, trainFromRandom } from "../src/discovery/train.js";
import { discoverCommand } from "../src/cli/discoverCommand.js";
import { discoveryJson } from "../src/output/discoveryDocument.js";
import { UsageError } from "../src/cli/command.js";
import { randomPermutation } from "./support/random.js";
import { randomNormalMatrix } from "./support/randomMatrices.js";

function norm(v: readonly number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

/** Evaluator's full gradient norm. */
function referenceGradientNorm(W: number[][], a: number[]): number {
  const { gW, ga } = lossAndGradient(F64, W, a);
  return norm(flattenParameters(gW, ga));
}

describe("random", () => {
  it("is reproducible and has roughly standard normal moments", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 20000 }, () => a.normal());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.normal()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe("fastLossAndGradient (the training twin) against the evaluator", () => {
  it("agrees on random points, including a nearly parallel pair of rows and k != d", () => {
    const rng = mulberry32(7);
    for (const [k, d] of [[3, 3], [7, 7], [5, 8], [12, 12]] as const) {
      const W = randomNormalMatrix(rng, k, d);
      W[1] = W[0]!.map((v, m) => 2 * v + (m === 0 ? 1e-9 : 0));
      const a = Array.from({ length: k }, () => rng.normal());
      const ref = lossAndGradient(F64, W, a);
      const g = new Float64Array(k * d + k);
      const L = fastLossAndGradient(fastWorkspace(k, d), Float64Array.from(flattenParameters(W, a)), g);
      expect(Math.abs(L - ref.loss)).toBeLessThan(1e-12);
      const gr = flattenParameters(ref.gW, ref.ga);
      gr.forEach((x, i) => expect(Math.abs(x - g[i]!)).toBeLessThan(1e-12));
    }
  });
});

describe("lbfgs", () => {
  it("minimises the Rosenbrock function", () => {
    const f = (x: Float64Array, g: Float64Array): number => {
      const [u, v] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - u) - 400 * u * (v - u * u);
      g[1] = 200 * (v - u * u);
      return (1 - u) ** 2 + 100 * (v - u * u) ** 2;
    };
    const r = lbfgs(f, Float64Array.from([-1.2, 1]), { gradientTolerance: 1e-10, maxIterations: 1000 });
    expect(r.reason).toBe("gradient");
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-8);
    expect(Math.abs(r.x[1]! - 1)).toBeLessThan(1e-8);
  });
});

describe("maximumAssignment", () => {
  it("matches brute force on random 6 x 6 scores", () => {
    const rng = mulberry32(3);
    const permutations = (n: number): number[][] =>
      n === 0 ? [[]] : permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
    const all = permutations(6);
    for (let trial = 0; trial < 20; trial++) {
      const S = randomNormalMatrix(rng, 6, 6);
      const value = (p: number[]): number => p.reduce((s, j, i) => s + S[i]![j]!, 0);
      const sigma = maximumAssignment(S);
      expect([...sigma].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      const best = Math.max(...all.map(value));
      expect(value(sigma)).toBeCloseTo(best, 12);
    }
  });
});

describe("gauge", () => {
  it("normalising |a_i| = 1 leaves the loss and the effective neurons a_i w_i invariant", () => {
    const rng = mulberry32(11);
    for (const d of [3, 6, 10]) {
      const W = randomNormalMatrix(rng, d, d);
      const a = Array.from({ length: d }, () => 3 * rng.normal());
      const g = normaliseGauge(W, a);
      expect(g.a.every((x) => x === 1 || x === -1)).toBe(true);
      const L0 = loss(F64, W, a);
      expect(Math.abs(loss(F64, g.W, g.a) - L0)).toBeLessThan(1e-12 * Math.max(1, Math.abs(L0)));
      W.forEach((row, i) => row.forEach((w, m) => expect(g.a[i]! * g.W[i]![m]!).toBeCloseTo(a[i]! * w, 12)));
    }
  });
});

describe("isotropy detection", () => {
  it("recovers p, the class B and the permutation of a permuted pattern point", () => {
    const rng = mulberry32(5);
    for (const [d, p] of [[7, 0], [9, 1], [10, 2], [11, 3], [8, 4]] as const) {
      const P = Pattern.isotropy(p);
      // diagonal entries of size 0.7..1.3 with random signs, off-diagonal entries below 0.25, a = +-1
      const x = P.params.map((q) => {
        if (q.kind === "a") return rng.uniform() < 0.5 ? 1 : -1;
        if (q.kind === "diag") return (rng.uniform() < 0.5 ? 1 : -1) * (0.7 + 0.6 * rng.uniform());
        return 0.5 * (rng.uniform() - 0.5);
      });
      const E = embed(P, x, d);
      // diagonal action by pi, then an independent permutation tau of the student rows
      const pi = randomPermutation(rng, d);
      const tau = randomPermutation(rng, d);
      const Wd: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
      const ad = new Array<number>(d).fill(0);
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) Wd[pi[i]!]![pi[j]!] = E.W[i]![j]!;
        ad[pi[i]!] = E.a[i]!;
      }
      const W: number[][] = new Array(d);
      const a: number[] = new Array(d);
      for (let i = 0; i < d; i++) {
        W[tau[i]!] = Wd[i]!;
        a[tau[i]!] = ad[i]!;
      }
      const r = detectIsotropy(W, a);
      expect(r.p).toBe(p);
      const B = Array.from({ length: p }, (_, t) => pi[d - p + t]!).sort((u, v) => u - v);
      expect(r.B).toEqual(B);
      r.params.forEach((v, k) => expect(v).toBeCloseTo(x[k]!, 12));
      // the canonical frame reproduces the embedding exactly
      const Wc = r.rows.map((s) => r.order.map((t) => W[s]![t]!));
      Wc.forEach((row, s) => row.forEach((w, t) => expect(w).toBe(E.W[s]![t]!)));
      expect(r.deviation).toBeLessThan(1e-14);
    }
  });

  it("at other widths recovers p and the parameters of Pattern.isotropy(p, k - d) under independent row and column permutations", () => {
    const rng = mulberry32(9);
    for (const [d, p, h] of [[8, 1, 1], [9, 2, 1], [8, 0, 2], [9, 1, -1], [10, 3, -1]] as const) {
      const P = Pattern.isotropy(p, h);
      const x = P.params.map((q) => {
        if (q.kind === "a") return rng.uniform() < 0.5 ? 1 : -1;
        if (q.kind === "diag") return (rng.uniform() < 0.5 ? 1 : -1) * (0.7 + 0.6 * rng.uniform());
        return 0.5 * (rng.uniform() - 0.5);
      });
      const E = embed(P, x, d);
      const k = d + h;
      // S_k x S_d: rows by tau, columns (with the teacher) by pi, independently.
      const tau = randomPermutation(rng, k);
      const pi = randomPermutation(rng, d);
      const W: number[][] = Array.from({ length: k }, () => new Array<number>(d).fill(0));
      const a = new Array<number>(k).fill(0);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < d; j++) W[tau[i]!]![pi[j]!] = E.W[i]![j]!;
        a[tau[i]!] = E.a[i]!;
      }
      const r = detectIsotropy(W, a);
      expect(r.p, `d = ${d}, p = ${p}, h = ${h}`).toBe(p);
      r.params.forEach((v, t) => expect(v).toBeCloseTo(x[t]!, 12));
      const Wc = r.rows.map((s) => r.order.map((t) => W[s]![t]!));
      Wc.forEach((row, s) => row.forEach((w, t) => expect(w).toBe(E.W[s]![t]!)));
    }
  });

  it("reports a point without such a symmetry as other, with its colour classes", () => {
    const rng = mulberry32(8);
    const W = randomNormalMatrix(rng, 8, 8, 0.1).map((row, i) => row.map((w, j) => (i === j ? 1 + w : w)));
    const r = detectIsotropy(W, new Array<number>(8).fill(1));
    expect(r.p).toBeNull();
    expect(r.classSizes).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // (d-1 | 1) with one bulk diagonal entry moved by 1e-3: symmetry S_7 x S_1 x S_1, no (d-p | p) but
    // the split pattern (d-2 | 1 | 1), B the singleton with the smaller diagonal entry (docs/discovery.md §4)
    const P = Pattern.isotropy(1);
    const E = embed(P, [1, 0.01, 0.1, 0.05, -0.8, 1, 1], 9);
    E.W[0]![0] = 1.001;
    const broken = detectIsotropy(E.W, E.a);
    expect([broken.p, broken.split]).toEqual([2, [1, 1]]);
    expect(broken.classSizes).toEqual([7, 1, 1]);
    const S = Pattern.isotropy(2, 0, [1, 1]);
    expect([broken.params[S.paramByName("x5")], broken.params[S.paramByName("x11")]]).toEqual([-0.8, 1.001]);
    // a second bulk entry moved: S_6 x S_1 x S_1 x S_1, other
    E.W[1]![1] = 1.002;
    const other = detectIsotropy(E.W, E.a);
    expect(other.p).toBeNull();
    expect(other.classSizes).toEqual([6, 1, 1, 1]);
    // moved by 1e-8 only: within the tolerance 1e-6, still p = 1
    E.W[0]![0] = 1 + 1e-8;
    E.W[1]![1] = 1;
    expect(detectIsotropy(E.W, E.a).p).toBe(1);
  });

  it("recovers a split point of (d-2 | 1 | 1 | 1 row) under independent row and column permutations, and names it 3c.d+1", () => {
    const f = findFamily("3c.d+1");
    const P = familyPattern(f);
    const x = familyCriticalPoint(f, "10", 20).x.map((v) => v.toNumber());
    const E = embed(P, x, 10);
    const rng = mulberry32(5);
    const tau = randomPermutation(rng, 11);
    const pi = randomPermutation(rng, 10);
    const W: number[][] = Array.from({ length: 11 }, () => new Array<number>(10).fill(0));
    const a = new Array<number>(11).fill(0);
    for (let i = 0; i < 11; i++) {
      for (let j = 0; j < 10; j++) W[tau[i]!]![pi[j]!] = E.W[i]![j]!;
      a[tau[i]!] = E.a[i]!;
    }
    const r = describeCriticalPoint(W, a);
    expect([r.p, r.split, r.signs.join("")]).toEqual([2, [1, 1], "+++-"]);
    P.params.forEach((q, k) => expect(r.params[q.alias!]).toBeCloseTo(x[k]!, 12));
    expect(identifyFamily(r, 10, { secondLayer: "trained", widthOffset: 1 })).toBe("3c.d+1");
  });
});

describe("training", () => {
  it("from W = I + noise converges to the global minimum (loss 0, p = 0, index 0)", () => {
    const d = 8;
    const rng = mulberry32(21);
    const x0 = new Float64Array(d * d + d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) x0[i * d + j] = (i === j ? 1 : 0) + 0.05 * rng.normal();
    for (let i = 0; i < d; i++) x0[d * d + i] = 1 + 0.05 * rng.normal();
    const r = trainFrom(x0, d, "given");
    expect(r.converged).toBe(true);
    expect(r.gradientNorm).toBeLessThan(1e-10);
    expect(referenceGradientNorm(r.W, r.a)).toBeLessThan(1e-10);
    const c = classifyCriticalPoint(r.W, r.a);
    expect(c.loss).toBeLessThan(1e-12);
    expect(c.p).toBe(0);
    expect(c.signs).toEqual(["+"]);
    expect(c.params.x1).toBeCloseTo(1, 8);
    expect(c.params.x2).toBeCloseTo(0, 8);
    expect(c.negative).toBe(0);
    expect(c.zero).toBe(d);
  });

  it("at width k = d + 1 converges to the global minimum with a dead neuron, the polish renewing its factorisation where a step from the kept one fails (d = 4, seeded start)", () => {
    const r = trainFromRandom(4, "minus", mulberry32(runSeed(1, 0)), { width: 5 });
    expect(r.converged).toBe(true);
    expect(r.gradientNorm).toBeLessThan(1e-10);
    expect(Math.abs(r.loss)).toBeLessThan(1e-12);
    // four rows of norm 1 (the teacher's) and one dead
    const norms = r.W.map((row) => norm(row)).sort((x, y) => x - y);
    expect(norms[0]!).toBeLessThan(1e-8);
    for (const n of norms.slice(1)) expect(n).toBeCloseTo(1, 8);
  });
});

describe("discover", () => {
  it("is reproducible at d = 6 with a fixed seed, and every reported point is a critical point", () => {
    const options = { d: 6, runs: 12, seed: 5, init: "all" as const };
    const first = discover(options);
    const second = discover(options);
    expect(JSON.stringify(discoveryJson(first))).toBe(JSON.stringify(discoveryJson(second)));
    expect(first.points.length).toBeGreaterThan(0);
    expect(first.points.reduce((s, p) => s + p.count, 0) + first.notConverged).toBe(12);
    for (const p of first.points) {
      expect(referenceGradientNorm(p.W, p.a)).toBeLessThan(1e-10);
      expect(Math.abs(loss(F64, p.W, p.a) - p.loss)).toBeLessThan(1e-12);
      expect(p.zero).toBeGreaterThanOrEqual(6);
    }
    // sorted by loss; the global minimum is found from these starts
    for (let i = 1; i < first.points.length; i++) expect(first.points[i]!.loss).toBeGreaterThanOrEqual(first.points[i - 1]!.loss);
    expect(first.points[0]!.loss).toBeLessThan(1e-12);
  });

  it("with a fixed second layer: W alone is trained (a = 1 throughout), every point is a critical point of L(W, 1) with no gauge zeros, and each is a point the trained discovery finds with the same inertia", () => {
    const options = { d: 6, runs: 12, seed: 5, init: "all" as const };
    const fixedRuns = discover({ ...options, secondLayer: "fixed" });
    const trainedRuns = discover(options);
    expect(fixedRuns.secondLayer).toBe("fixed");
    expect(fixedRuns.points.length).toBeGreaterThan(0);
    for (const p of fixedRuns.points) {
      expect(p.a.every((ai) => ai === 1)).toBe(true);
      const g = gradient(F64, p.W, p.a);
      expect(Math.sqrt(g.gW.flat().reduce((s, x) => s + x * x, 0))).toBeLessThan(1e-10);
      // The d^2 x d^2 W-Hessian has no gauge zeros; the trained Hessian's inertia is the same plus d zeros.
      expect(p.negative + p.zero + p.positive).toBe(36);
      const twin = trainedRuns.points.find((q) => Math.abs(q.loss - p.loss) < 1e-9 && q.p === p.p);
      if (twin !== undefined) {
        expect(p.negative).toBe(twin.negative);
        expect(p.zero + 6).toBe(twin.zero);
      }
    }
    expect(fixedRuns.points.some((p) => trainedRuns.points.some((q) => Math.abs(q.loss - p.loss) < 1e-9))).toBe(true);
  });

  it("rejects bad input with a UsageError naming the value and what is allowed", () => {
    const run = (o: Record<string, string>) => () => discoverCommand.run([], o);
    expect(run({ d: "abc", runs: "3" })).toThrow(/'abc'.*2 to 60/);
    expect(run({ d: "1", runs: "3" })).toThrow(/1 is outside the allowed range 2 to 60/);
    expect(run({ d: "61", runs: "3" })).toThrow(/61 is outside the allowed range 2 to 60/);
    expect(run({ d: "6", runs: "0" })).toThrow(/0 is outside the allowed range 1 to 10000/);
    expect(run({ d: "6", runs: "10001" })).toThrow(UsageError);
    expect(run({ d: "6", runs: "2", init: "gaussian" })).toThrow(/'gaussian'.*all, xavier, minus, mixed/);
    expect(run({ d: "6.5", runs: "2" })).toThrow(UsageError);
  });
});
