import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { splitWeights } from "../src/annihilation/annihilation.js";
import { familyPhaseDiagrams, phaseBranches, type PhaseDiagram } from "../src/annihilation/phaseDiagram.js";
import { splitNeuron } from "../src/annihilation/embeddings.js";
import { residualHessianAtNeuron } from "../src/annihilation/fullResidual.js";
import { familyCriticalPoint, familyPattern } from "../src/families/critical.js";
import { familyModels, familyWidthOffset } from "../src/families/models.js";
import { FAMILIES, findFamily } from "../src/families/registry.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { hessian } from "../src/model/evaluator.js";
import type { SecondLayer } from "../src/model/studentModel.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { embed } from "../src/patterns/embedding.js";
import { Pattern } from "../src/patterns/pattern.js";
import { restrictedLoss } from "../src/patterns/restrictedLoss.js";

// docs/annihilation.md §7: the phase diagram's crossing against the inertia of the evaluator's full Hessian
// at width d + h, at integer d on both sides and several h; the identity behind it (h identical rows are
// one neuron) on the pattern's restricted loss. Nothing expected is pasted in.

const F = new DecimalField(30);

const points = new Map<number, { W: number[][]; a: number[] }>();
function familyAt(d: number): { W: number[][]; a: number[] } {
  const f = findFamily("2b");
  if (!points.has(d)) points.set(d, embed(familyPattern(f), familyCriticalPoint(f, String(d), 20).x.map((v) => v.toNumber()), d));
  return points.get(d)!;
}

/** The number of negative eigenvalues of the evaluator's Hessian at the split of `cls` of family 2b at integer d into 1 + h copies. */
function splitIndex(d: number, h: number, branch: "opposite" | "equal", secondLayer: SecondLayer, cls: "bulk" | "special"): number {
  const { W, a } = familyAt(d);
  const i = splitNeuron({ d, p: 1 }, cls);
  const t = splitWeights(h, branch === "opposite" ? "one positive" : "equal");
  const rows = [i, ...t.slice(1).map((_, m) => d + m)];
  const Wk = [...W.map((r) => [...r]), ...t.slice(1).map(() => [...W[i]!])];
  const ak = [...a, ...t.slice(1).map(() => a[i]!)];
  // Trained: the copies share w_i, their weights t a_i; fixed: the gauge image, rows t w_i with weight a_i.
  rows.forEach((r, m) => (secondLayer === "trained" ? (ak[r] = t[m]! * a[i]!) : (Wk[r] = W[i]!.map((x) => t[m]! * x))));
  const values = symmetricEigenvaluesFloat64(hessian(F64, Wk, ak, secondLayer));
  const tol = 1e-9 * Math.max(1, ...values.map(Math.abs));
  return values.filter((v) => v < -tol).length;
}

describe("the phase diagram of the splits of 2b in the (d, h) plane (both models, d in [6, 7])", () => {
  let diagrams: PhaseDiagram[];
  beforeAll(() => {
    diagrams = familyPhaseDiagrams(findFamily("2b"), ["trained", "fixed"], { dRange: [6, 7], hMax: 3, points: 2, digits: 12 });
  }, 60_000);

  it("has one crossing d* in (6, 7); the opposite-sign split is a minimum above it, the equal split nowhere; the evaluator's Hessian at width d + h agrees on both sides for h = 1, 2, 3", () => {
    const opposite = diagrams.find((g) => g.class === "bulk" && g.branch === "opposite")!;
    const equal = diagrams.find((g) => g.class === "bulk" && g.branch === "equal" && g.secondLayer === "trained")!;
    const fixed = diagrams.find((g) => g.class === "special" && g.secondLayer === "fixed")!;
    expect(fixed.branch).toBe("equal");
    expect(fixed.splitMinimum).toEqual([]);
    expect(fixed.familyMinimum).toEqual(opposite.familyMinimum);
    expect(opposite.crossings).toHaveLength(1);
    const star = Number(opposite.crossings[0]!.d);
    expect(star).toBeGreaterThan(6);
    expect(star).toBeLessThan(7);
    expect(opposite.splitMinimum).toEqual([[opposite.crossings[0]!.d, "7"]]);
    expect(equal.splitMinimum).toEqual([]);
    for (const h of [1, 2, 3]) {
      expect(splitIndex(6, h, "opposite", "trained", "bulk"), `h = ${h}, d = 6`).toBeGreaterThan(0);
      expect(splitIndex(7, h, "opposite", "trained", "bulk"), `h = ${h}, d = 7`).toBe(0);
      expect(splitIndex(7, h, "equal", "trained", "bulk"), `equal, h = ${h}, d = 7`).toBeGreaterThan(0);
    }
    // The special class, and the fixed second layer (equal weights only): a saddle above d* too.
    expect(splitIndex(7, 2, "opposite", "trained", "special")).toBe(0);
    expect(splitIndex(7, 2, "equal", "fixed", "special")).toBeGreaterThan(0);
  });
});

