import { describe, expect, it } from "vitest";
import Fraction from "fraction.js";
import { Decimal } from "decimal.js";
import { evaluate } from "mathjs";
import { Q, bigintSqrtExact } from "../src/numbers/rational.js";
import { QPI, QPiField, type QPi } from "../src/numbers/qpi.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { type Poly, polyGcd, polyIsOne } from "../src/numbers/polynomial.js";
import { mulberry32 } from "./support/random.js";
import { randomFraction, randomQPi } from "./support/randomElements.js";

// ---- helpers --------------------------------------------------------------------------------


/** Reference decimal context, independent of src/numbers/decimalContext.ts. */
const R = Decimal.clone({ precision: 120 });
const PI = R.acos(-1);

const frac = (n: number | bigint, d: number | bigint = 1): Fraction => new Fraction(BigInt(n), BigInt(d));
const poly = (...c: [number, number?][]): Poly<Fraction> => c.map(([n, d]) => frac(n, d ?? 1));
const qpi = (num: Poly<Fraction>, den: Poly<Fraction> = [frac(1)]): QPi => QPI.fromPolys(num, den);
const PI_Q = QPI.pi();

/** Reference value of a polynomial with Fraction coefficients at pi, in R. */
function refPoly(p: Poly<Fraction>): Decimal {
  let acc = new R(0);
  for (let k = p.length - 1; k >= 0; k--) {
    const c = p[k]!;
    acc = acc.mul(PI).add(new R((c.s * c.n).toString()).div(c.d.toString()));
  }
  return acc;
}
const refQPi = (a: QPi): Decimal => refPoly(QPI.normalForm(a).num).div(refPoly(QPI.normalForm(a).den));

function expectRelClose(actual: Decimal, expected: Decimal, rel: number): void {
  const err = new R(actual).sub(expected).abs();
  const scale = Decimal.max(new R(expected).abs(), new R("1e-300"));
  expect(err.div(scale).toNumber(), `${actual.toString()} vs ${expected.toString()}`).toBeLessThanOrEqual(rel);
}

/** The continued-fraction convergents p/q of pi (from the reference pi). */
function piConvergents(count: number): Fraction[] {
  const out: Fraction[] = [];
  let [h0, h1, k0, k1] = [1n, 0n, 0n, 1n];
  let v = PI;
  for (let i = 0; i < count; i++) {
    const a = BigInt(v.floor().toFixed(0));
    [h0, h1] = [a * h0 + h1, h0];
    [k0, k1] = [a * k0 + k1, k0];
    out.push(new Fraction(h0, k0));
    v = new R(1).div(v.sub(v.floor()));
  }
  return out;
}

const D50 = new DecimalField(50);

describe("float64 field", () => {
  it("is a rounding field with the same interface", () => {
    expect(F64.exact).toBe(false);
    expect(F64.div(1, 4)).toBe(0.25);
    expect(F64.atan2(1, -1)).toBeCloseTo((3 * Math.PI) / 4, 15);
    expect(() => F64.fromRational(1, 0)).toThrow(RangeError);
    expect(() => F64.sqrt(-1)).toThrow(RangeError);
  });
});

// ---- Q --------------------------------------------------------------------------------------

