import { readFileSync } from "node:fs";
import { all, create, type MathJsInstance } from "mathjs";
import { describe, expect, it } from "vitest";
import { FAMILIES } from "../src/families/registry.js";
import { restrictedLossFormula, type FormulaDocument } from "../src/formula/restrictedFormula.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { formulasPage } from "../src/output/formulaDocument.js";
import { lossJet } from "../src/patterns/derivatives.js";
import { Pattern } from "../src/patterns/pattern.js";
import { restrictedLoss } from "../src/patterns/restrictedLoss.js";
import { mulberry32 } from "./support/random.js";

// The printed closed form (docs/formula.md), parsed back by mathjs alone at 64 digits, against the
// engine's restricted loss and its exact jet gradient over Decimal at 50 digits: no expected value is
// pasted, both sides are computed at random points and real d.

const math: MathJsInstance = create(all, { number: "BigNumber", precision: 64 });
const DF = new DecimalField(50);
const TOLERANCE = 1e-30;

/** The loss and gradient of the printed text, evaluated by mathjs: definitions in order, then L and dL/dq. */
function evaluatePrinted(doc: FormulaDocument, point: Readonly<Record<string, string>>, d: string): { loss: string; gradient: string[] } {
  const scope = new Map<string, unknown>();
  scope.set("d", math.bignumber(d));
  for (const [k, v] of Object.entries(point)) scope.set(k, math.bignumber(v));
  for (const def of doc.definitions) scope.set(def.name, math.evaluate(def.text, scope));
  const text = (e: string): string => String(math.evaluate(e, scope));
  return { loss: text(doc.loss.text), gradient: (doc.gradient ?? []).map((g) => text(g.text)) };
}

function engine(p: number, point: Readonly<Record<string, string>>, d: string, names: readonly string[]): { loss: string; gradient: string[] } {
  const P = Pattern.isotropy(p);
  const x = names.map((n) => DF.fromDecimalString(point[n]!));
  const dd = DF.fromDecimalString(d);
  const jet = lossJet(DF, P, x, dd, names.map((_, i) => i), { order: 1 });
  return { loss: restrictedLoss(DF, P, x, dd).toString(), gradient: jet.gradient.map((g) => g.toString()) };
}

function expectClose(printed: string, reference: string, what: string): void {
  const a = math.bignumber(printed);
  const b = math.bignumber(reference);
  const scale = math.max(math.bignumber(1), math.abs(b));
  const error = Number(math.divide(math.abs(math.subtract(a, b)), scale));
  expect(error, `${what}: printed ${printed}, engine ${reference}`).toBeLessThan(TOLERANCE);
}

describe("the printed restricted loss and gradient equal the engine's (mathjs at 64 digits against Decimal at 50)", () => {
  const rng = mulberry32(20240612);
  for (const f of FAMILIES.filter((g) => g.split === undefined)) {
    it(`family ${f.name}: at random points, and at its seed point, for d = 7.25 and 31.7`, () => {
      const doc = restrictedLossFormula(f, { gradient: true });
      const names = doc.parameters.map((q) => q.name);
      expect(doc.gradient!.map((g) => g.parameter)).toEqual(names);
      const seed = Object.fromEntries(names.map((n) => [n, f.seed.params[n] ?? String(doc.gauge[n])]));
      const points = [seed, ...[0, 1].map(() => Object.fromEntries(names.map((n) => [n, rng.normal().toFixed(6)])))];
      for (const d of ["7.25", "31.7"]) {
        for (const point of points) {
          const printed = evaluatePrinted(doc, point, d);
          const reference = engine(f.p, point, d, names);
          expectClose(printed.loss, reference.loss, `L at d = ${d}`);
          names.forEach((n, i) => expectClose(printed.gradient[i]!, reference.gradient[i]!, `dL/d${n} at d = ${d}`));
        }
      }
    });
  }
});

describe("the closed form's shape", () => {
  it("names the quantities from the pattern: row norms, then per kernel its inner product, cross term, angle and kernel", () => {
    const doc = restrictedLossFormula(FAMILIES.find((f) => f.p === 1)!);
    expect(doc.pattern).toBe("(d-1 | 1)");
    expect(doc.parameters.map((q) => q.name)).toEqual(["x1", "x2", "x3", "x4", "x5", "y1", "y2"]);
    const names = doc.definitions.map((x) => x.name);
    expect(names.slice(0, 2)).toEqual(["N_A", "N_B"]);
    for (const k of ["AA", "AB", "Ae", "AeA", "AeB", "Be", "BeA"]) {
      expect(names).toEqual(expect.arrayContaining([`p_${k}`, `r_${k}`, `t_${k}`, `K_${k}`]));
      expect(doc.definitions.find((x) => x.name === `t_${k}`)!.text).toBe(`atan2(r_${k}, p_${k})`);
    }
    // The pair (B, B) has no pairs when B is a single index; (A, B) and (B, A) are one kernel.
    expect(names).not.toContain("K_BB");
    expect(names).not.toContain("K_BA");
    expect(doc.gradient).toBeUndefined();
  });

  it("docs/formulas.md is current (npm run docs:formulas)", () => {
    expect(readFileSync("docs/formulas.md", "utf8")).toBe(formulasPage(FAMILIES));
  });
});
