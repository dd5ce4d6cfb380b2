import { describe, expect, it } from "vitest";
import { familyBranchPoints, familyCriticalPoints, familyPattern } from "../src/families/critical.js";
import { findFamily } from "../src/families/registry.js";
import { familyCrossings } from "../src/crossing/crossing.js";
import { locateCrossing } from "../src/crossing/locate.js";
import { findBrackets, scanFamily } from "../src/crossing/scan.js";
import { F64 } from "../src/numbers/floatField.js";
import { hessian } from "../src/model/evaluator.js";
import { embed } from "../src/patterns/embedding.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { dimensionAtNumber } from "../src/representations/dimension.js";
import { blockEigenvalues, isotypicBlocks, realDimensionBlocks } from "../src/hessian/blocks.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { BigFloatField } from "../src/numbers/bigFloatField.js";
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

/** Whether the decimal string `printed` is within half a unit of its last digit of `exact`. */
function withinHalfUnit(printed: string, exact: string): boolean {
  const D = new DecimalField(80);
  const p = D.fromDecimalString(printed);
  const digits = printed.replace(/[.-]/g, "").replace(/^0+/, "").length;
  const unit = D.D.pow(10, p.abs().log(10).floor().toNumber() - digits + 1);
  return p.sub(D.fromDecimalString(exact)).abs().lte(unit.div(2));
}

/** The index of the blocks of a scan sample with their multiplicities at the integer d. */
function blockIndex(sample: { blocks: readonly { negative: number; component: { dimension: Parameters<typeof dimensionAtNumber>[0] } }[] }, d: number): number {
  return sample.blocks.reduce((acc, b) => acc + b.negative * dimensionAtNumber(b.component.dimension, d), 0);
}

/**
 * The joint Newton solve from two brackets at 30 and 50 digits (docs/crossing.md §2): quadratic steps,
 * both equations' residuals below 10^-(N-5), and the printed 30 digits the rounding of the 50-digit d.
 */
function checkTwoBracketsTwoPrecisions(name: string, wide: string[], narrow: string[]): void {
  const f = findFamily(name);
  const solves = [
    { grid: wide, digits: 30 },
    { grid: narrow, digits: 50 },
  ].map(({ grid, digits }) => {
    const brackets = findBrackets(scanFamily(f, grid, 20));
    expect(brackets).toHaveLength(1);
    const r = locateCrossing(f, brackets[0]!, digits);
    expect(r.d.gt(brackets[0]!.lo.d) && r.d.lt(brackets[0]!.hi.d)).toBe(true);
    expect(r.confirmedDigits).toBe(digits);
    const bound = new DecimalField(20).D.pow(10, -(digits - 5));
    expect(r.residual.gradient.lt(bound)).toBe(true);
    expect(r.residual.eigenvalue.lt(bound)).toBe(true);
    // Quadratic convergence: once the step is below 10^-3 the next is at most 10^3 times its square
    // (the digits double), until the steps pass 10^-(digits + 5), beyond the precision asked for.
    r.steps.forEach((s, i) => {
      const next = r.steps[i + 1];
      if (next !== undefined && s.lt(1e-3) && next.gt(new DecimalField(20).D.pow(10, -(digits + 5)))) expect(next.lte(s.mul(s).mul(1000))).toBe(true);
    });
    return r;
  });
  const printed = solves[0]!.d.toSignificantDigits(solves[0]!.confirmedDigits).toString();
  expect(withinHalfUnit(printed, solves[1]!.d.toString())).toBe(true);
}

