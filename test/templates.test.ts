import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { templateCrossing, type TemplateCrossing } from "../src/crossing/templateCrossing.js";
import { epsLimit, templateRay } from "../src/crossing/templateRay.js";
import { familyCriticalPoint, familyPattern } from "../src/families/critical.js";
import type { FamilyDefinition } from "../src/families/definition.js";
import { findFamily } from "../src/families/registry.js";
import { templateFamily } from "../src/families/template.js";
import { parseTemplateFile } from "../src/families/templateFile.js";
import { familyOrInstance, findTemplate, TEMPLATES } from "../src/families/templates.js";
import { youngBlockEigenvalues, youngBlocks } from "../src/hessian/youngBlocks.js";
import { gradient } from "../src/model/evaluator.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { lossJet, weightParams } from "../src/patterns/derivatives.js";
import { embed } from "../src/patterns/embedding.js";
import { fullGradientNorm, paramWeights } from "../src/patterns/metric.js";
import { Pattern } from "../src/patterns/pattern.js";
import { fullSpectrumFloat64 } from "./support/fullSpectrum.js";

// Templates (docs/families.md §11, docs/census.md §7): instances against the declared families, against the
// independent evaluator (gradient and full-Hessian index at integer d), and the crossing d*(p) against the
// sign of the full Hessian's smallest eigenvalue at the integers on either side.

const a = findTemplate("a");
const b = findTemplate("b");

