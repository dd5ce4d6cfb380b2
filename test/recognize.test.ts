import Fraction from "fraction.js";
import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { decimalContext, decimalPi } from "../src/numbers/decimalContext.js";
import { findIntegerRelation, relationDefect } from "../src/numbers/integerRelation.js";
import { QPI, type QPi } from "../src/numbers/qpi.js";
import { recognizeQPi } from "../src/numbers/recognize.js";
import { mulberry32, type Random } from "./support/random.js";

// Every positive case starts from an exact Q(pi) element and must come back as exactly that element;
// every negative case is a number outside Q(pi) (or out of reach) and must come back undefined
// (docs/recognition.md).

const D60 = decimalContext(60);


/** An integer polynomial in pi, coefficients from degree 0 upward. */
function poly(...c: number[]): Fraction[] {
  const out = c.map((x) => new Fraction(x));
  while (out.length > 0 && out[out.length - 1]!.n === 0n) out.pop();
  return out;
}

function qpi(num: number[], den: number[]): QPi {
  return QPI.fromPolys(poly(...num), poly(...den));
}

/** A random decimal in (0, 1) with `digits` random digits. */
function randomDecimal(random: Random, digits: number): Decimal {
  let s = "0.";
  for (let i = 0; i < digits; i++) s += Math.floor(random.uniform() * 10).toString();
  return new D60(s);
}

describe("findIntegerRelation (PSLQ)", () => {
  const D = decimalContext(50);

  it("finds 2 - x^2 = 0 for x = sqrt 2", () => {
    const s = D.sqrt(2);
    expect(findIntegerRelation([new D(1), s, s.mul(s)], { digits: 50 })).toEqual([2n, 0n, -1n]);
  });

  it("finds minimal polynomials of algebraic numbers", () => {
    const c = D.cbrt(2);
    const powers = (x: Decimal, k: number): Decimal[] => Array.from({ length: k + 1 }, (_, i) => x.pow(i));
    expect(findIntegerRelation(powers(c, 3), { digits: 50 })).toEqual([2n, 0n, 0n, -1n]);
    const a = D.sqrt(2).add(D.sqrt(3)); // x^4 - 10 x^2 + 1
    expect(findIntegerRelation(powers(a, 4), { digits: 50 })).toEqual([1n, 0n, -10n, 0n, 1n]);
  });

  it("finds Machin's formula pi/4 = 4 atan(1/5) - atan(1/239)", () => {
    const values = [decimalPi(50).div(4), D.atan(new D(1).div(5)), D.atan(new D(1).div(239))];
    const m = findIntegerRelation(values, { digits: 50 })!;
    expect(m).toEqual([1n, -4n, 1n]);
    expect(relationDefect(values, m, 50).lt("1e-45")).toBe(true);
  });

  it("returns a unit vector for an exact zero", () => {
    expect(findIntegerRelation([new D(3), new D(0), new D(5)], { digits: 50 })).toEqual([0n, 1n, 0n]);
  });

  it("finds no relation among powers of pi or of e (the norm bound certifies it)", () => {
    const pi = decimalPi(50);
    expect(findIntegerRelation([new D(1), pi, pi.mul(pi)], { digits: 50 })).toBeUndefined();
    const e = D.exp(1);
    expect(findIntegerRelation([new D(1), e, e.mul(e), e.pow(3)], { digits: 50 })).toBeUndefined();
  });

  it("returns undefined rather than a wrong relation when the precision is too low", () => {
    // x = 123456789/987654321 = 13717421/109739369: a 16-digit relation.
    const exact = new D60(123456789).div(987654321);
    const D40 = decimalContext(40);
    expect(findIntegerRelation([new D40(1), exact.toSignificantDigits(40)], { digits: 40 })).toEqual([
      13717421n,
      -109739369n,
    ]);
    const D12 = decimalContext(12);
    expect(findIntegerRelation([new D12(1), exact.toSignificantDigits(12)], { digits: 12 })).toBeUndefined();
  });

  it("respects maxNorm", () => {
    const exact = new D60(123456789).div(987654321);
    expect(findIntegerRelation([new D60(1), exact], { digits: 60, maxNorm: 1000 })).toBeUndefined();
  });

  it("rejects fewer than two values", () => {
    expect(() => findIntegerRelation([new D(1)], { digits: 50 })).toThrow(RangeError);
  });
});

