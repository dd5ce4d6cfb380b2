import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { lossAndGradient } from "../src/model/evaluator.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { embed } from "../src/patterns/embedding.js";
import { lossJet } from "../src/patterns/derivatives.js";
import { fullGradientNorm, paramWeights } from "../src/patterns/metric.js";
import { restrictedLoss } from "../src/patterns/restrictedLoss.js";
import { continueBranch } from "../src/families/continuation.js";
import { familyCriticalPoint, familyPattern, multiplicity, seedParams } from "../src/families/critical.js";
import { precisionContext } from "../src/families/precision.js";
import { FAMILIES, findFamily } from "../src/families/registry.js";
import type { FamilyDefinition } from "../src/families/definition.js";
import { relativeDistance } from "./support/distance.js";
import { mulberry32 } from "./support/random.js";

// Each family's critical point (docs/families.md) is checked by the independent evaluator on the embedded
// full (W, a), by continuation there and back, at a fractional d through the exact pattern gradient, and
// its multiplicity by a brute-force orbit count. No expected value is pasted from elsewhere.

const DIGITS = 30;
const FULL = new DecimalField(DIGITS + 10);

/** The norm of the full evaluator's gradient at the embedded pattern point (Decimal, N + 10 digits). */
function evaluatorGradientNorm(f: FamilyDefinition, x: readonly Decimal[], d: number): Decimal {
  const { W, a } = embed(familyPattern(f), x.map((v) => FULL.from(v)), d);
  const { gW, ga } = lossAndGradient(FULL, W, a);
  let s = FULL.zero();
  for (const row of gW) for (const v of row) s = s.add(v.mul(v));
  for (const v of ga) s = s.add(v.mul(v));
  return s.sqrt();
}

const BOUND = FULL.D.pow(10, -(DIGITS - 5));

describe("every family's critical point is one of the full loss (independent evaluator)", () => {
  const cases: [string, number][] = [...FAMILIES.map((f): [string, number] => [f.name, 8]), ["2a", 12], ["4b", 12]];
  it.each(cases)("family %s at d = %i: |grad L| < 10^-(N-5) for the embedded (W, a)", (name, d) => {
    const f = findFamily(name);
    const point = familyCriticalPoint(f, String(d), DIGITS);
    expect(point.confirmedDigits).toBeGreaterThanOrEqual(DIGITS - 3);
    // The gauge |a| = 1 with the family's signs.
    familyPattern(f).params.forEach((q, k) => {
      if (q.kind === "a") expect(point.x[k]!.toNumber()).toBe(f.signs[q.row]);
    });
    const norm = evaluatorGradientNorm(f, point.x, d);
    expect(norm.lt(BOUND)).toBe(true);
    // The reported gradient norm and loss are the evaluator's too.
    expect(point.gradientNorm.lt(BOUND)).toBe(true);
    const { W, a } = embed(familyPattern(f), point.x.map((v) => FULL.from(v)), d);
    const L = lossAndGradient(FULL, W, a).loss;
    expect(point.loss.sub(L).abs().lt(BOUND)).toBe(true);
  });
});

describe("continuation in d", () => {
  it.each(FAMILIES.map((f) => [f.name]))("family %s: seed -> d = 50 (15 in a bounded range) -> d = 20 returns to the direct solve at 20", (name) => {
    const f = findFamily(name);
    const P = familyPattern(f);
    const seedField = new DecimalField(DIGITS + 20);
    const x0 = seedParams(f, seedField);
    const d0 = seedField.fromDecimalString(f.seed.d);
    const up = continueBranch(P, x0, d0, seedField.fromInt(Number(f.range.max) < 50 ? 15 : 50), { precision: precisionContext(DIGITS) });
    const down = continueBranch(P, up.x, up.d, seedField.fromInt(20), { precision: precisionContext(DIGITS) });
    const direct = familyCriticalPoint(f, "20", DIGITS);
    expect(relativeDistance(FULL, down.x, direct.x, 0)).toBeLessThan(1e-25);
    // Far from the seed the branch still lies on critical points of L_P.
    expect(up.gradientNorm.lt(BOUND)).toBe(true);
  });
});

