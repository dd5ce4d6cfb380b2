import { describe, expect, it } from "vitest";
import { familyAnnihilation, eulerOnCells, type Annihilation } from "../src/annihilation/annihilation.js";
import { residualCorrelation, residualCorrelationGradient, residualHessianAtNeuron } from "../src/annihilation/fullResidual.js";
import { splitTest } from "../src/annihilation/splitTest.js";
import { cellLayout } from "../src/annihilation/cells.js";
import { cellG, cellGradG, residualTypes } from "../src/annihilation/residual.js";
import { expandDirection } from "../src/annihilation/minimumOfG.js";
import { familyCriticalPoint, familyPattern } from "../src/families/critical.js";
import { FAMILY_NAMES, findFamily } from "../src/families/registry.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { gradient, hessian, loss } from "../src/model/evaluator.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { embed } from "../src/patterns/embedding.js";

// docs/annihilation.md §9: every number is checked against the independent evaluator (src/model/evaluator.ts)
// or the evaluator's kernel on full arrays; nothing expected is pasted in.

const F = new DecimalField(40);

/** A seeded uniform generator in [-1, 1). */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** The family point at d as full Decimal arrays, and its parameters by alias; solved once per (family, d, digits) for the whole file. */
const points = new Map<string, ReturnType<typeof solvePoint>>();
function familyPoint(name: string, d: number, digits = 25) {
  const key = `${name} ${d} ${digits}`;
  if (!points.has(key)) points.set(key, solvePoint(name, d, digits));
  return points.get(key)!;
}

function solvePoint(name: string, d: number, digits: number) {
  const f = findFamily(name);
  const point = familyCriticalPoint(f, String(d), digits);
  const P = familyPattern(f);
  const { W, a } = embed(P, point.x.map((v) => F.from(v)), d);
  const x = Object.fromEntries(P.params.map((q, k) => [q.alias ?? q.name, F.from(point.x[k]!)]));
  return { f, point, W, a, params: { p: f.p, x } };
}

function inertia(values: readonly number[]) {
  const tol = 1e-8 * Math.max(1, ...values.map(Math.abs));
  return { negative: values.filter((v) => v < -tol).length, zero: values.filter((v) => Math.abs(v) <= tol).length, positive: values.filter((v) => v > tol).length };
}

describe("adding a neuron (w, c): L + c g(w) + c^2 |w|^2 / 4", () => {
  it("holds for the evaluator's loss at random networks (k x d = 3 x 4, 5 x 4), Decimal(40)", () => {
    const u = uniform(11);
    for (const [k, d] of [[3, 4], [5, 4]] as const) {
      for (let trial = 0; trial < 3; trial++) {
        const W = Array.from({ length: k }, () => Array.from({ length: d }, () => F.fromDecimalString(u().toFixed(12))));
        const a = Array.from({ length: k }, () => F.fromDecimalString(u().toFixed(12)));
        const w = Array.from({ length: d }, () => F.fromDecimalString(u().toFixed(12)));
        const c = F.fromDecimalString(u().toFixed(12));
        const wider = loss(F, [...W, w], [...a, c]);
        const n2 = w.reduce((s, x) => F.add(s, F.mul(x, x)), F.zero());
        const predicted = F.add(loss(F, W, a), F.add(F.mul(c, residualCorrelation(F, W, a, w)), F.div(F.mul(F.mul(c, c), n2), F.fromInt(4))));
        expect(wider.sub(predicted).abs().toNumber()).toBeLessThan(1e-35);
      }
    }
  });
});