describe("Q", () => {
  it("sqrt recognises squares of rationals and only those", () => {
    const rnd = mulberry32(99);
    for (let i = 0; i < 100; i++) {
      const a = randomFraction(rnd);
      const r = Q.sqrt(Q.mul(a, a));
      expect(r).toBeDefined();
      expect(Q.equals(r!, a.abs())).toBe(true);
    }
    expect(Q.sqrt(frac(2))).toBeUndefined();
    expect(Q.sqrt(frac(-1))).toBeUndefined();
    expect(Q.sqrt(frac(1, 2))).toBeUndefined();
    expect(Q.equals(Q.sqrt(frac(0))!, frac(0))).toBe(true);
  });
  it("bigintSqrtExact on large perfect squares and their neighbours", () => {
    const n = 123456789012345678901234567890n;
    expect(bigintSqrtExact(n * n)).toBe(n);
    expect(bigintSqrtExact(n * n + 1n)).toBeUndefined();
    expect(bigintSqrtExact(n * n - 1n)).toBeUndefined();
    expect(bigintSqrtExact(-4n)).toBeUndefined();
  });
  it("atan and pi exist only trivially; toString and toLatex", () => {
    expect(Q.equals(Q.atan(frac(0))!, frac(0))).toBe(true);
    expect(Q.atan(frac(1))).toBeUndefined();
    expect(Q.pi()).toBeUndefined();
    expect(Q.toString(frac(-6, 4))).toBe("-3/2");
    expect(Q.toLatex(frac(-6, 4))).toBe("-\\frac{3}{2}");
    expect(Number(evaluate(Q.toString(frac(22, 7))))).toBeCloseTo(22 / 7, 14);
  });
});

// ---- Q(pi): normal form ----------------------------------------------------------------------

/** The invariants of the normal form: den monic, gcd(num, den) = 1, zero stored as 0/1. */
function expectNormalised(x: QPi): void {
  const a = QPI.normalForm(x);
  expect(a.den.length).toBeGreaterThan(0);
  expect(a.den[a.den.length - 1]!.equals(1)).toBe(true);
  if (a.num.length === 0) expect(polyIsOne(Q, a.den)).toBe(true);
  else expect(polyIsOne(Q, polyGcd(Q, a.num, a.den))).toBe(true);
  if (a.num.length > 0) expect(a.num[a.num.length - 1]!.n).not.toBe(0n);
}

describe("Q(pi) normal form", () => {
  it("((pi-2)(pi+1))/((pi+1)pi) is stored as (pi-2)/pi", () => {
    const pm2 = QPI.sub(PI_Q, QPI.fromInt(2));
    const pp1 = QPI.add(PI_Q, QPI.one());
    const a = QPI.div(QPI.mul(pm2, pp1), QPI.mul(pp1, PI_Q));
    const b = QPI.div(pm2, PI_Q);
    expect(QPI.equals(a, b)).toBe(true);
    const [an, bn] = [QPI.normalForm(a), QPI.normalForm(b)];
    // structurally identical, not merely equal in value
    expect(an.num.map((c) => c.toFraction())).toEqual(["-2", "1"]);
    expect(an.den.map((c) => c.toFraction())).toEqual(["0", "1"]);
    expect(an.num.map((c) => c.toFraction())).toEqual(bn.num.map((c) => c.toFraction()));
    expect(an.den.map((c) => c.toFraction())).toEqual(bn.den.map((c) => c.toFraction()));
    expect(QPI.toString(a)).toBe("(pi - 2)/pi");
    // the same element from unreduced polynomials
    const c = qpi(poly([-4], [-2], [2]), poly([0], [2], [2])); // (2pi^2 - 2pi - 4)/(2pi^2 + 2pi)
    expect(QPI.toString(c)).toBe("(pi - 2)/pi");
  });
  it("random results are normalised, and equal values have one representation", () => {
    const rnd = mulberry32(2024);
    for (let i = 0; i < 60; i++) {
      const a = randomQPi(rnd);
      const b = randomQPi(rnd, false);
      const c = randomQPi(rnd, false);
      for (const x of [QPI.add(a, b), QPI.mul(a, b), QPI.div(a, b), QPI.sub(a, a), QPI.inv(b)]) expectNormalised(x);
      // (a*c)/(b*c) and a/b are built through different cancellations; same storage
      const lhs = QPI.div(QPI.mul(a, c), QPI.mul(b, c));
      const rhs = QPI.div(a, b);
      expect(QPI.toString(lhs)).toBe(QPI.toString(rhs));
      expect(QPI.equals(lhs, rhs)).toBe(true);
    }
  });
  it("equality is decided exactly: distinct elements with close values differ", () => {
    const r = piConvergents(12)[11]!; // |pi - r| < 1e-20
    const close = QPI.fromRational(r.s * r.n, r.d);
    expect(QPI.equals(close, PI_Q)).toBe(false);
    expect(QPI.isZero(QPI.sub(close, PI_Q))).toBe(false);
    expect(QPI.isRational(close)).toBe(true);
    expect(QPI.isRational(PI_Q)).toBe(false);
  });
  it("piPower builds c pi^k for negative k too", () => {
    const a = QPI.piPower(-2, frac(3));
    expect(QPI.toString(a)).toBe("3/(pi^2)"); // powers are parenthesised after "/"
    expect(QPI.equals(QPI.mul(a, QPI.piPower(2)), QPI.fromInt(3))).toBe(true);
  });
});