describe("recognizeQPi", () => {
  const examples: [string, QPi][] = [
    ["2", QPI.fromInt(2)],
    ["-1/3", QPI.fromRational(-1, 3)],
    ["4/pi", qpi([4], [0, 1])],
    ["(pi-2)/(2 pi)", qpi([-2, 1], [0, 2])],
    ["1/2 - 1/pi", QPI.sub(QPI.fromRational(1, 2), QPI.inv(QPI.pi()))],
    ["3/(pi^2+1)", qpi([3], [1, 0, 1])],
    ["(pi-3)/(4-pi)", qpi([-3, 1], [4, -1])],
    ["-pi^2/6", qpi([0, 0, -1], [6])],
    ["(91 pi^2 - 678 pi + 12345)/(13 pi^2 - 11)", qpi([12345, -678, 91], [-11, 0, 13])],
    ["1/(7 (355 - 113 pi)) (heavy cancellation)", qpi([1], [2485, -791])],
  ];

  for (const [name, value] of examples) {
    it(`recognises ${name} from 60 and from 50 digits`, () => {
      const x = QPI.toDecimal(value, 60);
      const r60 = recognizeQPi(x, { digits: 60 });
      expect(r60).toBeDefined();
      expect(QPI.equals(r60!.value, value)).toBe(true);
      expect(r60!.residual.lt("1e-55")).toBe(true);
      const r50 = recognizeQPi(x.toSignificantDigits(50), { digits: 50 });
      expect(r50).toBeDefined();
      expect(QPI.equals(r50!.value, value)).toBe(true);
    });
  }

  it("recognises zero", () => {
    const r = recognizeQPi(new D60(0), { digits: 60 });
    expect(r !== undefined && QPI.isZero(r.value)).toBe(true);
  });

  it("recognises random elements of degree <= 2 exactly", () => {
    const random = mulberry32(20240601);
    const coefficient = (h: number): number => Math.floor(random.uniform() * (2 * h + 1)) - h;
    for (let i = 0; i < 12; i++) {
      const degree = i % 3;
      const h = [1000, 100, 20][degree]!;
      const num = Array.from({ length: degree + 1 }, () => coefficient(h));
      const den = Array.from({ length: degree + 1 }, () => coefficient(h));
      if (!den.some((c) => c !== 0)) den[0] = 1;
      const value = qpi(num, den);
      const r = recognizeQPi(QPI.toDecimal(value, 60), { digits: 60 });
      expect(r, QPI.toString(value)).toBeDefined();
      expect(QPI.equals(r!.value, value), QPI.toString(value)).toBe(true);
    }
  });

  const D = decimalContext(50);
  const pi = decimalPi(50);
  const negatives: [string, Decimal][] = [
    ["sqrt 2", D.sqrt(2)],
    ["e", D.exp(1)],
    ["ln 2", D.ln(2)],
    ["Catalan's constant", new D("0.91596559417721901505460351493238411077414937428167213426649811962")],
    ["pi^(1/3)", pi.cbrt()],
    ["sqrt(pi)", pi.sqrt()],
  ];
  for (const [name, x] of negatives) {
    it(`does not recognise ${name}`, () => {
      expect(recognizeQPi(x, { digits: 50 })).toBeUndefined();
    });
  }

  it("does not recognise random 50-digit numbers", () => {
    const random = mulberry32(7);
    for (let i = 0; i < 5; i++) {
      expect(recognizeQPi(randomDecimal(random, 50), { digits: 50 })).toBeUndefined();
    }
  });

  it("does not recognise a near miss: 3/(pi^2+1) + 10^-35 at 50 digits", () => {
    const x = QPI.toDecimal(qpi([3], [1, 0, 1]), 60).add("1e-35").toSignificantDigits(50);
    expect(recognizeQPi(x, { digits: 50 })).toBeUndefined();
  });

  it("returns undefined, not a wrong value, when the precision is too low", () => {
    const value = qpi([12345, -678, 91], [-11, 0, 13]);
    const x = QPI.toDecimal(value, 60);
    for (const digits of [15, 20, 25, 30]) {
      expect(recognizeQPi(x.toSignificantDigits(digits), { digits })).toBeUndefined();
    }
    const r = recognizeQPi(x.toSignificantDigits(45), { digits: 45 });
    expect(r !== undefined && QPI.equals(r.value, value)).toBe(true);
  });

  it("respects maxDegree and maxCoefficient", () => {
    const x = QPI.toDecimal(qpi([4], [0, 1]), 60);
    expect(recognizeQPi(x, { digits: 60, maxDegree: 0 })).toBeUndefined();
    expect(recognizeQPi(x, { digits: 60, maxDegree: 1 })).toBeDefined();
    const y = QPI.toDecimal(qpi([12345, -678, 91], [-11, 0, 13]), 60);
    expect(recognizeQPi(y, { digits: 60, maxCoefficient: 1000 })).toBeUndefined();
  });
});