describe("Euler's identities at the families' critical points", () => {
  it("g(w_i) = 0 for every neuron and sum_m g(e_m) = -2L, full arrays at d = 6 (the smallest integer of a range above it), float64 and Decimal, every family", () => {
    for (const name of FAMILY_NAMES) {
      const { W, a, point } = familyPoint(name, Math.max(6, Math.ceil(Number(findFamily(name).range.min))));
      const W64 = W.map((r) => r.map((x) => x.toNumber()));
      const a64 = a.map((x) => x.toNumber());
      // k x d students: the families of other widths too (k rows, d teacher directions).
      const e = (m: number) => W[0]!.map((_, j) => (j === m ? F.one() : F.zero()));
      for (let i = 0; i < W.length; i++) {
        expect(residualCorrelation(F, W, a, W[i]!).abs().toNumber(), `${name} g(w_${i}) Decimal`).toBeLessThan(1e-20);
        expect(Math.abs(residualCorrelation(F64, W64, a64, W64[i]!)), `${name} g(w_${i}) float64`).toBeLessThan(1e-13);
      }
      const sum = W[0]!.reduce((s, _, m) => F.add(s, residualCorrelation(F, W, a, e(m))), F.zero());
      expect(sum.add(point.loss.mul(2)).abs().toNumber(), name).toBeLessThan(1e-20);
    }
  });

  it("the same on the cells at a fractional d = 7.25 (the families 2a, 3b, 4)", () => {
    for (const name of ["2a", "3b", "4"]) {
      const f = findFamily(name);
      const point = familyCriticalPoint(f, "7.25", 25);
      const P = familyPattern(f);
      const params = { p: f.p, x: Object.fromEntries(P.params.map((q, k) => [q.alias!, F.from(point.x[k]!)])) };
      const e = eulerOnCells(F, f.p, params, F.fromDecimalString("7.25"), F.from(point.loss));
      expect(e.neuronResidual.toNumber(), name).toBeLessThan(1e-20);
      expect(e.teacherSum.add(e.twiceLoss).abs().toNumber(), name).toBeLessThan(1e-20);
    }
  });
});

describe("g on cells at real d against the full arrays at integer d", () => {
  it("g and its gradient on the cells equal those of the evaluator's kernel (2a, 3b, 4 at d = 6)", () => {
    const u = uniform(5);
    for (const name of ["2a", "3b", "4"]) {
      const { W, a, params, f } = familyPoint(name, 6);
      for (const [bulk, special] of [[0, 0], [1, 0], [1, 1], [2, Math.min(2, f.p)]] as const) {
        const L = cellLayout(F, F.fromInt(6), f.p, bulk, special);
        const types = residualTypes(F, L, params);
        const values = L.cells.map(() => u());
        const direction = { bulk, special, cells: L.cells.map((c, k) => ({ name: c.name, size: c.size.toString(), value: values[k]! })) };
        const w = expandDirection(F, direction, 6, f.p);
        // expandDirection normalises; the cell vector with the same normalisation:
        const scale = w[0]!.div(F.fromDecimalString(values[0]!.toPrecision(17)));
        const cells = values.map((v) => F.mul(scale, F.fromDecimalString(v.toPrecision(17))));
        expect(cellG(F, L, types, cells).sub(residualCorrelation(F, W, a, w)).abs().toNumber(), `${name} g`).toBeLessThan(1e-30);
        const full = residualCorrelationGradient(F, W, a, w);
        const onCells = cellGradG(F, L, types, cells);
        const expanded = expandDirection(F, { ...direction, cells: direction.cells.map((c, k) => ({ ...c, value: onCells[k]!.toNumber() })) }, 6, f.p);
        const norm = Math.hypot(...onCells.map((x, k) => x.toNumber() * Math.sqrt(L.cells[k]!.size.toNumber())));
        full.forEach((x, j) => expect(Math.abs(x.toNumber() - expanded[j]!.toNumber() * norm), `${name} grad ${j}`).toBeLessThan(1e-12));
      }
    }
  });

  it("the split test's eigenvalues, with their multiplicities and the zero along w_i, are the spectrum of the full G_i (every family with L > 0 at d = 6)", () => {
    for (const [name, d] of [["1b", 6], ["2a", 6], ["2b", 6], ["3a", 6], ["3b", 6], ["4", 6], ["4b", 6]] as const) {
      const { W, a, params, f } = familyPoint(name, d);
      for (const cls of f.p === 0 ? (["bulk"] as const) : (["bulk", "special"] as const)) {
        const test = splitTest(F, params, F.fromInt(d), cls, "trained");
        const fromCells = [0, ...test.components.flatMap((c) => c.eigenvalues.flatMap((v) => Array.from({ length: Math.round(c.dimension.toNumber()) }, () => v.toNumber())))].sort((x, y) => x - y);
        const i = cls === "bulk" ? 0 : d - f.p;
        const G = residualHessianAtNeuron(F64, W.map((r) => r.map((x) => x.toNumber())), a.map((x) => x.toNumber()), i);
        const full = symmetricEigenvaluesFloat64(G.map((r) => r.map((x) => x * a[i]!.toNumber())));
        expect(fromCells).toHaveLength(d);
        fromCells.forEach((v, k) => expect(Math.abs(v - full[k]!), `${name} ${cls} eigenvalue ${k}`).toBeLessThan(1e-12));
        expect(test.homogeneityResidual.toNumber()).toBeLessThan(1e-30);
      }
    }
  });

  it("G_i is the second derivative of g at w_i: central differences of the gradient in Decimal(50) (2a at d = 6, both classes)", () => {
    const F50 = new DecimalField(50);
    const { W, a } = familyPoint("2a", 6, 40);
    const W50 = W.map((r) => r.map((x) => F50.from(x)));
    const a50 = a.map((x) => F50.from(x));
    const h = F50.fromDecimalString("1e-15");
    for (const i of [0, 5]) {
      const G = residualHessianAtNeuron(F50, W50, a50, i);
      for (let m = 0; m < 6; m++) {
        const plus = W50[i]!.map((x, k) => (k === m ? F50.add(x, h) : x));
        const minus = W50[i]!.map((x, k) => (k === m ? F50.sub(x, h) : x));
        const gp = residualCorrelationGradient(F50, W50, a50, plus);
        const gm = residualCorrelationGradient(F50, W50, a50, minus);
        // K(., w_i) is only C^2 at the parallel pair: its Hessian there (0) is matched to O(h).
        gp.forEach((x, n) => expect(F50.div(F50.sub(x, gm[n]!), F50.mul(F50.fromInt(2), h)).sub(G[n]![m]!).abs().toNumber(), `G[${n}][${m}]`).toBeLessThan(1e-13));
      }
    }
  });
});

