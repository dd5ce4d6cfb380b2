import { beforeAll, describe, expect, it } from "vitest";
import { familyCriticalPoint, familyPattern } from "../src/families/critical.js";
import { templateFamily } from "../src/families/template.js";
import { findTemplate } from "../src/families/templates.js";
import type { FamilySeries } from "../src/ift/familySeries.js";
import { deriveFamilySeries } from "../src/ift/familySeries.js";
import { deriveTemplateSeries, specializeAt, type TemplateField } from "../src/ift/templateSeries.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { parseOver } from "../src/numbers/parseQPi.js";
import type { Poly } from "../src/numbers/polynomial.js";
import { QPI, type QPi } from "../src/numbers/qpi.js";
import { RationalFunctionField, type RationalFunction } from "../src/numbers/rationalFunctionField.js";
import { instanceChecks } from "../src/present/templateSeries.js";
import { mulberry32, randInt, type Random } from "./support/random.js";
import { randomLinearQPi } from "./support/randomElements.js";

// The templates' series with p a symbol (docs/census.md §7): the field Q(pi)(p) against Q(pi) arithmetic at
// integer p (evaluation is a ring homomorphism), and the series taken at integer p against the committed
// fixed-p series, a fresh fixed-p derivation at a p nothing was committed for, and Newton's critical point.

const K = new RationalFunctionField(QPI, "p", { min: 2, max: 40 });
const P = K.variableElement();

/**
 * A random element of Q(pi)(p): numerator and denominator of degree <= 1, cheap coefficients (a few operations
 * on them reach degree 4; Euclid's gcds over Q(pi) swell quickly beyond, docs/numbers.md §8).
 */
function randomElement(rng: Random): RationalFunction<QPi> {
  const poly = (deg: number): Poly<QPi> => Array.from({ length: deg + 1 }, () => randomLinearQPi(rng));
  for (;;) {
    const den = poly(randInt(rng, 0, 1));
    if (den.every((c) => QPI.isZero(c))) continue;
    const num = poly(randInt(rng, 0, 1));
    // Trim the zero leading coefficients by building through the field's own operations.
    const asElement = (c: Poly<QPi>): RationalFunction<QPi> => c.reduceRight((acc, x) => K.add(K.mul(acc, P), K.embed(x)), K.zero());
    return K.div(asElement(num), asElement(den));
  }
}

describe("Q(pi)(p): rational functions in p over Q(pi) (docs/numbers.md §8)", () => {
  it("evaluation at p = 3 and p = 11 commutes with + - * / on random sequences, and zero is tested exactly", () => {
    const rng = mulberry32(18);
    for (let trial = 0; trial < 12; trial++) {
      let x = randomElement(rng);
      const at = [3, 11].map((v) => QPI.fromInt(v));
      let values = at.map((v) => K.evaluate(x, v));
      for (let step = 0; step < 3; step++) {
        const y = randomElement(rng);
        const yv = at.map((v) => K.evaluate(y, v));
        const op = randInt(rng, 0, 3);
        if (op === 3 && (K.isZero(y) || yv.some((v) => QPI.isZero(v)))) continue;
        const apply = <T>(F: { add(a: T, b: T): T; sub(a: T, b: T): T; mul(a: T, b: T): T; div(a: T, b: T): T }, a: T, b: T): T => [F.add, F.sub, F.mul, F.div][op]!.call(F, a, b);
        x = apply(K, x, y);
        values = values.map((v, i) => apply(QPI, v, yv[i]!));
        at.forEach((v, i) => expect(QPI.equals(K.evaluate(x, v), values[i]!)).toBe(true));
      }
      // (u v) / v - u is zero as an element: the reduced form leaves nothing behind.
      const [u, v] = [randomElement(rng), randomElement(rng)];
      if (!K.isZero(v)) expect(K.isZero(K.sub(K.div(K.mul(u, v), v), u))).toBe(true);
    }
  });

  it("keeps elements reduced: a common factor of numerator and denominator cancels, the denominator is monic", () => {
    const pi = K.pi()!;
    const r = K.div(K.mul(K.sub(P, K.fromInt(1)), K.add(P, pi)), K.mul(K.mul(K.fromInt(3), K.sub(P, K.fromInt(1))), K.add(P, K.fromInt(2))));
    expect(r.den.length).toBe(2);
    expect(QPI.equals(r.den[1]!, QPI.one())).toBe(true);
    expect(K.equals(r, K.div(K.add(P, pi), K.mul(K.fromInt(3), K.add(P, K.fromInt(2)))))).toBe(true);
    expect(parseOver(K, "(p - 1)*(p + pi)/(3*(p - 1)*(p + 2))", new Map([["pi", pi], ["p", P]]))).toEqual(r);
  });

  it("sign is the sign at every integer p of the domain (an error where it changes); sqrt of squares only", () => {
    expect(K.sign(K.sub(P, K.fromInt(1)))).toBe(1);
    expect(K.sign(K.sub(K.fromInt(1), K.mul(P, P)))).toBe(-1);
    expect(() => K.sign(K.sub(P, K.fromInt(7)))).toThrow(/is not the same for every p = 2 to 40/);
    const square = K.mul(K.mul(P, P), K.pi()!);
    expect(K.sqrt(square)).toBeUndefined();
    const root = K.sqrt(K.div(K.mul(P, P), K.fromInt(4)))!;
    expect(K.equals(root, K.div(P, K.fromInt(2)))).toBe(true);
    expect(K.sqrt(P)).toBeUndefined();
  });
});