describe("crossing dimensions", () => {
  it("family 1b: two crossings, located from other brackets and precisions, checked by the full Hessian", () => {
    const f = findFamily("1b");
    // A coarse scan (6 points up to d = 30) at 30 digits.
    const r = familyCrossings(f, { digits: 30, points: 6, top: "30" });
    expect(r.crossings.map((c) => c.irrep)).toEqual(["[n-1,1]", "[n-2,1,1]"]);
    expect(r.top.negative).toHaveLength(0);
    for (const c of r.crossings) {
      expect(Number(c.d)).toBeGreaterThan(Number(c.bracket[0]));
      expect(Number(c.d)).toBeLessThan(Number(c.bracket[1]));
      expect(c.confirmedDigits).toBe(30);
      // The integers on each side: the index of the full Hessian is that of the side, with d gauge zeros.
      const [above, below] = fullIndices("1b", [c.to.atInteger!.d, c.from.atInteger!.d]);
      expect(below!.negative).toBe(c.from.atInteger!.index);
      expect(above!.negative).toBe(c.to.atInteger!.index);
      expect(below!.zeros).toBe(c.from.atInteger!.d);
      expect(above!.zeros).toBe(c.to.atInteger!.d);
    }
    const c = r.crossings[1]!;
    expect(c.direction).toBe("saddle to minimum");
    expect(r.crossings[0]!.direction).toBe("saddle to saddle");

    // A different bracket at 50 digits: the 30 digits printed are its correct rounding.
    const [b] = findBrackets(scanFamily(f, ["5.7", "5.9"], 20));
    const fine = locateCrossing(f, b!, 50);
    expect(withinHalfUnit(c.d, fine.d.toString())).toBe(true);
  }, 120000);

  it("family 2a: the [n-1,1] crossing from a narrow bracket at 30 digits matches the full Hessian at d = 5 and 6", () => {
    const f = findFamily("2a");
    const samples = scanFamily(f, ["5.5", "5.7"], 20);
    const brackets = findBrackets(samples);
    expect(brackets).toHaveLength(1);
    const b = brackets[0]!;
    expect(b.component.name).toBe("[n-1,1]");
    const r = locateCrossing(f, b, 30);
    // A second solve from another bracket at 50 digits: the 30 digits are its correct rounding.
    const [wide] = findBrackets(scanFamily(f, ["5", "6"], 20));
    expect(wide!.component.name).toBe(b.component.name);
    expect([wide!.negativeLo, wide!.negativeHi]).toEqual([b.negativeLo, b.negativeHi]);
    const fine = locateCrossing(f, wide!, 50);
    expect(withinHalfUnit(r.d.toSignificantDigits(r.confirmedDigits).toString(), fine.d.toString())).toBe(true);
    // The blocks' index with multiplicities on each side against the full Hessian at d = 5 and 6.
    const [six, five] = fullIndices("2a", [6, 5]);
    expect(five!.negative).toBe(blockIndex(wide!.lo, 5));
    expect(six!.negative).toBe(blockIndex(wide!.hi, 6));
    expect(five!.zeros).toBe(5);
    expect(six!.zeros).toBe(6);
  }, 60000);

  it("family 3a: two crossings below d = 6.5 ([n-1,1] x sign, [n] x sign), block counts against the full Hessian at d = 5, 6, 7", () => {
    const f = findFamily("3a");
    const samples = scanFamily(f, ["5.001", "5.5", "6.5"], 20);
    const brackets = findBrackets(samples);
    expect(brackets.map((b) => b.component.name)).toEqual(["[n-1,1] x sign", "[n] x sign"]);
    const located = brackets.map((b) => locateCrossing(f, b, 25));
    // The same crossings from other brackets at 40 digits: the 25 digits are their correct rounding.
    const other = findBrackets(scanFamily(f, ["5.002", "5.9", "6.2"], 20));
    expect(other.map((b) => b.component.name)).toEqual(brackets.map((b) => b.component.name));
    other.forEach((b, i) => {
      const r = located[i]!;
      expect(withinHalfUnit(r.d.toSignificantDigits(r.confirmedDigits).toString(), locateCrossing(f, b, 40).d.toString())).toBe(true);
    });
    const [seven, six, five] = fullIndices("3a", [7, 6, 5]);
    expect(five!.negative).toBe(blockIndex(samples[0]!, 5));
    expect(six!.negative).toBe(blockIndex(samples[1]!, 6));
    expect(seven!.negative).toBe(blockIndex(samples[2]!, 7));
  }, 60000);

  it("family 2b.d-1: from the wide bracket [4.001, 5.03591] the solve does not stall at its edge (the plot's bracket)", () => {
    const f = findFamily("2b.d-1");
    const [b] = findBrackets(scanFamily(f, ["4.001", "5.03591"], 20));
    expect(b!.component.name).toBe("[n-1,1]");
    const r = locateCrossing(f, b!, 20);
    expect(r.residual.eigenvalue.toNumber()).toBeLessThan(1e-15);
    // The sign change of the block's count lies in a narrow bracket around the located d.
    const lo = r.d.sub("0.001").toString();
    const hi = r.d.add("0.001").toString();
    const narrow = findBrackets(scanFamily(f, [lo, hi], 20));
    expect(narrow.map((x) => x.component.name)).toEqual(["[n-1,1]"]);
  }, 60000);

  it("joint Newton for 1b and 4: two brackets, 30 and 50 digits, quadratic convergence, residuals", () => {
    checkTwoBracketsTwoPrecisions("1b", ["5.5", "6.2"], ["5.75", "5.8"]);
    checkTwoBracketsTwoPrecisions("4", ["9", "9.6"], ["9.3", "9.4"]);
    // Family 4's crossing between d = 9 and 10: the blocks' index with multiplicities on each side against
    // the full Hessian, and the index changes across it.
    const [ten, nine] = fullIndices("4", [10, 9]);
    const [at9, at10] = scanFamily(findFamily("4"), ["9", "10"], 20);
    expect(nine!.negative).toBe(blockIndex(at9!, 9));
    expect(ten!.negative).toBe(blockIndex(at10!, 10));
    expect(nine!.negative).not.toBe(ten!.negative);
  }, 240000);

  it("blocks for real d in (p + 2, p + 3): continuous at p + 3, and at p + 2 all but one [n-1,1] eigenvalue, against the full Hessian", () => {
    for (const name of ["1b", "2a", "3b", "4"]) {
      const f = findFamily(name);
      // Blocks in the binary big floats (the engine's arithmetic); the reference is the float64 evaluator.
      const D = new BigFloatField(40);
      const at = [[f.p + 3, "1e-20"], [f.p + 3, "0"], [f.p + 3, "-1e-20"], [f.p + 2, "1e-24"]] as const;
      const ds = at.map(([d, offset]) => D.add(D.fromInt(d), D.fromDecimalString(offset)));
      const points = familyBranchPoints(f, ds.map((v) => D.toString(v)), 30);
      at.forEach(([d], j) => {
        const point = points[j]!;
        const { W, a } = embed(familyPattern(f), point.x.map((v) => v.toNumber()), d);
        const full = symmetricEigenvaluesFloat64(hessian(F64, W, a));
        const near = (v: number): boolean => full.some((w) => Math.abs(w - v) < 1e-8);
        // The real-d blocks (at p + 3 itself: the generic construction without [n-2,2], whose dimension
        // vanishes there) with the multiplicities at the integer d.
        const built = at[j]![1] === "0" ? isotypicBlocks(D, familyPattern(f), point.x.map((v) => D.fromDecimal(v)), ds[j]!, undefined, (c) => c.sn.name !== "[n-2,2]") : realDimensionBlocks(D, familyPattern(f), point.x.map((v) => D.fromDecimal(v)), ds[j]!);
        const blocks = built.map((b) => ({ b, values: blockEigenvalues(D, b).values.map((v) => D.toNumber(v)) }));
        if (d === f.p + 2) {
          // One [n-1,1] copy stands for no coordinate at d = p + 2 (the bulk of Q_1 has one index): its
          // eigenvalue has no counterpart (finite for the "a" families, diverging for the "b" families).
          const standard = blocks.find((x) => x.b.component.sn.name === "[n-1,1]" && x.b.component.gaugeCount > 0)!;
          const extra = standard.values.filter((v) => !near(v));
          expect(extra).toHaveLength(1);
          standard.values.splice(standard.values.indexOf(extra[0]!), 1);
        }
        const union = blocks.flatMap(({ b, values }) => values.flatMap((v) => Array<number>(Math.max(0, dimensionAtNumber(b.component.dimension, d))).fill(v))).sort((x, y) => x - y);
        expect(union).toHaveLength(full.length);
        const scale = Math.max(1, ...full.map(Math.abs));
        union.forEach((v, i) => expect(Math.abs(v - full[i]!)).toBeLessThan(1e-9 * scale));
      });
    }
  }, 120000);

  it("the command rejects bad input with one line", () => {
    expect(() => crossingCommand.run(["9z"], {})).toThrow(/unknown family/);
    for (const digits of ["5", "abc", "-40", "201", "1e3"]) {
      let message = "";
      try {
        crossingCommand.run(["1b"], { digits });
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        message = (e as Error).message;
      }
      expect(message).toMatch(/15 to 200/);
      expect(message).not.toMatch(/\n/);
    }
    expect(() => crossingCommand.run([], {})).toThrow(UsageError);
  });
});
