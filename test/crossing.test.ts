import { describe, expect, it } from "vitest";
import { familyCriticalPoints, familyPattern } from "../src/families/critical.js";
import { findFamily } from "../src/families/registry.js";
import { familyCrossings } from "../src/crossing/crossing.js";
import { locateCrossing } from "../src/crossing/locate.js";
import { findBrackets, scanFamily } from "../src/crossing/scan.js";
import { F64 } from "../src/numbers/floatField.js";
import { hessian } from "../src/model/evaluator.js";
import { embed } from "../src/patterns/embedding.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { dimensionAtNumber } from "../src/hessian/dimension.js";
import { crossingCommand } from "../src/cli/crossingCommand.js";
import { UsageError } from "../src/cli/command.js";

/**
 * The numbers of negative and zero eigenvalues of the full Hessian (independent evaluator, float64) at
 * integer d, at the family's critical point (one continuation through the list, descending).
 */
function fullIndices(name: string, ds: readonly number[]): { negative: number; zeros: number }[] {
  const f = findFamily(name);
  const points = familyCriticalPoints(f, ds.map(String), 20);
  return points.map((point, i) => {
    const { W, a } = embed(familyPattern(f), point.x.map((v) => v.toNumber()), ds[i]!);
    const values = symmetricEigenvaluesFloat64(hessian(F64, W, a));
    const scale = Math.max(1, ...values.map(Math.abs));
    return {
      negative: values.filter((v) => v < -1e-9 * scale).length,
      zeros: values.filter((v) => Math.abs(v) <= 1e-9 * scale).length,
    };
  });
}

/** Leading significant digits on which two decimal strings agree. */
function agreeingDigits(a: string, b: string): number {
  const x = a.replace(/[.-]/g, "").replace(/^0+/, "");
  const y = b.replace(/[.-]/g, "").replace(/^0+/, "");
  let k = 0;
  while (k < x.length && k < y.length && x[k] === y[k]) k++;
  return k;
}

describe("crossing dimensions", () => {
  it("family 1b: one crossing, saddle to minimum, agreeing across brackets and precisions, checked by the full Hessian", () => {
    const f = findFamily("1b");
    // A coarse scan (6 points up to d = 30) at 30 digits.
    const r = familyCrossings(f, { digits: 30, points: 6, top: "30" });
    expect(r.crossings).toHaveLength(1);
    const c = r.crossings[0]!;
    expect(c.irrep).toBe("[n-2,1,1]");
    expect(c.direction).toBe("saddle to minimum");
    expect(Number(c.d)).toBeGreaterThan(Number(c.bracket[0]));
    expect(Number(c.d)).toBeLessThan(Number(c.bracket[1]));
    expect(r.top.negative).toHaveLength(0);

    // A different bracket at 40 digits agrees with the 25 digits printed at 30.
    const samples = scanFamily(f, ["5.7", "5.9"], 20);
    const [b] = findBrackets(samples);
    const fine = locateCrossing(f, b!, 40);
    expect(agreeingDigits(fine.d.toString(), c.d)).toBeGreaterThanOrEqual(c.d.replace(/[.-]/g, "").length - 1);

    // The integers on each side: the index of the full Hessian is that of the side.
    const [above, below] = fullIndices("1b", [c.to.atInteger.d, c.from.atInteger.d]);
    expect(below!.negative).toBe(c.from.atInteger.index);
    expect(above!.negative).toBe(0);
    expect(below!.zeros).toBe(c.from.atInteger.d); // the d gauge zeros only
    expect(above!.zeros).toBe(c.to.atInteger.d);
  }, 60000);

  it("family 2a: the [n-1,1] crossing from a narrow bracket at 30 digits matches the full Hessian at d = 5 and 6", () => {
    const f = findFamily("2a");
    const samples = scanFamily(f, ["5.5", "5.7"], 20);
    const brackets = findBrackets(samples);
    expect(brackets).toHaveLength(1);
    const b = brackets[0]!;
    expect(b.component.name).toBe("[n-1,1]");
    expect([b.negativeLo, b.negativeHi]).toEqual([1, 0]);
    const r = locateCrossing(f, b, 30);
    expect(r.d.toString().startsWith("5.58550524742588000694117627")).toBe(true);
    // Below: one negative eigenvalue of multiplicity dim [n-1,1] (d - 2 = 3 at d = 5); above: none.
    const [six, five] = fullIndices("2a", [6, 5]);
    expect(five!.negative).toBe(3);
    expect(six!.negative).toBe(0);
    expect(five!.zeros).toBe(5);
    expect(six!.zeros).toBe(6);
  }, 60000);

  it("family 3a: two crossings below d = 6.5 ([n-1,1] x sign, [n] x sign), block counts against the full Hessian at d = 5, 6, 7", () => {
    const f = findFamily("3a");
    const samples = scanFamily(f, ["5.001", "5.5", "6.5"], 20);
    const brackets = findBrackets(samples);
    expect(brackets.map((b) => b.component.name)).toEqual(["[n-1,1] x sign", "[n] x sign"]);
    const located = brackets.map((b) => locateCrossing(f, b, 25).d.toString());
    // The 40-digit values of docs/crossing.md, to the 20 digits printed at 25.
    expect(located[0]!.startsWith("5.0068032325075166624")).toBe(true);
    expect(located[1]!.startsWith("6.0140890170443138989")).toBe(true);
    const index = (sample: number, d: number): number =>
      samples[sample]!.blocks.reduce((acc, b) => acc + b.negative * dimensionAtNumber(b.component.dimension, d), 0);
    const [seven, six, five] = fullIndices("3a", [7, 6, 5]);
    expect(five!.negative).toBe(index(0, 5));
    expect(six!.negative).toBe(index(1, 6));
    expect(seven!.negative).toBe(index(2, 7));
    expect([five!.negative, six!.negative, seven!.negative]).toEqual([5, 4, 4]);
  }, 60000);

  it("the command rejects bad input with one line", () => {
    expect(() => crossingCommand.run(["9z"], {})).toThrow(/unknown family/);
    expect(() => crossingCommand.run(["1b"], { digits: "5" })).toThrow(UsageError);
    expect(() => crossingCommand.run(["1b"], { digits: "abc" })).toThrow(UsageError);
    expect(() => crossingCommand.run([], {})).toThrow(UsageError);
  });
});