describe("templates", () => {
  it("a at p = 1, 2, 3 and b at p = 1, 2, 3 are the declared families 2a, 3a, 4 and 2b, 3b, 4b (the same point at d = 20)", () => {
    for (const [t, p, name] of [[a, 1, "2a"], [a, 2, "3a"], [a, 3, "4"], [b, 1, "2b"], [b, 2, "3b"], [b, 3, "4b"]] as const) {
      expect(t.aliases[String(p)]).toBe(name);
      const u = familyCriticalPoint(templateFamily(t, p), "20", 20);
      const v = familyCriticalPoint(findFamily(name), "20", 20);
      u.x.forEach((x, i) => expect(x.sub(v.x[i]!).abs().toNumber(), `${t.name} p = ${p} vs ${name}, parameter ${i}`).toBeLessThan(1e-18));
    }
  });

  it("an instance at integer d is a critical point of the evaluator, and its Young-block index is the full Hessian's", () => {
    const F = new DecimalField(40);
    for (const [t, p, d] of [[a, 5, 12], [b, 6, 11]] as const) {
      const f = templateFamily(t, p);
      const point = familyCriticalPoint(f, String(d), 30);
      const { W, a: aa } = embed(familyPattern(f), point.x.map((v) => F.from(v)), d);
      const g = gradient(F, W, aa);
      const norm = Math.sqrt([...g.gW.flat(), ...g.ga].reduce((s, v) => s + v.toNumber() ** 2, 0));
      expect(norm, `${f.name} at d = ${d}`).toBeLessThan(1e-25);
      const x = point.x.map((v) => v.toNumber());
      for (const secondLayer of ["trained", "fixed"] as const) {
        const blocks = youngBlocks(F64, familyPattern(f), x, d, secondLayer);
        const blockIndex = blocks.reduce((s, blk) => s + youngBlockEigenvalues(F64, blk).values.filter((v) => v < -1e-9).length * blk.component.dimension, 0);
        const full = fullSpectrumFloat64(f, x, d, secondLayer);
        expect(blockIndex, `${f.name} at d = ${d}, ${secondLayer}`).toBe(full.filter((v) => v < -1e-9).length);
      }
    }
  });

  describe("the crossing into a minimum", () => {
    const f: FamilyDefinition = templateFamily(a, 5);
    let trained: TemplateCrossing;
    let fixed: TemplateCrossing;
    beforeAll(() => {
      trained = templateCrossing(f, { digits: 20, start: "14" });
      fixed = templateCrossing(f, { digits: 20, start: "14", model: { secondLayer: "fixed", widthOffset: 0 } });
    });

    it("is the same in both models (docs/models.md) and a saddle below, a minimum above by the full Hessian at the integers on either side", () => {
      expect(Number(trained.d)).toBeCloseTo(Number(fixed.d), 15);
      const below = Math.floor(Number(trained.d));
      const saddle = familyCriticalPoint(f, String(below), 20).x.map((v) => v.toNumber());
      const minimum = familyCriticalPoint(f, String(below + 1), 20).x.map((v) => v.toNumber());
      const fullBelow = fullSpectrumFloat64(f, saddle, below, "fixed");
      const fullAbove = fullSpectrumFloat64(f, minimum, below + 1, "fixed");
      expect(fullBelow.filter((v) => v < -1e-9).length).toBe(trained.saddleSide.index);
      expect(trained.saddleSide.index).toBeGreaterThan(0);
      expect(fullAbove[0]!).toBeGreaterThan(1e-9);
    });

    it("started by Newton from the p = 4 instance's point near its crossing, the walk takes no step from the seed and finds the same crossing and bracket", () => {
      const four = templateCrossing(templateFamily(a, 4), { digits: 20, start: "12" });
      const walked: number[] = [];
      const near = templateCrossing(f, { digits: 20, start: "14", neighbour: four.near.x, onProgress: (t) => void (t.startsWith("walking") && walked.push(Number(t.split("= ")[1]))) });
      expect(walked.length).toBeGreaterThan(0);
      expect(Math.max(...walked)).toBeLessThan(14 * 1.25 * 1.001);
      expect([near.d, near.bracket, near.component, near.saddleSide]).toEqual([trained.d, trained.bracket, trained.component, trained.saddleSide]);
    });

    it("the carrying block's eigenvalue has opposite signs just below and just above d* (real d, Young blocks)", () => {
      const eigenvalue = (d: number): number => {
        const x = familyCriticalPoint(f, d.toPrecision(17), 20).x.map((v) => v.toNumber());
        const block = youngBlocks(F64, familyPattern(f), x, f.p + 4, "trained", d).find((blk) => blk.component.name === trained.component)!;
        return youngBlockEigenvalues(F64, block).values.reduce((m, v) => (Math.abs(v) < Math.abs(m) ? v : m));
      };
      const d = Number(trained.d);
      const [below, above] = [eigenvalue(d * (1 - 1e-6)), eigenvalue(d * (1 + 1e-6))];
      expect(below).toBeLessThan(0);
      expect(above).toBeGreaterThan(0);
      expect(Math.abs(below)).toBeLessThan(1e-4);
    });
  });

  it("the committed series of a and b at p = 1 are those of 2a and 2b, derived from the families' own declarations", () => {
    const read = (name: string): { params: unknown; loss: unknown } => JSON.parse(readFileSync(`series/${name}.json`, "utf8"));
    for (const [instance, family] of [["a.p1", "2a"], ["b.p1", "2b"]] as const) {
      expect(read(instance).params).toEqual(read(family).params);
      expect(read(instance).loss).toEqual(read(family).loss);
    }
  });

  it("the committed series of a at p = 4 agrees with Newton's critical points at large d to its order", () => {
    const f = templateFamily(a, 4);
    const committed = JSON.parse(readFileSync("series/a.p4.json", "utf8")) as { order: number; params: Record<string, { power: string; decimal: string }[]> };
    const F = new DecimalField(60);
    const errors = ["1e4", "1e6"].map((d) => {
      const point = familyCriticalPoint(f, d, 45);
      const eps = F.div(F.one(), F.sqrt(F.fromDecimalString(d)));
      let worst = 0;
      familyPattern(f).params.forEach((q, i) => {
        if (q.kind === "a") return;
        let sum = F.zero();
        for (const t of committed.params[q.alias!]!) {
          const [num, den = "1"] = t.power.split("/");
          sum = F.add(sum, F.mul(F.fromDecimalString(t.decimal), eps.pow((-2 * Number(num)) / Number(den))));
        }
        worst = Math.max(worst, sum.sub(point.x[i]!).abs().toNumber());
      });
      return worst;
    });
    // The first omitted term is eps^(order + 1): the error falls by at least 100^((order + 1)/2) from d = 1e4 to 1e6, up to a factor.
    expect(errors[1]!).toBeLessThan(1e-25);
    expect(Math.log10(errors[0]! / errors[1]!)).toBeGreaterThan(committed.order + 1 - 1);
  });

  describe("along p = d / 4, p real (docs/census.md §8)", () => {
    let ray: ReturnType<typeof templateRay>;
    beforeAll(() => {
      ray = templateRay(a, 4, { top: 25, digits: 20, p0: 4 });
    });

    it("at the integer p of the ray the real-size point is the integer pattern's: critical for the evaluator, its smallest eigenvalue the full Hessian's", () => {
      expect(ray.points.map((pt) => [pt.d, pt.p])).toEqual([[16, 4], [20, 5], [25, 6.25]]);
      const F = new DecimalField(40);
      for (const pt of ray.points.filter((q) => Number.isInteger(q.p))) {
        const f = templateFamily(a, pt.p);
        const x = familyPattern(f).params.map((q) => (q.kind === "a" ? F.one() : F.from(pt.x[q.alias!]!)));
        const { W, a: aa } = embed(familyPattern(f), x, pt.d);
        const g = gradient(F, W, aa);
        expect(Math.sqrt(g.gW.flat().reduce((s, v) => s + v.toNumber() ** 2, 0))).toBeLessThan(1e-15);
        const full = fullSpectrumFloat64(f, x.map((v) => v.toNumber()), pt.d, "fixed");
        expect(pt.smallest).toBeCloseTo(full[0]!, 9);
      }
    });

    it("the Young blocks of a real-size pattern (generators of an integer representative) equal the integer pattern's at an integer p", () => {
      const pt = ray.points[1]!;
      const x = Pattern.isotropy(5).params.map((q) => (q.kind === "a" ? 1 : pt.x[q.alias!]!.toNumber()));
      const spectra = (P: Pattern) => youngBlocks(F64, P, x, 20, "fixed").map((bl) => ({ name: bl.component.name, dimension: bl.component.dimension, values: youngBlockEigenvalues(F64, bl).values }));
      const integer = spectra(Pattern.isotropy(5));
      const real = spectra(Pattern.realIsotropy(5));
      expect(real.map((c) => [c.name, c.dimension])).toEqual(integer.map((c) => [c.name, c.dimension]));
      real.forEach((c, i) => c.values.forEach((v, j) => expect(Math.abs(v - integer[i]!.values[j]!), c.name).toBeLessThan(1e-12)));
    });

    it("at a real p the point read with its classes exchanged is critical for the class size d - p, with the same loss", () => {
      const pt = ray.points[2]!;
      expect(Number.isInteger(pt.p)).toBe(false);
      const exchanged: Record<string, string> = { x1: "x5", x2: "x6", x3: "x4", x4: "x3", x5: "x1", x6: "x2" };
      const P = Pattern.realIsotropy(pt.d - pt.p);
      const F = new DecimalField(40);
      const x = P.params.map((q) => (q.kind === "a" ? F.one() : F.from(pt.x[exchanged[q.alias!]!]!)));
      const jet = lossJet(F, P, x, F.fromInt(pt.d), weightParams(P), { order: 1 });
      expect(jet.value.sub(pt.loss).abs().toNumber()).toBeLessThan(1e-17);
      const weights = paramWeights(F, P, F.fromInt(pt.d));
      expect(fullGradientNorm(F, jet.gradient, weightParams(P).map((k) => weights[k]!)).toNumber()).toBeLessThan(1e-17);
      expect(() => embed(Pattern.realIsotropy(pt.p), x, pt.d)).toThrow(/real size 6.25/);
      expect(() => Pattern.isotropy(pt.p)).toThrow(/non-negative integer/);
    });
  });

  it("the limit in eps = d^(-1/2) is exact for a polynomial of degree 4 in eps, and its error estimate is the degree-3 change", () => {
    const ds = [100, 200, 400, 800, 1600, 3200];
    const v = (d: number): number => 0.25 + 3 / Math.sqrt(d) - 7 / d + 2 / d ** 1.5 + 5 / d ** 2;
    const l = epsLimit(ds, ds.map(v))!;
    expect(l.value).toBeCloseTo(0.25, 10);
    const withFifth = epsLimit(ds, ds.map((d) => v(d) + 100 / d ** 2.5))!;
    expect(withFifth.error).toBeGreaterThan(Math.abs(withFifth.value - 0.25) / 10);
  });

  it("template files are checked field by field, and --p on a family without a template is an error naming it", () => {
    const text = JSON.stringify({ ...JSON.parse(JSON.stringify(a)), range: undefined });
    expect(() => parseTemplateFile("derivations/templates/a.json", text)).toThrow(/derivations\/templates\/a.json: range is missing/);
    expect(() => familyOrInstance("2a", 7)).toThrow(/family 2a has no template/);
    expect(() => familyOrInstance("a", undefined)).toThrow(/a is a template: give --p/);
    expect(() => templateFamily(a, a.p.max + 1)).toThrow(/template a is declared for p = 1 to 40/);
    expect(TEMPLATES.map((t) => t.name)).toEqual(["a", "b", "c"]);
  });
});