/** Checks of every embedding of one run against the evaluator at width d + H. */
function checkEmbeddings(r: Annihilation): void {
  const secondLayer = r.model.secondLayer;
  expect(r.embeddings.length).toBeGreaterThan(0);
  for (const e of r.embeddings) {
    const label = `${r.family} d=${r.d} ${secondLayer} H=${r.neurons} ${e.kind} ${e.class ?? ""} t=${e.t?.join(",") ?? ""}`;
    const W64 = e.point.W.map((row) => row.map((x) => x.toNumber()));
    const a64 = e.point.a.map((x) => x.toNumber());
    // Same function: the evaluator's loss at the embedded point is the family's loss.
    const atPoint = loss(F, e.point.W, e.point.a);
    expect(atPoint.sub(r.loss).abs().toNumber(), `${label}: loss`).toBeLessThan(1e-20);
    if (e.inertia !== null) {
      const g = gradient(F64, W64, a64);
      const gnorm = Math.hypot(...g.gW.flat(), ...(secondLayer === "trained" ? g.ga : []));
      expect(gnorm, `${label}: critical`).toBeLessThan(1e-13);
      expect(inertia(symmetricEigenvaluesFloat64(hessian(F64, W64, a64, secondLayer))), `${label}: Hessian inertia`).toEqual(e.inertia);
      if (e.verdict === "minimum") expect(e.inertia.negative).toBe(0);
      // A saddle of second order has a negative eigenvalue; one of fourth order (an endpoint split) none.
      if (e.verdict === "saddle") expect(e.inertia.negative > 0, `${label}: negative eigenvalues`).toBe(e.order === "second");
    }
    if (e.verdict === "minimum" || e.verdict === "global minimum") {
      expect(e.direction).toBeNull();
      continue;
    }
    // A descent direction: recompute the decrease with the evaluator and compare with the derivation.
    const D = e.direction!;
    const s = F.fromDecimalString(String(e.step));
    if (secondLayer === "fixed") D.a.forEach((x) => expect(x.isZero()).toBe(true));
    const moved = loss(F, e.point.W.map((row, i) => row.map((x, j) => F.add(x, F.mul(s, D.W[i]![j]!)))), e.point.a.map((x, i) => F.add(x, F.mul(s, D.a[i]!))));
    const drop = F.sub(atPoint, moved);
    expect(drop.sub(e.lossDecrease!).abs().toNumber(), `${label}: reported decrease`).toBeLessThan(1e-30);
    expect(drop.toNumber(), `${label}: decreases`).toBeGreaterThan(0);
    const predicted = e.predictedDecrease!.toNumber();
    // Exact for a dead neuron and along an endpoint split's curved path (both the identity of docs/annihilation.md §1).
    if (e.kind === "dead" || e.order === "fourth") expect(Math.abs(drop.toNumber() - predicted), `${label}: exact`).toBeLessThan(1e-30);
    else expect(Math.abs(drop.toNumber() / predicted - 1), `${label}: second order`).toBeLessThan(0.05);
    if (e.order === "second" && e.inertia !== null) {
      // Along the direction the Hessian's form is negative.
      const H = hessian(F64, W64, a64, secondLayer);
      const v = [...D.W.flat(), ...(secondLayer === "trained" ? D.a : [])].map((x) => x.toNumber());
      const q = v.reduce((acc, x, k) => acc + x * H[k]!.reduce((t, h, l) => t + h * v[l]!, 0), 0);
      expect(q, `${label}: negative curvature`).toBeLessThan(0);
    }
  }
}

