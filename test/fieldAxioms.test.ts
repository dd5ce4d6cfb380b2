import type Fraction from "fraction.js";
import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import type { Field } from "../src/numbers/field.js";
import { Q } from "../src/numbers/rational.js";
import { QPI, type QPi } from "../src/numbers/qpi.js";
import type { Quadratic } from "../src/numbers/quadraticExtension.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { BigFloatField, type BigFloat } from "../src/numbers/bigFloatField.js";
import { F64 } from "../src/numbers/floatField.js";
import type { Scalar } from "../src/numbers/scalar.js";
import { qpiExtension } from "../src/ift/declaredField.js";
import type { Series } from "../src/series/series.js";
import { seriesScalar } from "../src/series/seriesScalar.js";
import { jetScalar, type Jet } from "../src/diff/jet.js";
import { relativeDistance } from "./support/distance.js";
import { mulberry32, randInt, type Random } from "./support/random.js";
import { randomBigFloat, randomDecimal, randomFloat, randomFraction, randomQPi, randomQuadratic } from "./support/randomElements.js";
import {
  type CoefficientGenerator,
  qpiCoefficients,
  randomSeries,
  rationalCoefficients,
} from "./support/randomSeries.js";

// The field axioms, on seeded random elements, over every field of src/numbers (docs/numbers.md), then
// the ring laws and the documented precisions of the series scalars (docs/series.md §2) and the
// derivatives carried by jets (docs/patterns.md, "derivatives").

// ---- fields -----------------------------------------------------------------------------------------

interface FieldCase<T> {
  F: Field<T>;
  random: (rng: Random, allowZero?: boolean) => T;
  /** Equality used for the axioms: exact for the exact fields, to a tolerance for the rounding ones. */
  same: (a: T, b: T) => boolean;
  trials: number;
}

const D50 = new DecimalField(50);
/** Within 1e-45 of the larger magnitude (at least 1): the inputs have |x| <= 1e3 and 50 digits. */
const decimalSame = (a: Decimal, b: Decimal): boolean => {
  const scale = D50.D.max(a.abs(), b.abs(), 1);
  return a.sub(b).abs().lte(scale.mul("1e-45"));
};
const B50 = new BigFloatField(50);
/** Within 1e-45 of the larger magnitude (at least 1), as for Decimal(50). */
const bigFloatSame = (a: BigFloat, b: BigFloat): boolean => {
  let scale = B50.one();
  for (const v of [B50.abs(a), B50.abs(b)]) if (B50.lt(scale, v)) scale = v;
  return !B50.lt(B50.mul(scale, B50.fromDecimalString("1e-45")), B50.abs(B50.sub(a, b)));
};
/** Within 1e-9 of the larger magnitude (at least 1): products of inputs |x| <= 1e3 round below ~1e-10. */
const floatSame = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const SQRT2 = qpiExtension(2);
const SQRT3 = qpiExtension(3);

const fieldCases: FieldCase<unknown>[] = [
  { F: Q, random: randomFraction, same: (a, b) => Q.equals(a, b), trials: 200 } as FieldCase<Fraction>,
  { F: QPI, random: randomQPi, same: (a, b) => QPI.equals(a, b), trials: 60 } as FieldCase<QPi>,
  { F: SQRT2, random: (rng, z) => randomQuadratic(SQRT2, rng, z), same: (a, b) => SQRT2.equals(a, b), trials: 20 } as FieldCase<Quadratic<QPi>>,
  { F: SQRT3, random: (rng, z) => randomQuadratic(SQRT3, rng, z), same: (a, b) => SQRT3.equals(a, b), trials: 20 } as FieldCase<Quadratic<QPi>>,
  { F: D50, random: (rng, z) => randomDecimal(D50, rng, z), same: decimalSame, trials: 200 } as FieldCase<Decimal>,
  { F: B50, random: (rng, z) => randomBigFloat(B50, rng, z), same: bigFloatSame, trials: 200 } as FieldCase<BigFloat>,
  { F: F64, random: randomFloat, same: floatSame, trials: 200 } as FieldCase<number>,
] as FieldCase<unknown>[];

