import { beforeAll, describe, expect, it } from "vitest";
import { familyBifurcations, patternIndex, toAxial, type FamilyBifurcations } from "../src/bifurcation/bifurcation.js";
import { newtonCriticalPoint } from "../src/families/newton.js";
import { precisionContext } from "../src/families/precision.js";
import { findFamily } from "../src/families/registry.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { hessian, lossAndGradient } from "../src/model/evaluator.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { bifurcationJson } from "../src/output/bifurcationDocument.js";
import { embed } from "../src/patterns/embedding.js";
import { familyCriticalPoint, familyPattern } from "../src/families/critical.js";
import { bifurcationRows } from "../src/plots/bifurcationPlot.js";
import { plotBifurcation } from "../src/plots/plotFamily.js";

// docs/bifurcation.md §6: the branch of family 2a at its [n-1,1] crossing near d = 5.59, checked by the
// independent evaluator (gradient, full Hessian index), by the distance to the family near d* (the rate the
// type predicts, on both sides) and by a direct Newton solve against the continuation.

let r: FamilyBifurcations;
beforeAll(() => {
  r = familyBifurcations(findFamily("2a"), { top: "6", digits: 20 });
}, 120_000);

describe("bifurcation of 2a", () => {
  it("finds one transcritical branch in the Young pattern with one more distinguished index", () => {
    expect(r.crossings).toHaveLength(1);
    const c = r.crossings[0]!;
    expect(c.component).toBe("[n-1,1]");
    expect(c.axial.pattern?.toString()).toBe("(d-2 | 1 | 1)");
    // The branches computed are those of the axial subgroups S_{n-1} and S_{n-2} x S_2 of [n-1,1] (n = d - 1);
    // S_{n-3} x S_3 needs (d-4 | 3 | 1), defined from d = 6 only.
    expect(c.subgroups.filter((h) => h.computed).map((h) => [h.name, h.axial])).toEqual([["S_{n-1}", true], ["S_{n-2} x S_2", true]]);
    expect(c.subgroups.find((h) => h.name === "S_{n-3} x S_3")!.note).toContain("needs d >= 6");
    expect(c.branches.map((b) => b.pattern.toString())).toEqual(["(d-2 | 1 | 1)", "(d-3 | 2 | 1)"]);
    expect(c.reduced!.kernelResidual.toNumber()).toBeLessThan(1e-20);
    expect(Math.abs(c.reduced!.b.toNumber())).toBeGreaterThan(1e-3);
    const b = c.branches[0]!;
    expect(b.type).toBe("transcritical");
    expect(b.side).toBe("both");
  });

  it("at d = 5 and 6 the embedded point of each branch is critical for the evaluator, with the printed index", () => {
    for (const b of r.crossings[0]!.branches) for (const d of [5, 6]) {
      const p = b.points.find((q) => q.d.eq(d))!;
      expect(p, `point at d = ${d}`).toBeDefined();
      const D = new DecimalField(50);
      const { W, a } = embed(b.pattern, p.x.map((v) => D.from(v)), d);
      const { gW, ga } = lossAndGradient(D, W, a);
      const norm = [...gW.flat(), ...ga].reduce((s, g) => s.add(g.mul(g)), D.zero()).sqrt();
      expect(norm.toNumber()).toBeLessThan(1e-25);
      const full = embed(b.pattern, p.x.map((v) => v.toNumber()), d);
      const values = symmetricEigenvaluesFloat64(hessian(F64, full.W, full.a));
      const scale = Math.max(1, ...values.map(Math.abs));
      expect(values.filter((v) => v < -1e-9 * scale).length).toBe(p.index);
      expect(values.filter((v) => Math.abs(v) <= 1e-9 * scale).length).toBe(d);
    }
  });

  it("the branch of S_{n-2} x S_2 starts along the kernel vector projected onto its fixed space", () => {
    const c = r.crossings[0]!;
    const b = c.branches[1]!;
    expect(b.subgroup).toBe("S_{n-2} x S_2");
    expect(b.isotropy).toBe("Delta(S_{d-3} x S_2 x S_1)");
    // phi (the projection, gauge removed) is a kernel vector of the W-Hessian of (d-3 | 2 | 1) at d*.
    expect(b.reduced.kernelResidual.toNumber()).toBeLessThan(1e-20);
    expect(b.type).toBe("transcritical");
    // The embedded point at d = 6 is fixed by the swap of the two indices of class C and by no other transposition mixing C with the bulk.
    const p = b.points.find((q) => q.d.eq(6))!;
    const { W } = embed(b.pattern, p.x.map((v) => v.toNumber()), 6);
    const swapped = (i: number, j: number): number => {
      const perm = W.map((_, k) => (k === i ? j : k === j ? i : k));
      return Math.max(...W.flatMap((row, k) => row.map((v, l) => Math.abs(v - W[perm[k]!]![perm[l]!]!))));
    };
    // Embedding order: bulk A (indices 0..2), C (3, 4), B (5).
    expect(swapped(3, 4)).toBe(0);
    expect(swapped(0, 3)).toBeGreaterThan(1e-3);
  });

  it("every point's index (its pattern's character blocks) is that of the pattern's Young blocks, at fractional and integer d", () => {
    const W = new DecimalField(20);
    for (const b of r.crossings[0]!.branches) for (const p of b.points) {
      expect(patternIndex(W, b.pattern, p.x, p.d, r.model, "young"), `${b.pattern.toString()} at d = ${p.d.toString()}`).toBe(p.index);
    }
  });

  it("the branch of S_{n-2} x S_2 ends at d = 5 on family 3b's point (the permutation: below)", () => {
    const below = r.crossings[0]!.branches[1]!.ends.find((e) => e.side === "below")!;
    expect(below.meets).toEqual({ family: "3b", d: 5 });
  });

  it("the distance to the family scales like |d - d*| on both sides (transcritical), for both branches", () => {
    const c = r.crossings[0]!;
    const dStar = Number(c.crossing.d);
    for (const b of c.branches) for (const sign of [-1, 1]) {
      // The two points closest to d* on this side (d* + 1e-4 and 1e-3 sigma, solved from the reduced equation).
      const near = b.points
        .filter((p) => Math.sign(p.d.toNumber() - dStar) === sign)
        .sort((u, v) => Math.abs(u.d.toNumber() - dStar) - Math.abs(v.d.toNumber() - dStar))
        .slice(0, 2);
      expect(near.length).toBe(2);
      const [p, q] = near;
      const exponent = Math.log(p!.distance.div(q!.distance).toNumber()) / Math.log(Math.abs(p!.d.toNumber() - dStar) / Math.abs(q!.d.toNumber() - dStar));
      expect(Math.abs(exponent - 1)).toBeLessThan(0.01);
    }
  });

  it("a direct Newton solve at d = 6 from the secant through the two points near d* agrees with the continuation", () => {
    const c = r.crossings[0]!;
    const b = c.branches[0]!;
    const [p1, p2] = b.points.filter((p) => p.d.gt(c.crossing.d)).sort((p, q) => p.d.cmp(q.d));
    const precision = precisionContext(30);
    const F = precision.working(6);
    const t = F.from(6).sub(p1!.d).div(p2!.d.sub(p1!.d));
    const start = p1!.x.map((v, i) => v.add(p2!.x[i]!.sub(v).mul(t)));
    const direct = newtonCriticalPoint(F, precision, b.pattern, start, F.from(6));
    const continued = b.points.find((p) => p.d.eq(6))!;
    const gap = direct.x.reduce((m, v, i) => Math.max(m, v.sub(continued.x[i]!).abs().toNumber()), 0);
    expect(gap).toBeLessThan(1e-25);
  });
});