describe("the embeddings into width d + H against the evaluator (inertia, criticality, descent)", () => {
  it("2a at d = 6, both models, H = 1: the verdicts, the Hessian inertia and the descents; min g found by the full search", () => {
    const trained = familyAnnihilation(findFamily("2a"), { d: "6", secondLayer: "trained", neurons: 1, digits: 25 });
    const fixed = familyAnnihilation(findFamily("2a"), { d: "6", secondLayer: "fixed", neurons: 1, digits: 25 });
    for (const r of [trained, fixed]) {
      checkEmbeddings(r);
      expect(r.minG.full?.agrees).toBe(true);
      // min g <= the mean of g over the teacher rows = -2L/d < 0.
      expect(r.minG.value.toNumber()).toBeLessThanOrEqual(-2 * r.loss.toNumber() / 6);
    }
    expect(trained.embeddings.filter((e) => e.verdict === "minimum").length).toBeGreaterThan(0);
    expect(trained.survives.minimum).toBe(true);
    expect(fixed.embeddings.every((e) => e.verdict === "saddle" || e.verdict === "not critical")).toBe(true);
    expect(fixed.smallestH.value).toBe(1);
  }, 120_000);

  it("1b at d = 6 with H = 2 (three copies, two dead neurons) and 2b at d = 6 (a saddle family below its crossing: its own descent carried to the copies), trained", () => {
    checkEmbeddings(familyAnnihilation(findFamily("1b"), { d: "6", secondLayer: "trained", neurons: 2, digits: 25 }));
    const saddle = familyAnnihilation(findFamily("2b"), { d: "6", secondLayer: "trained", neurons: 1, digits: 25 });
    expect(saddle.familyIsMinimum).toBe(false);
    expect(saddle.smallestH.value).toBe(0);
    checkEmbeddings(saddle);
  }, 120_000);

  it("1a (zero loss): g vanishes, every embedding is a global minimum", () => {
    const r = familyAnnihilation(findFamily("1a"), { d: "6", secondLayer: "fixed", neurons: 1, digits: 25 });
    expect(r.minG.value.abs().toNumber()).toBeLessThan(1e-25);
    expect(r.embeddings.every((e) => e.verdict === "global minimum")).toBe(true);
  }, 60_000);
});