describe("the series of templates a and b with p a symbol (docs/census.md §7)", () => {
  const ORDER = 4;
  const derived = new Map<string, { series: FamilySeries<unknown>; field: TemplateField<unknown> }>();
  beforeAll(() => {
    for (const name of ["a", "b"]) derived.set(name, deriveTemplateSeries(findTemplate(name), ORDER));
  });

  it("taken at p = 1..10, every coefficient is the committed fixed-p series' (series/<t>.p<p>.json; at p = 1 without x6)", () => {
    for (const [name, { series, field }] of derived) {
      const checks = instanceChecks(name, Array.from({ length: 10 }, (_, i) => specializeAt(series, field, i + 1)));
      expect(checks.map((c) => c.p)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (const c of checks) {
        expect(c.mismatches, `${name} at p = ${c.p}`).toEqual([]);
        expect(c.compared).toBeGreaterThan(30);
      }
    }
  });

  it("taken at p = 13 (a) and 17 (b), where nothing is committed, every coefficient equals a fresh fixed-p derivation's, exactly in its field", () => {
    for (const [name, p] of [["a", 13], ["b", 17]] as const) {
      const { series, field } = derived.get(name)!;
      const fixed = deriveFamilySeries(templateFamily(findTemplate(name), p), ORDER);
      const quantities = [...fixed.params.map((q) => [q.alias, q.series] as const), ["loss", fixed.loss] as const];
      for (const [alias, s] of quantities) {
        const ours = alias === "loss" ? series.loss : series.params.find((q) => q.alias === alias)!.series;
        expect(ours.prec, `${name} ${alias}`).toBe(s.prec);
        for (let k = Math.min(0, ours.val, s.val); k < s.prec; k++) {
          const { value } = field.atP(ours.coeff(k), p);
          expect(fixed.field.equals(value, s.coeff(k)), `${name}.p${p} ${alias} eps^${k}`).toBe(true);
        }
      }
    }
  });

  it("at p = 12, the series of a at d = 1e4 and 1e6 is Newton's critical point to its order", () => {
    const { series, field } = derived.get("a")!;
    const f = templateFamily(findTemplate("a"), 12);
    const D = new DecimalField(40);
    const errors = ["1e4", "1e6"].map((d) => {
      const point = familyCriticalPoint(f, d, 30);
      const eps = D.div(D.one(), D.sqrt(D.fromDecimalString(d)));
      let worst = 0;
      familyPattern(f).params.forEach((q, i) => {
        if (q.kind === "a") return;
        const s = series.params.find((x) => x.alias === q.alias)!.series;
        let sum = D.zero();
        for (let k = s.val; k < s.prec; k++) {
          const { field: Fp, value } = field.atP(s.coeff(k), 12);
          sum = D.add(sum, D.mul(D.fromDecimalString(Fp.toDecimal(value, 40).toString()), eps.pow(k)));
        }
        worst = Math.max(worst, sum.sub(point.x[i]!).abs().toNumber());
      });
      return worst;
    });
    // Known to O(eps^5) at least: the error falls by about 100^(5/2) from d = 1e4 to 1e6.
    expect(errors[1]!).toBeLessThan(1e-12);
    expect(Math.log10(errors[0]! / errors[1]!)).toBeGreaterThan(ORDER);
  });
});
