import { createRequire } from "node:module";
import { all, create } from "mathjs";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { FAMILIES } from "../src/families/registry.js";
import { parseQPi } from "../src/numbers/parseQPi.js";
import { QPI } from "../src/numbers/qpi.js";
import { mulberry32, randInt, type Random } from "./support/random.js";

// parseQPi reads simple text (integers, pi, + - * / ^, parentheses) itself and hands anything else to
// mathjs. Both are checked against an independent evaluator of the same text, mathjs in BigNumber
// arithmetic at 60 digits (its parser sets the precedences the simple reader must reproduce).

const bigMath = create(all, { number: "BigNumber", precision: 60 });
const agreesWithMathjs = (text: string): boolean => {
  const exact = QPI.toDecimal(parseQPi(text), 50);
  const numeric = new Decimal(String(bigMath.evaluate(text)));
  return exact.sub(numeric).abs().lte(numeric.abs().mul("1e-45").add("1e-45"));
};

// The values of exact declarations (Q(pi) or a quadratic extension of it); numeric ones are decimals read
// by Decimal, not by parseQPi.
const declared = FAMILIES.flatMap((f) => (f.series === undefined || f.series.field.kind === "Decimal" ? [] : Object.values(f.series.params).flatMap((p) => [...p.known, p.leading])));

/** A random expression of the simple grammar, with random spaces and redundant parentheses. */
function randomExpression(rng: Random, depth: number): string {
  const sp = (): string => (rng.uniform() < 0.3 ? " " : "");
  if (depth === 0 || rng.uniform() < 0.25) return rng.uniform() < 0.4 ? "pi" : String(randInt(rng, 0, 40));
  const a = randomExpression(rng, depth - 1);
  switch (randInt(rng, 0, 7)) {
    case 0:
      return `-${sp()}${a}`;
    case 1:
      return `(${sp()}${a}${sp()})`;
    case 2:
      // an integer power of a primary, the exponent possibly negative (2^-3)
      return `${rng.uniform() < 0.5 ? "pi" : `(${a})`}^${rng.uniform() < 0.4 ? "-" : ""}${randInt(rng, 0, 3)}`;
    default: {
      const op = ["+", "-", "*", "/"][randInt(rng, 0, 3)]!;
      const b = randomExpression(rng, depth - 1);
      return `${a}${sp()}${op}${sp()}${b}`;
    }
  }
}

const require = createRequire(import.meta.url);
/** Whether parseQPi has loaded mathjs (as CommonJS; this file's own mathjs is the ES module). */
const mathjsLoaded = (): boolean => Object.keys(require.cache).some((path) => /[\\/]mathjs[\\/]/.test(path));

describe("parseQPi", () => {
  // The first two run before the third, which loads mathjs.
  it("reads every declared value of derivations/ without loading mathjs", () => {
    expect(declared.length).toBeGreaterThan(50);
    expect(mathjsLoaded()).toBe(false);
    for (const text of declared) expect(agreesWithMathjs(text), text).toBe(true);
    expect(mathjsLoaded()).toBe(false);
  });

  it("reads random simple expressions itself, with mathjs' precedences (unary minus below ^, left-associative - and /)", () => {
    const rng = mulberry32(2024);
    const fixed = ["-2^2", "2^-1", "2^3^2", "1 - 2 - 3", "8/2/pi", "-pi*2", "2*-pi", "2--3", "(pi)^2/-(1+pi)", "-(2*pi + 8)/pi"];
    const random = Array.from({ length: 150 }, () => randomExpression(rng, 4));
    for (const text of [...fixed, ...random]) {
      let value: unknown;
      try {
        value = bigMath.evaluate(text);
      } catch {
        continue;
      }
      // Division by zero (0^-1, x/0) is an error for parseQPi and Infinity for mathjs: both refuse it.
      if (!new Decimal(String(value)).isFinite()) {
        expect(() => parseQPi(text), text).toThrow();
        continue;
      }
      expect(agreesWithMathjs(text), text).toBe(true);
    }
    expect(mathjsLoaded()).toBe(false);
  });

  it("hands other text to mathjs: decimals, implicit multiplication, long integers; errors name the offending part", () => {
    expect(QPI.equals(parseQPi("0.25"), QPI.fromRational(1, 4))).toBe(true);
    expect(mathjsLoaded()).toBe(true);
    expect(QPI.equals(parseQPi("2pi"), QPI.mul(QPI.fromInt(2), QPI.pi()))).toBe(true);
    expect(agreesWithMathjs("1/2 pi")).toBe(true);
    expect(agreesWithMathjs("3 (pi + 1)")).toBe(true);
    expect(agreesWithMathjs("1234567890123456 / pi")).toBe(true);
    expect(() => parseQPi("x + 1")).toThrow(/cannot read 'x \+ 1' as an element of Q\(pi\): the symbol 'x' is not allowed/);
    expect(() => parseQPi("sqrt(2)")).toThrow(/cannot read 'sqrt\(2\)'/);
    expect(() => parseQPi("pi^(1/2)")).toThrow(/the power 1\/2/);
    expect(() => parseQPi("(1 + pi")).toThrow(/cannot read '\(1 \+ pi' as an element of Q\(pi\)/);
  });
});