describe("the points walked from the seed are kept for the process", () => {
  it("a second request walks no step and gives the same point, in arrays of its own", () => {
    const f = findFamily("1b");
    const steps: number[] = [];
    const first = familyCriticalPoint(f, "8.125", 20, (d) => void steps.push(d.toNumber()));
    expect(steps.length).toBeGreaterThan(0);
    const again: number[] = [];
    const second = familyCriticalPoint(f, "8.125", 20, (d) => void again.push(d.toNumber()));
    expect(again).toEqual([]);
    expect(second.x).not.toBe(first.x);
    expect(second.x.map(String)).toEqual(first.x.map(String));
    second.x[0] = second.x[0]!.neg();
    expect(familyCriticalPoint(f, "8.125", 20).x.map(String)).toEqual(first.x.map(String));
  });
});

describe("fractional d", () => {
  it.each(FAMILIES.map((f) => [f.name]))("family %s at d = 7.25 is a critical point of L_P (exact gradient via jets)", (name) => {
    const f = findFamily(name);
    const P = familyPattern(f);
    const point = familyCriticalPoint(f, "7.25", DIGITS);
    const F = new DecimalField(DIGITS + 20);
    const d = F.fromDecimalString("7.25");
    const x = point.x.map((v) => F.from(v));
    const all = P.params.map((_q, k) => k);
    const jet = lossJet(F, P, x, d, all, { order: 1 });
    // All coordinates, a included: the gauge identity a_i dL/da_i = w_i . dL/dw_i makes grad_a vanish too.
    const norm = fullGradientNorm(F, jet.gradient, paramWeights(F, P, d));
    expect(norm.lt(BOUND)).toBe(true);
    expect(restrictedLoss(F, P, x, d).sub(point.loss).abs().lt(BOUND)).toBe(true);
  });
});

describe("multiplicity = the size of the orbit under S_k x S_d (orbit-stabilizer)", () => {
  /** All permutations of 0..n-1. */
  function permutations(n: number): number[][] {
    if (n === 0) return [[]];
    return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
  }

  /**
   * The number of distinct students over all d! permutations P of the columns (with the teacher), a student
   * being the multiset of its neurons (w_i, a_i): the orbit under S_k x S_d of a random point of the family's
   * pattern. Paired rows follow their columns (P W P^T at k = d); the rows are then sorted.
   */
  function orbitSize(f: FamilyDefinition, d: number, seed: number): number {
    const P = familyPattern(f);
    const rng = mulberry32(seed);
    const { W, a } = embed(P, P.params.map(() => rng.uniform() - 0.5), d);
    const seen = new Set<string>();
    for (const s of permutations(d)) {
      const neurons = W.map((row, i) => {
        const moved = new Array<number>(d).fill(0);
        row.forEach((w, j) => (moved[s[j]!] = w));
        return JSON.stringify([...moved, a[i]!]);
      });
      seen.add(neurons.sort().join(";"));
    }
    return seen.size;
  }

  it.each(FAMILIES.map((f) => [f.name]))("family %s: multiplicity(f).at(d) = brute-force orbit count for d = 4, 5, 6 (those with a bulk index)", (name) => {
    const f = findFamily(name);
    const ds = [4, 5, 6].filter((d) => d > familyPattern(f).smallTotal);
    expect(ds.length, "at least two dimensions checked").toBeGreaterThanOrEqual(2);
    for (const d of ds) {
      expect(multiplicity(f).at(d)).toBe(BigInt(orbitSize(f, d, 12345 + 7 * d + f.p)));
    }
  });
});

describe("d outside a family's range", () => {
  it.each(FAMILIES.map((f) => [f.name]))("family %s: a RangeError naming the range", (name) => {
    const f = findFamily(name);
    // Just outside either end (read from the definition, so the test follows the explored range).
    const below = new FULL.D(f.range.min).sub("0.5").toString();
    const above = new FULL.D(f.range.max).mul(10).toString();
    const range = `[${f.range.min}, ${f.range.max}]`;
    for (const d of [below, above]) {
      expect(() => familyCriticalPoint(f, d, DIGITS)).toThrow(RangeError);
      expect(() => familyCriticalPoint(f, d, DIGITS)).toThrow(range);
    }
  });

  it("an unknown family is a RangeError listing the known ones", () => {
    expect(() => findFamily("5")).toThrow(/known families: 1a, 1b, 2a, 2b, 3a, 3b, 4, 4b/);
  });
});