// ---- Q(pi): evaluation, sign ---------------------------------------------------------------

describe("Q(pi) toDecimal and sign", () => {
  it("toDecimal matches decimal.js evaluation of the same expression with Decimal pi", () => {
    // (3 pi^2 - 2) / (pi^2 + 1)
    const a = qpi(poly([-2], [0], [3]), poly([1], [0], [1]));
    const byHand = PI.pow(2).mul(3).sub(2).div(PI.pow(2).add(1));
    expectRelClose(QPI.toDecimal(a, 50), byHand, 1e-49);
    // (pi - 1/3)^3 / (2 pi)
    const t = QPI.sub(PI_Q, QPI.fromRational(1, 3));
    const b = QPI.div(QPI.mul(QPI.mul(t, t), t), QPI.mul(QPI.fromInt(2), PI_Q));
    expectRelClose(QPI.toDecimal(b, 50), PI.sub(new R(1).div(3)).pow(3).div(PI.mul(2)), 1e-49);
    const rnd = mulberry32(31);
    for (let i = 0; i < 50; i++) {
      const x = randomQPi(rnd, false);
      expectRelClose(QPI.toDecimal(x, 50), refQPi(x), 1e-49);
      expect(QPI.toDecimal(x, 50).precision(true)).toBeLessThanOrEqual(50);
    }
  });
  it("signs of pi - 3, 355/113 - pi, 22/7 - pi, 333/106 - pi and others agree with 120-digit decimals", () => {
    const cases: [QPi, -1 | 1][] = [
      [QPI.sub(PI_Q, QPI.fromInt(3)), 1],
      [QPI.sub(QPI.fromRational(355, 113), PI_Q), 1],
      [QPI.sub(QPI.fromRational(22, 7), PI_Q), 1],
      [QPI.sub(QPI.fromRational(333, 106), PI_Q), -1],
      [QPI.sub(QPI.mul(PI_Q, PI_Q), QPI.fromInt(10)), -1],
      [QPI.neg(PI_Q), -1],
    ];
    for (const [a, expected] of cases) {
      expect(QPI.sign(a)).toBe(expected);
      expect(refQPi(a).isNegative() ? -1 : 1).toBe(expected);
    }
    expect(QPI.sign(QPI.zero())).toBe(0);
    const rnd = mulberry32(5);
    for (let i = 0; i < 80; i++) {
      const a = randomQPi(rnd, false);
      expect(QPI.sign(a)).toBe(refQPi(a).isNegative() ? -1 : 1);
    }
  });
  it("signs and values under heavy cancellation: q pi - p and 1/((pi - p/q)(pi + c)) for convergents p/q", () => {
    // Regression: the denominator's sign used to be read off a 40-digit evaluation, wrong once
    // |pi - p/q| < 1e-40; toDecimal returned 0 or Infinity for such elements.
    const convergents = piConvergents(40);
    for (const r of convergents.slice(2)) {
      const [p, q] = [r.s * r.n, r.d];
      const qpiMinusP = qpi([new Fraction(-p), new Fraction(q)]);
      const exact = PI.mul(q.toString()).sub(p.toString());
      expect(QPI.sign(qpiMinusP)).toBe(exact.isNegative() ? -1 : 1);
      expectRelClose(QPI.toDecimal(qpiMinusP, 20), exact, 1e-19);
      for (const c of [frac(1, 7), frac(2), frac(-1, 3)]) {
        const den = [r.neg().mul(c), c.sub(r), frac(1)]; // (pi - r)(pi + c), monic
        const a = qpi([frac(1)], den);
        const ref = new R(1).div(refPoly(den));
        expect(QPI.sign(a)).toBe(ref.isNegative() ? -1 : 1);
        expectRelClose(QPI.toDecimal(a, 20), ref, 1e-19);
      }
    }
  });
});

