import { defaultModel } from "../src/families/models.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FAMILIES, findFamily } from "../src/families/registry.js";
import type { FamilyDefinition, FieldDeclaration } from "../src/families/definition.js";
import { declaredField } from "../src/ift/declaredField.js";
import { deriveFamilySeries } from "../src/ift/familySeries.js";
import { LeadingSystemError } from "../src/ift/hensel.js";
import { verifyFamilySeries } from "../src/ift/verify.js";
import { COMMITTED_SERIES_ORDER, filesOfSeries } from "../src/output/seriesFiles.js";

// Every family is derived once at the committed order; the committed files, the numeric verification
// and the truncation checks all use that one derivation.
const derived = new Map(FAMILIES.map((f) => [f.name, () => deriveFamilySeries(f, COMMITTED_SERIES_ORDER)]));
const cache = new Map<string, ReturnType<typeof deriveFamilySeries>>();
function seriesOf(name: string): ReturnType<typeof deriveFamilySeries> {
  let s = cache.get(name);
  if (s === undefined) {
    s = derived.get(name)!();
    cache.set(name, s);
  }
  return s;
}

// A bounded family has no series (docs/models.md §5.1).
const withSeries = FAMILIES.filter((f) => f.series !== undefined);

describe("committed series/ files", () => {
  for (const f of withSeries) {
    it(`series/${f.name}.{json,md,tex} are what the engine derives at order ${COMMITTED_SERIES_ORDER}`, () => {
      const files = filesOfSeries(seriesOf(f.name), defaultModel(f), "series");
      for (const [path, text] of files) expect(readFileSync(path, "utf8"), path).toBe(text);
    });
  }
});

describe("series against Newton critical points at d = 1e3 .. 1e6", () => {
  for (const f of withSeries) {
    it(`family ${f.name}: every parameter and the loss converge like d^(-(N+1)/2), N = ${COMMITTED_SERIES_ORDER}`, () => {
      const s = seriesOf(f.name);
      // Derived independently: Newton at 60 digits on the restricted gradient, continued in d.
      const v = verifyFamilySeries(f, s, 60);
      for (const q of v.quantities) {
        // A fitted slope may sit a little above the asymptotic one at d = 1e3 (eps = 0.03).
        expect(q.slope, `${f.name} ${q.name} errors ${q.errors.map((e) => e.toExponential(2)).join(" ")}`).toBeLessThan(v.expectedSlope + 0.35);
        expect(q.errors[3]!.toNumber(), `${f.name} ${q.name} at d = 1e6`).toBeLessThan(1e-25);
      }
    });
  }
});

describe("truncation", () => {
  it("the series of 1b at order 6 is the truncation of the series at order 10 (exact in Q(pi))", () => {
    const low = deriveFamilySeries(findFamily("1b"), 6);
    const high = seriesOf("1b");
    low.params.forEach((p, i) => expect(p.series.equals(high.params[i]!.series.truncate(7))).toBe(true));
    expect(low.loss.equals(high.loss.truncate(7))).toBe(true);
  });

  it("the series of 3a at order 6 is the truncation of the series at order 10 (exact in Q(pi, sqrt(2)))", () => {
    const low = deriveFamilySeries(findFamily("3a"), 6);
    const high = seriesOf("3a");
    low.params.forEach((p, i) => expect(p.series.equals(high.params[i]!.series.truncate(7))).toBe(true));
    expect(low.loss.equals(high.loss.truncate(7))).toBe(true);
  });
});

describe("the leading system is checked, not trusted", () => {
  const family2a = findFamily("2a");
  const withSeries = (change: (s: NonNullable<FamilyDefinition["series"]>) => FamilyDefinition["series"]): FamilyDefinition => ({
    ...family2a,
    series: change(family2a.series!),
  });

  it("a wrong limit value is rejected, naming the equation that fails", () => {
    const wrong = withSeries((s) => ({ ...s, params: { ...s.params, x4: { known: ["0", "0"], leading: "1" } } }));
    expect(() => deriveFamilySeries(wrong, 2)).toThrow(LeadingSystemError);
    expect(() => deriveFamilySeries(wrong, 2)).toThrow(/equation x\d/);
  });

  it("a scaling without the deepened known term leaves a singular leading Jacobian, and says so", () => {
    const shallow = withSeries((s) => ({ ...s, params: { ...s.params, x3: { known: ["0", "0"], leading: "2" } }, equations: { ...s.equations, x3: -2 } }));
    expect(() => deriveFamilySeries(shallow, 2)).toThrow(/singular|pole|residual/);
  });
});

describe("spurious propose", () => {
  it("re-derives family 1b's declaration from numerics at d = 1e8..1e12, confirmed exactly over Q(pi)", async () => {
    const { proposeScalings } = await import("../src/ift/propose.js");
    const f = findFamily("1b");
    const p = proposeScalings(f);
    expect(p.declaration.field).toEqual({ kind: "Q(pi)" });
    expect(p.declaration.params).toEqual(f.series!.params);
    expect(p.declaration.equations).toEqual(f.series!.equations);
    expect(p.log.join("\n")).toMatch(/confirmed exactly over Q\(pi\)/);
  });

  it("re-derives family 2b.d-1's declaration, which needs three coordinates deepened (x1, x2, z1)", async () => {
    const { proposeScalings } = await import("../src/ift/propose.js");
    const f = findFamily("2b.d-1");
    const p = proposeScalings(f);
    expect(p.declaration.field).toEqual({ kind: "Q(pi)" });
    expect(p.declaration.params).toEqual(f.series!.params);
    expect(p.declaration.equations).toEqual(f.series!.equations);
    // Two deepenings leave the leading Jacobian singular; the third makes it invertible.
    expect(p.log.filter((l) => /^deepened to .*: singular$/.test(l)).length).toBeGreaterThan(0);
    expect(p.declaration.note).toMatch(/deepened to x1:4 x2:4 x3:4 z1:4 x4:2 x5:2 z2:2: invertible/);
  });
});

describe("declared fields", () => {
  it("maps each declaration to its field by structure, printing the field's name", () => {
    expect(declaredField({ kind: "Q(pi)" }).F.name).toBe("Q(pi)");
    const E = declaredField({ kind: "quadratic", radicand: 2 });
    expect(E.F.name).toBe("Q(pi, sqrt(2))");
    expect(E.F.exact).toBe(true);
    // sqrt(2)^2 = 2 in the extension, read from a declared value
    const two = E.read("2");
    const root = E.F.sqrt(two)!;
    expect(E.F.equals(E.F.mul(root, root), two)).toBe(true);
    expect(declaredField({ kind: "Decimal" }).F.exact).toBe(false);
  });

  it("rejects an unknown declaration, a non-integer radicand and a square radicand, naming the value", () => {
    expect(() => declaredField({ kind: "Q(pi, sqrt(2))" } as unknown as FieldDeclaration)).toThrow(/unknown series field declaration \{"kind":"Q\(pi, sqrt\(2\)\)"\}/);
    expect(() => declaredField({ kind: "quadratic", radicand: 2.5 })).toThrow(/radicand .* positive integer, got 2\.5/);
    expect(() => declaredField({ kind: "quadratic", radicand: 4 })).toThrow(/sqrt\(4\) does not define a real quadratic extension of Q\(pi\)/);
  });
});