describe.each(fieldCases)("field axioms: $F.name", ({ F, random, same, trials }) => {
  it("associativity and commutativity of + and *, distributivity", () => {
    const rng = mulberry32(12345);
    for (let i = 0; i < trials; i++) {
      const [a, b, c] = [random(rng), random(rng), random(rng)];
      expect(same(F.add(F.add(a, b), c), F.add(a, F.add(b, c)))).toBe(true);
      expect(same(F.mul(F.mul(a, b), c), F.mul(a, F.mul(b, c)))).toBe(true);
      expect(same(F.add(a, b), F.add(b, a))).toBe(true);
      expect(same(F.mul(a, b), F.mul(b, a))).toBe(true);
      expect(same(F.mul(a, F.add(b, c)), F.add(F.mul(a, b), F.mul(a, c)))).toBe(true);
      expect(same(F.mul(F.sub(a, b), c), F.sub(F.mul(a, c), F.mul(b, c)))).toBe(true);
    }
  });
  it("identities and inverses: a + 0 = a, a * 1 = a, a - a = 0, a + (-a) = 0, a/a = 1, (a/b)*b = a", () => {
    const rng = mulberry32(777);
    for (let i = 0; i < trials; i++) {
      const a = random(rng);
      const b = random(rng, false);
      expect(same(F.add(a, F.zero()), a)).toBe(true);
      expect(same(F.mul(a, F.one()), a)).toBe(true);
      expect(F.isZero(F.sub(a, a))).toBe(true);
      expect(F.isZero(F.add(a, F.neg(a)))).toBe(true);
      expect(same(F.div(b, b), F.one())).toBe(true);
      expect(same(F.mul(F.div(a, b), b), a)).toBe(true);
      expect(same(F.mul(b, F.div(F.one(), b)), F.one())).toBe(true);
    }
  });
  it("neg, sub and div are consistent with add, mul and the inverse", () => {
    const rng = mulberry32(4242);
    for (let i = 0; i < trials; i++) {
      const [a, b] = [random(rng), random(rng, false)];
      expect(same(F.sub(a, b), F.add(a, F.neg(b)))).toBe(true);
      expect(same(F.neg(F.neg(a)), a)).toBe(true);
      expect(same(F.neg(a), F.mul(F.fromInt(-1), a))).toBe(true);
      expect(same(F.div(a, b), F.mul(a, F.div(F.one(), b)))).toBe(true);
      expect(same(F.sub(F.zero(), a), F.neg(a))).toBe(true);
    }
  });
  it("division by zero and a zero denominator throw a RangeError", () => {
    expect(() => F.div(F.one(), F.zero())).toThrow(RangeError);
    expect(() => F.div(F.one(), F.zero())).toThrow(/division by zero/);
    expect(() => F.fromRational(1, 0)).toThrow(RangeError);
    expect(() => F.fromRational(3n, 0n)).toThrow(/denominator is zero/);
  });
  it("fromInt and fromRational agree with field arithmetic", () => {
    expect(same(F.fromRational(6, 4), F.div(F.fromInt(3), F.fromInt(2)))).toBe(true);
    expect(same(F.fromRational(-7n, 3n), F.neg(F.div(F.fromInt(7), F.fromInt(3))))).toBe(true);
    expect(same(F.add(F.one(), F.one()), F.fromInt(2))).toBe(true);
  });
  it("fromInt and fromRational are homomorphisms from Z and Q (number and bigint inputs alike)", () => {
    const rng = mulberry32(2718);
    for (let i = 0; i < 50; i++) {
      const [m, n] = [randInt(rng, -50, 50), randInt(rng, -50, 50)];
      const [p, q, r, s] = [randInt(rng, -20, 20), randInt(rng, 1, 12), randInt(rng, -20, 20), randInt(rng, 1, 12)];
      expect(same(F.add(F.fromInt(m), F.fromInt(n)), F.fromInt(m + n))).toBe(true);
      expect(same(F.mul(F.fromInt(m), F.fromInt(n)), F.fromInt(m * n))).toBe(true);
      expect(same(F.neg(F.fromInt(m)), F.fromInt(-m))).toBe(true);
      expect(same(F.fromInt(BigInt(m)), F.fromInt(m))).toBe(true);
      expect(same(F.fromRational(BigInt(p), BigInt(q)), F.fromRational(p, q))).toBe(true);
      expect(same(F.add(F.fromRational(p, q), F.fromRational(r, s)), F.fromRational(p * s + r * q, q * s))).toBe(true);
      expect(same(F.mul(F.fromRational(p, q), F.fromRational(r, s)), F.fromRational(p * r, q * s))).toBe(true);
      expect(same(F.fromRational(p * 3, q * 3), F.fromRational(p, q))).toBe(true);
    }
  });
  it("equality and isZero: a = b exactly when a - b is zero; only 0 is zero", () => {
    const rng = mulberry32(31);
    expect(F.isZero(F.zero())).toBe(true);
    expect(F.isZero(F.one())).toBe(false);
    for (let i = 0; i < trials; i++) {
      const [a, b] = [random(rng), random(rng, false)];
      expect(F.equals(a, a)).toBe(true);
      expect(F.isZero(b)).toBe(false);
      expect(F.equals(F.add(a, b), a)).toBe(false);
      expect(F.equals(a, b)).toBe(F.isZero(F.sub(a, b)));
    }
  });
  it("the order: sign is compatible with +, * and neg, and agrees with the numerical value", () => {
    const rng = mulberry32(65537);
    for (let i = 0; i < trials; i++) {
      const [a, b, c] = [random(rng, false), random(rng, false), random(rng)];
      const [sa, sb] = [F.sign(a), F.sign(b)];
      expect(sa).toBe(Math.sign(F.toDecimal(a, 30).toNumber()));
      expect(F.sign(F.neg(a))).toBe(-sa);
      expect(F.sign(F.mul(a, b))).toBe(sa * sb);
      if (sa > 0 && sb > 0) expect(F.sign(F.add(a, b))).toBe(1);
      if (sa < 0 && sb < 0) expect(F.sign(F.add(a, b))).toBe(-1);
      // a < b implies a + c < b + c
      expect(F.sign(F.sub(F.add(b, c), F.add(a, c)))).toBe(F.sign(F.sub(b, a)));
    }
  });
});