// ---- Q(pi): sqrt, atan -------------------------------------------------------------------------

describe("Q(pi) sqrt and atan", () => {
  it("squares of random elements are recognised and the non-negative root is returned", () => {
    const rnd = mulberry32(4242);
    for (let i = 0; i < 40; i++) {
      const a = randomQPi(rnd);
      const sq = QPI.mul(a, a);
      const r = QPI.sqrt(sq);
      expect(r).toBeDefined();
      expect(QPI.equals(QPI.mul(r!, r!), sq)).toBe(true);
      expect(QPI.sign(r!)).toBeGreaterThanOrEqual(0);
      expect(QPI.equals(r!, a) || QPI.equals(r!, QPI.neg(a))).toBe(true);
      // a rational square times a square: (4/9) a^2
      const r2 = QPI.sqrt(QPI.mul(QPI.fromRational(4, 9), sq));
      expect(r2 && QPI.equals(r2, QPI.mul(QPI.fromRational(2, 3), r!))).toBe(true);
    }
  });
  it("non-squares return undefined: pi, 2, -1, pi^2 + 1, -a^2, 2 a^2, (pi - 3)(pi - 2)", () => {
    const rnd = mulberry32(8);
    const nonSquares: QPi[] = [
      PI_Q,
      QPI.fromInt(2),
      QPI.fromInt(-1),
      QPI.add(QPI.mul(PI_Q, PI_Q), QPI.one()),
      QPI.mul(QPI.sub(PI_Q, QPI.fromInt(3)), QPI.sub(PI_Q, QPI.fromInt(2))),
      QPI.div(QPI.one(), PI_Q),
    ];
    for (let i = 0; i < 10; i++) {
      const a = randomQPi(rnd, false);
      nonSquares.push(QPI.neg(QPI.mul(a, a)), QPI.mul(QPI.fromInt(2), QPI.mul(a, a)));
    }
    for (const x of nonSquares) expect(QPI.sqrt(x), QPI.toString(x)).toBeUndefined();
    expect(QPI.isZero(QPI.sqrt(QPI.zero())!)).toBe(true);
  });
  it("sqrt of (3 - pi)^2 / pi^2 is the positive root (pi - 3)/pi", () => {
    const t = QPI.sub(QPI.fromInt(3), PI_Q); // negative
    const r = QPI.sqrt(QPI.div(QPI.mul(t, t), QPI.mul(PI_Q, PI_Q)))!;
    expect(QPI.toString(r)).toBe("(pi - 3)/pi");
  });
  it("atan: only 0 and +-1 have arctangents in Q(pi)", () => {
    expect(QPI.isZero(QPI.atan(QPI.zero())!)).toBe(true);
    expect(QPI.toString(QPI.atan(QPI.one())!)).toBe("pi/4");
    expect(QPI.toString(QPI.atan(QPI.fromInt(-1))!)).toBe("-pi/4");
    expect(QPI.atan(QPI.fromInt(2))).toBeUndefined();
    expect(QPI.atan(PI_Q)).toBeUndefined();
    expectRelClose(QPI.toDecimal(QPI.atan(QPI.one())!, 50), R.atan(1), 1e-49);
  });
});

// ---- Q(pi): output -------------------------------------------------------------------------------