describe("the fixed second layer's branch of 2a (docs/bifurcation.md §4, \"Both second layers\")", () => {
  it("is the trained model's branch, each point's index from the fixed model's Hessian: at d = 5 and 6 the evaluator's W-gradient at a = 1 vanishes and the W-Hessian has that index", () => {
    const fixed = familyBifurcations(findFamily("2a"), { top: "6", digits: 20, model: { secondLayer: "fixed", widthOffset: 0 } });
    const c = fixed.crossings[0]!;
    // The fixed model's own kernel vector (no a-part), the trained model's branch points themselves.
    c.kernel.names.forEach((n, i) => expect(n.startsWith("a(") ? c.kernel.vector[i]!.isZero() : true, n).toBe(true));
    const b = c.branches[0]!;
    const t = r.crossings[0]!.branches[0]!;
    expect(b.points.length).toBe(t.points.length);
    b.points.forEach((p, i) => expect(p.x).toBe(t.points[i]!.x));
    for (const d of [5, 6]) {
      const p = b.points.find((q) => q.d.eq(d))!;
      const D = new DecimalField(50);
      const { W, a } = embed(b.pattern, p.x.map((v) => D.from(v)), d);
      expect(a.every((v) => v.eq(1))).toBe(true);
      const { gW } = lossAndGradient(D, W, a);
      expect(gW.flat().reduce((s, g) => s.add(g.mul(g)), D.zero()).sqrt().toNumber()).toBeLessThan(1e-25);
      const full = embed(b.pattern, p.x.map((v) => v.toNumber()), d);
      const values = symmetricEigenvaluesFloat64(hessian(F64, full.W, full.a, "fixed"));
      const scale = Math.max(1, ...values.map(Math.abs));
      expect(values.some((v) => Math.abs(v) <= 1e-9 * scale)).toBe(false);
      expect(values.filter((v) => v < 0).length).toBe(p.index);
    }
  });
});