// ---- series scalars ---------------------------------------------------------------------------------

const PREC = 6;
const seriesCases: [string, CoefficientGenerator<unknown>][] = [
  ["Q(pi)", qpiCoefficients as CoefficientGenerator<unknown>],
  ["Q", rationalCoefficients as CoefficientGenerator<unknown>],
];

describe.each(seriesCases)("series scalars over %s: ring laws and the precisions of docs/series.md §2", (_name, g) => {
  const S = seriesScalar(g.F, PREC);
  const TRIALS = 25;
  it("associativity, commutativity and identities hold exactly (same valuation, precision, coefficients)", () => {
    const rng = mulberry32(12345);
    for (let i = 0; i < TRIALS; i++) {
      const [a, b, c] = [randomSeries(g, rng), randomSeries(g, rng), randomSeries(g, rng)];
      expect(S.add(S.add(a, b), c).equals(S.add(a, S.add(b, c)))).toBe(true);
      expect(S.mul(S.mul(a, b), c).equals(S.mul(a, S.mul(b, c)))).toBe(true);
      expect(S.add(a, b).equals(S.add(b, a))).toBe(true);
      expect(S.mul(a, b).equals(S.mul(b, a))).toBe(true);
      expect(S.add(a, S.fromInt(0)).equals(a)).toBe(true);
      expect(S.mul(a, S.fromInt(1)).equals(a)).toBe(true);
      expect(S.neg(S.neg(a)).equals(a)).toBe(true);
      expect(S.sub(a, b).equals(S.add(a, S.neg(b)))).toBe(true);
      // distributivity holds to the precision both sides know
      expect(S.mul(a, S.add(b, c)).agreesWith(S.add(S.mul(a, b), S.mul(a, c)))).toBe(true);
    }
  });
  it("the precision of neg, add, mul, div and sqrt is the one documented, and a / a = 1 to it", () => {
    const rng = mulberry32(777);
    for (let i = 0; i < TRIALS; i++) {
      const [a, b] = [randomSeries(g, rng), randomSeries(g, rng)];
      const r = (x: Series<unknown>): number => x.prec - x.val;
      expect(S.neg(a).prec).toBe(a.prec);
      expect(S.add(a, b).prec).toBe(Math.min(a.prec, b.prec));
      expect(S.mul(a, b).prec).toBe(Math.min(a.val + b.prec, b.val + a.prec));
      expect(S.mul(a, b).val).toBe(a.val + b.val);
      expect(S.div(a, b).prec).toBe(Math.min(a.val + r(b), a.prec) - b.val);
      const one = S.div(a, a);
      expect(one.prec).toBe(r(a));
      expect(one.agreesWith(S.fromInt(1))).toBe(true);
      expect(S.isZero(S.sub(a, a))).toBe(true);
      const aa = S.mul(a, a);
      const root = S.sqrt(aa);
      expect(root.prec).toBe(aa.val / 2 + r(aa));
      expect(root.equals(S.sign(a) > 0 ? a : S.neg(a))).toBe(true);
    }
  });
  it("exact inputs: + and * stay exact; /, sqrt and atan2 are truncated at the scalar's precision", () => {
    const [three, four] = [S.fromInt(3), S.fromInt(4)];
    expect(S.add(three, four).isExact()).toBe(true);
    expect(S.mul(three, four).isExact()).toBe(true);
    expect(S.div(three, four).isExact()).toBe(false);
    expect(S.div(three, four).prec).toBe(PREC);
    expect(S.div(three, four).agreesWith(S.fromRational(3, 4))).toBe(true);
    expect(S.sqrt(S.fromInt(9)).prec).toBe(PREC);
    expect(S.sqrt(S.fromInt(9)).agreesWith(three)).toBe(true);
    if (g.F.pi() === undefined) expect(() => S.atan2(S.fromInt(1), S.fromInt(1))).toThrow(/pi does not lie in/);
    else expect(S.atan2(S.fromInt(1), S.fromInt(1)).prec).toBe(PREC);
  });
  it("fromInt and fromRational are homomorphisms, and sign is the sign of the leading coefficient", () => {
    const rng = mulberry32(2718);
    for (let i = 0; i < TRIALS; i++) {
      const [p, q, r, s] = [randInt(rng, -20, 20), randInt(rng, 1, 12), randInt(rng, -20, 20), randInt(rng, 1, 12)];
      expect(S.add(S.fromRational(p, q), S.fromRational(r, s)).equals(S.fromRational(p * s + r * q, q * s))).toBe(true);
      expect(S.mul(S.fromRational(p, q), S.fromRational(r, s)).equals(S.fromRational(p * r, q * s))).toBe(true);
      const a = randomSeries(g, rng);
      expect(S.sign(a)).toBe(g.F.sign(a.lead()));
      expect(S.sign(S.neg(a))).toBe(-S.sign(a));
    }
  });
});