describe("h identical rows are one neuron: the restricted loss of (d-1 | 1 | h rows)", () => {
  it("L(x, y3; d, h) = L(x, h y3; d, 1) (trained) and L(z; d, h) = L(h z; d, 1) for the row class's weights z1, z2 with a = 1, at d = 7.5, h = 2, 3", () => {
    const d = F.fromDecimalString("7.5");
    let seed = 7;
    const next = (): string => ((seed = (seed * 48271) % 2147483647) / 2147483647 - 0.5).toFixed(12);
    for (const h of [2, 3]) {
      const P = Pattern.isotropy(1, h);
      const P1 = Pattern.isotropy(1, 1);
      const x = P.params.map(() => F.fromDecimalString(next()));
      const at = (name: string): number => P.params.findIndex((q) => q.alias === name);
      const scaled = (names: readonly string[]): typeof x => x.map((v, k) => (names.some((n) => at(n) === k) ? F.mul(F.fromInt(h), v) : v));
      const lossH = restrictedLoss(F, P, x, d);
      expect(restrictedLoss(F, P1, scaled(["y3"]), d).sub(lossH).abs().toNumber()).toBeLessThan(1e-25);
      const fixed = x.map((v, k) => (k === at("y3") ? F.one() : v));
      const fixedScaled = scaled(["z1", "z2"]).map((v, k) => (k === at("y3") ? F.one() : v));
      expect(restrictedLoss(F, P1, fixedScaled, d).sub(restrictedLoss(F, P, fixed, d)).abs().toNumber()).toBeLessThan(1e-25);
      // and h enters: the loss at h differs from the loss at 1 with the same parameters
      expect(restrictedLoss(F, P1, x, d).sub(lossH).abs().toNumber()).toBeGreaterThan(1e-6);
    }
  });
});

describe("the committed phase diagrams (series/annihilation-phase.json)", () => {
  it("cover every family at k = d with a positive loss (at d = 6), each model, class and branch; the split is a minimum only where the family is; the crossings are sorted and in range", () => {
    const doc = JSON.parse(readFileSync(join("series", "annihilation-phase.json"), "utf8")) as { diagrams: PhaseDiagram[] };
    // Families of zero loss (every embedding a global minimum) have none.
    const positiveLoss = (f: (typeof FAMILIES)[number]): boolean => familyCriticalPoint(f, "6", 12).loss.abs().gt(1e-9);
    const expected = FAMILIES.filter((f) => familyWidthOffset(f) === 0 && positiveLoss(f)).flatMap((f) =>
      familyModels(f).flatMap((m) => (f.p === 0 ? ["bulk"] : ["bulk", "special"]).flatMap((c) => phaseBranches(m.secondLayer).map((b) => `${f.name} ${m.secondLayer} ${c} ${b}`))),
    );
    expect(doc.diagrams.map((g) => `${g.family} ${g.secondLayer} ${g.class} ${g.branch}`).sort()).toEqual(expected.sort());
    const inside = (x: readonly [string, string], ys: readonly [string, string][]): boolean => ys.some((y) => Number(y[0]) <= Number(x[0]) && Number(x[1]) <= Number(y[1]));
    for (const g of doc.diagrams) {
      for (const x of g.splitMinimum) expect(inside(x, g.familyMinimum), `${g.family} ${g.class} ${g.branch}`).toBe(true);
      const ds = g.crossings.map((c) => Number(c.d));
      expect(ds).toEqual([...ds].sort((a, b) => a - b));
      for (const d of ds) expect(d > Number(g.dRange[0]) && d < Number(g.dRange[1])).toBe(true);
    }
  });
});

describe("the committed zero of a_i G_i for the bulk class of 2a, against the evaluator's kernel", () => {
  it("at the integers on either side of it, the spectrum of the full a_i G_i (d x d, from kernelHessWW) has no positive eigenvalue below and one above", () => {
    const doc = JSON.parse(readFileSync(join("series", "annihilation-phase.json"), "utf8")) as { diagrams: PhaseDiagram[] };
    const g = doc.diagrams.find((x) => x.family === "2a" && x.secondLayer === "trained" && x.class === "bulk" && x.branch === "opposite")!;
    const zero = g.crossings.find((c) => c.cause.includes("a_i G_i"))!;
    const f = findFamily("2a");
    const positives = (d: number): number => {
      const { W, a } = embed(familyPattern(f), familyCriticalPoint(f, String(d), 20).x.map((v) => v.toNumber()), d);
      const values = symmetricEigenvaluesFloat64(residualHessianAtNeuron(F64, W, a, 0).map((r) => r.map((x) => x * a[0]!)));
      return values.filter((v) => v > 1e-10).length;
    };
    expect(positives(Math.floor(Number(zero.d)))).toBe(0);
    expect(positives(Math.ceil(Number(zero.d)))).toBe(1);
    // and the opposite split is a minimum up to it, not beyond
    expect(g.splitMinimum[g.splitMinimum.length - 1]![1]).toBe(zero.d);
  });
});