describe("the bifurcation diagram of 2a", () => {
  it("draws every branch point at its loss minus the family's, solid exactly where the index is 0, and the family a minimum above d* only", async () => {
    const doc = bifurcationJson(r);
    const rows = bifurcationRows(doc);
    const c = r.crossings[0]!;
    const dStar = Number(c.crossing.d);
    const branchRows = rows.filter((row) => row.segment.startsWith("branch"));
    c.branches.forEach((b, j) => b.points.forEach((p) => {
      const drawn = branchRows.filter((row) => row.segment.startsWith(`branch ${j} `) && row.d === p.d.toNumber());
      expect(drawn.length, `d = ${p.d}`).toBeGreaterThan(0);
      for (const row of drawn) expect(row.value).toBe(p.lossMinusFamily.toNumber());
      // A point inside a piece (not where the stability changes) has the stability of its own index.
      if (drawn.length === 1) expect(drawn[0]!.stability).toBe(p.index === 0 ? "minimum" : "saddle");
    }));
    // The branch passes through the family at d*.
    expect(branchRows.some((row) => row.d === dStar && row.value === 0)).toBe(true);
    // The family: a saddle below d*, a minimum above (its crossing is "saddle to minimum").
    const family = rows.filter((row) => row.segment.startsWith("family"));
    expect(c.crossing.direction).toBe("saddle to minimum");
    for (const row of family) {
      expect(row.value).toBe(0);
      if (row.d < dStar) expect(row.stability).toBe("saddle");
      if (row.d > dStar) expect(row.stability).toBe("minimum");
    }
    const svg = await plotBifurcation(doc);
    expect(svg).toContain(`d* = ${dStar.toPrecision(6)} (${c.component})`);
    expect(svg).toContain(c.branches[0]!.isotropy);
    // Saddle pieces dashed (the branch and the family below d*), the minimum piece solid (the family above).
    expect(svg).toContain('stroke-dasharray="6,4"');
    expect(svg).toContain('stroke-dasharray="1,0"');
  });
});

describe("ends and local series of the 2a branch", () => {
  it.each([0, 1])("names the family met at the bottom end of branch %i: an explicit permutation maps the branch point onto it", (branch) => {
    const b = r.crossings[0]!.branches[branch]!;
    const below = b.ends.find((e) => e.side === "below")!;
    expect(below.kind).toBe("pattern limit");
    const met = below.meets!;
    expect(met).toBeDefined();
    // Independently of the invariants: search the row and column permutations (S_d x S_d, the symmetry of
    // the loss at k = d: neurons relabelled, inputs relabelled with the teacher) for P, Q with
    // W[i][j] = W'[P i][Q j] and a[i] = a'[P i], W', a' the named family's point.
    const d = met.d;
    const p = b.points.find((q) => q.d.eq(d))!;
    const mine = embed(b.pattern, p.x.map((v) => v.toNumber()), d);
    const g = findFamily(met.family);
    const other = embed(familyPattern(g), familyCriticalPoint(g, String(d), 20).x.map((v) => v.toNumber()), d);
    const perms = (n: number): number[][] => (n === 0 ? [[]] : perms(n - 1).flatMap((q) => Array.from({ length: n }, (_, i) => [...q.slice(0, i), n - 1, ...q.slice(i)])));
    const all = perms(d);
    const maps = all.flatMap((P) => all.map((Q) => [P, Q] as const)).filter(([P, Q]) => mine.a.every((v, i) => Math.abs(v - other.a[P[i]!]!) < 1e-12) && mine.W.every((row, i) => row.every((v, j) => Math.abs(v - other.W[P[i]!]![Q[j]!]!) < 1e-12)));
    expect(maps.length).toBeGreaterThan(0);
  });

  it("the local series at d* predicts a branch point solved directly at d* + 2e-3 (not one of the fitted points) to its truncation", () => {
    const c = r.crossings[0]!;
    const b = c.branches[0]!;
    expect(b.series.variable).toBe("d - d*");
    const precision = precisionContext(20);
    const F = precision.working(10);
    const dStar = F.from(c.crossing.d);
    const t = 2e-3;
    const d = dStar.add(t);
    const f = findFamily("2a");
    const starAxial = toAxial(familyPattern(f), c.axial, familyCriticalPoint(f, c.crossing.d, 40).x);
    // The branch point by Newton in the axial pattern from the secant through the two fitted points above d*.
    const [p1, p2] = b.points.filter((p) => p.d.gt(dStar)).sort((p, q) => p.d.cmp(q.d));
    const lambda = d.sub(p1!.d).div(p2!.d.sub(p1!.d));
    const direct = newtonCriticalPoint(F, precision, b.pattern, p1!.x.map((v, i) => v.add(p2!.x[i]!.sub(v).mul(lambda))), d);
    // On the branch, not the family: its distance to the family point at d* is of order t.
    expect(Math.max(...direct.x.map((v, i) => v.sub(starAxial[i]!).abs().toNumber()))).toBeGreaterThan(t / 100);
    for (const term of b.series.terms) {
      const known = term.coefficients.every((k) => k.digits > 0);
      expect(known).toBe(true);
      const predicted = term.coefficients.reduce((sum, k) => sum + k.value.toNumber() * t ** k.power, 0);
      const error = term.coefficients.reduce((sum, k) => sum + Math.abs(k.value.toNumber()) * 10 ** (1 - k.digits) * t ** k.power, 0);
      const actual = direct.x[term.param]!.sub(starAxial[term.param]!).toNumber();
      expect(Math.abs(actual - predicted), b.pattern.params[term.param]!.name).toBeLessThan(error + t ** 4);
    }
  });
});