// ---- jets -------------------------------------------------------------------------------------------

/** A jet in n variables over the base with random value, gradient and (packed) Hessian parts. */
function randomJet<X>(n: number, coefficient: () => X): Jet<X> {
  return {
    v: coefficient(),
    g: Array.from({ length: n }, coefficient),
    h: Array.from({ length: (n * (n + 1)) / 2 }, coefficient),
  };
}

describe("jets: the product rule and the chain rule", () => {
  const n = 3;
  const base = seriesScalar(Q, PREC);
  const J = jetScalar(base, n);
  const coefficient = (rng: Random) => (): Series<Fraction> => base.fromRational(randInt(rng, -9, 9), randInt(rng, 1, 5));
  const samePart = (x: readonly Series<Fraction>[], y: readonly Series<Fraction>[]): boolean => x.every((xi, i) => xi.agreesWith(y[i]!));
  const sameJet = (a: Jet<Series<Fraction>>, b: Jet<Series<Fraction>>): boolean =>
    a.v.agreesWith(b.v) && samePart(J.gradient(a), J.gradient(b)) && samePart(J.hessian(a).flat(), J.hessian(b).flat());

  it("value, gradient and Hessian of a product are those of the Leibniz rule, exactly (dense reference)", () => {
    const rng = mulberry32(99);
    const B = base;
    for (let t = 0; t < 20; t++) {
      const [a, b] = [randomJet(n, coefficient(rng)), randomJet(n, coefficient(rng))];
      const p = J.mul(a, b);
      const [ga, gb, Ha, Hb] = [J.gradient(a), J.gradient(b), J.hessian(a), J.hessian(b)];
      expect(p.v.equals(B.mul(a.v, b.v))).toBe(true);
      J.gradient(p).forEach((gi, i) => expect(gi.equals(B.add(B.mul(a.v, gb[i]!), B.mul(b.v, ga[i]!)))).toBe(true));
      J.hessian(p).forEach((row, i) =>
        row.forEach((hij, j) => {
          // (ab)_ij = a b_ij + b a_ij + a_i b_j + a_j b_i
          const expected = B.add(B.add(B.mul(a.v, Hb[i]![j]!), B.mul(b.v, Ha[i]![j]!)), B.add(B.mul(ga[i]!, gb[j]!), B.mul(ga[j]!, gb[i]!)));
          expect(hij.equals(expected)).toBe(true);
        }),
      );
    }
  });

  it("the ring laws hold on all three parts, and a * (1/a) = 1 with zero gradient and Hessian", () => {
    const rng = mulberry32(4711);
    for (let t = 0; t < 10; t++) {
      const draw = coefficient(rng);
      const [a, b, c] = [randomJet(n, draw), randomJet(n, draw), randomJet(n, draw)];
      expect(sameJet(J.mul(J.mul(a, b), c), J.mul(a, J.mul(b, c)))).toBe(true);
      expect(sameJet(J.mul(a, b), J.mul(b, a))).toBe(true);
      expect(sameJet(J.mul(a, J.add(b, c)), J.add(J.mul(a, b), J.mul(a, c)))).toBe(true);
      expect(sameJet(J.sub(a, b), J.add(a, J.neg(b)))).toBe(true);
      if (a.v.isZero()) continue;
      expect(sameJet(J.mul(a, J.div(J.fromInt(1), a)), J.constant(base.fromInt(1)))).toBe(true);
      expect(sameJet(J.mul(J.div(b, a), a), b)).toBe(true);
    }
  });

  it("gradient and Hessian of a composite of /, sqrt and atan2 agree with central differences (Decimal(50))", () => {
    /** f(x) = atan2(x0 x1 - 1, sqrt(x2^2 + x0^2 + 1)) / (x1 + 3): every Scalar operation a jet carries. */
    const f = <X>(S: Scalar<X>, x: readonly X[]): X =>
      S.div(
        S.atan2(S.sub(S.mul(x[0]!, x[1]!), S.fromInt(1)), S.sqrt(S.add(S.add(S.mul(x[2]!, x[2]!), S.mul(x[0]!, x[0]!)), S.fromInt(1)))),
        S.add(x[1]!, S.fromInt(3)),
      );
    const JD = jetScalar<Decimal>(D50, n);
    const rng = mulberry32(5);
    for (let t = 0; t < 5; t++) {
      const x0 = Array.from({ length: n }, () => D50.from(2 * rng.uniform() - 1));
      const jet = f(JD, x0.map((xi, i) => JD.variable(i, xi)));
      const h = D50.fromDecimalString("1e-12");
      const at = (steps: readonly [number, number][]): Decimal =>
        f(D50, x0.map((xi, i) => steps.reduce((y, [k, s]) => (k === i ? D50.add(y, D50.mul(D50.fromInt(s), h)) : y), xi)));
      const twoH = D50.add(h, h);
      const gradientFd = x0.map((_, i) => D50.div(D50.sub(at([[i, 1]]), at([[i, -1]])), twoH));
      const hessianFd = x0.map((_, i) =>
        x0.map((__, j) =>
          D50.div(
            D50.sub(D50.add(at([[i, 1], [j, 1]]), at([[i, -1], [j, -1]])), D50.add(at([[i, 1], [j, -1]]), at([[i, -1], [j, 1]]))),
            D50.mul(twoH, twoH),
          ),
        ),
      );
      expect(relativeDistance(D50, [jet.v], [f(D50, x0)])).toBeLessThan(1e-45);
      expect(relativeDistance(D50, JD.gradient(jet), gradientFd)).toBeLessThan(1e-20);
      expect(relativeDistance(D50, JD.hessian(jet), hessianFd)).toBeLessThan(1e-20);
    }
  });
});