describe("Q(pi) toString and toLatex", () => {
  it("toString round trips through mathjs (which reads pi)", () => {
    const rnd = mulberry32(1001);
    const samples: QPi[] = [QPI.zero(), PI_Q, QPI.neg(PI_Q), QPI.fromRational(-3, 7), QPI.piPower(-3, frac(-2, 5))];
    for (let i = 0; i < 60; i++) samples.push(randomQPi(rnd));
    for (const a of samples) {
      const s = QPI.toString(a);
      const v = evaluate(s) as number;
      expect(typeof v).toBe("number");
      const ref = refQPi(a).toNumber();
      expect(Math.abs(v - ref), s).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
    }
    expect(QPI.toString(qpi(poly([-2], [0], [3]), poly([1], [0], [1])))).toBe("(3*pi^2 - 2)/(pi^2 + 1)");
    expect(QPI.toString(qpi(poly([-1], [-1]), poly([0], [1])))).toBe("-(pi + 1)/pi");
  });
  it("toLatex uses \\frac and \\pi", () => {
    const a = qpi(poly([-2], [0], [3]), poly([1], [0], [1]));
    const tex = QPI.toLatex(a);
    expect(tex).toContain("\\frac");
    expect(tex).toContain("\\pi");
    expect(tex).toBe("\\frac{3\\pi^{2} - 2}{\\pi^{2} + 1}");
    expect(QPI.toLatex(QPI.piPower(1, frac(1, 4)))).toBe("\\frac{\\pi}{4}");
    expect(QPI.toLatex(QPI.zero())).toBe("0");
  });
});

// ---- Decimal ---------------------------------------------------------------------------------

describe("Decimal(50)", () => {
  it("carries its own precision, and its elementary functions match decimal.js", () => {
    const D = D50;
    expect(D.name).toBe("Decimal(50)");
    const third = D.fromRational(1, 3);
    expect(third.precision(true)).toBe(50);
    expectRelClose(D.pi(), PI, 1e-49);
    expectRelClose(D.sqrt(D.fromInt(2)), R.sqrt(2), 1e-49);
    expectRelClose(D.atan(D.one()), PI.div(4), 1e-49);
    expectRelClose(D.atan2(D.fromInt(-1), D.fromInt(-1)), PI.mul(-3).div(4), 1e-49);
    expect(() => D.sqrt(D.fromInt(-1))).toThrow(RangeError);
    expect(() => D.fromDecimalString("Infinity")).toThrow(RangeError);
    expect(D.toLatex(D.fromDecimalString("1.5e-3"))).toBe("1.5 \\times 10^{-3}");
  });
});

describe("Q(pi) instances", () => {
  // (pi^2 + 1)(pi + 3) = pi^3 + 3 pi^2 + pi + 3: covered as one cubic factor, split when pi + 3 divides later.
  const cubic = poly([3], [1], [3], [1]);
  const linear = poly([3], [1]);

  it("each owns its factor basis: refining one leaves the other as it was", () => {
    const K = new QPiField();
    const L = new QPiField();
    const [count, version] = [L.basis.activeCount, L.basis.version];
    const x = K.add(K.fromPolys([frac(1)], cubic), K.fromPolys([frac(1)], linear));
    expect(K.basis.activeCount).toBeGreaterThan(count);
    expect(K.basis.version).toBeGreaterThan(version);
    expect([L.basis.activeCount, L.basis.version]).toEqual([count, version]);
    // The same value computed in L alone, and its decimal value against the reference evaluation.
    const y = L.add(L.fromPolys([frac(1)], linear), L.fromPolys([frac(1)], cubic));
    expect(L.toString(y)).toBe(K.toString(x));
    const reference = R.div(1, PI.pow(3).add(PI.pow(2).mul(3)).add(PI).add(3)).add(R.div(1, PI.add(3)));
    expect(K.toDecimal(x, 30).sub(reference).abs().lt("1e-28")).toBe(true);
  });

  it("rejects an element of another instance", () => {
    const K = new QPiField();
    const L = new QPiField();
    const x = K.fromPolys([frac(1)], linear);
    expect(() => L.add(x, L.one())).toThrow(/another Q\(pi\) field instance/);
    expect(() => L.mul(L.pi(), x)).toThrow(/another Q\(pi\) field instance/);
    expect(() => L.sign(x)).toThrow(/another Q\(pi\) field instance/);
  });
});
