import { describe, expect, it } from "vitest";
import { projectKernel, youngAxialSpace } from "../src/bifurcation/axial.js";
import { axialSubgroups } from "../src/bifurcation/axialSubgroups.js";
import { familyPattern } from "../src/families/critical.js";
import { findFamily } from "../src/families/registry.js";
import { F64 } from "../src/numbers/floatField.js";
import { PermutationGroup } from "../src/representations/permutationGroup.js";
import { paramPermutation, refinement, splitPattern } from "../src/representations/splitPatterns.js";

// docs/bifurcation.md §2: the projection of a kernel vector onto Fix(S_{n-j} x S_j) as orbit means (from a
// transposition and a j-cycle, no element of S_j listed) against the average over S_j's j! elements
// (enumerated, j = 4, 5), and for j = 8, 12 (j! too many to list) its stabiliser and pattern: S_j merges
// s_1..s_j into one class C of j indices, and the projection is the mean of the embedded vector over the
// pieces of each parameter of that pattern.

const F = familyPattern(findFamily("2c.d+1"));
const Q1 = splitPattern(F, 1);
/** A vector of Q_1 with no symmetry. */
const u = Q1.params.map((_, p) => Math.sin(1.3 * p + 0.7));
const young = axialSubgroups([1], 12).filter((h) => h.k >= 4);

/** u embedded in Q_j with s_1 at s_1 (the refinement Q_j -> Q_1: s_2..s_j in the bulk). */
function embedded(j: number): number[] {
  const Qj = splitPattern(F, j);
  const classMap = Qj.classes.map((_, I) => (I === 0 ? 0 : I === 1 ? 1 : I <= j ? 0 : I - j + 1));
  return refinement(Q1, Qj, classMap).map((c) => u[c]!);
}

const normalised = (v: readonly number[]): number[] => {
  const top = v.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
  return v.map((x) => x / top);
};

describe("the projection onto Fix(S_{n-j} x S_j) without listing S_j", () => {
  it("is the average over S_j's elements (j = 4, 5)", () => {
    for (const j of [4, 5]) {
      const h = young.find((c) => c.k === j)!;
      const Qj = splitPattern(F, j);
      const singles = Qj.classes.length - 1 - j;
      const elements = new PermutationGroup(j, h.generators).elements;
      expect(elements.length).toBe(h.order);
      const v = embedded(j);
      const perms = elements.map((g) => paramPermutation(Qj, [0, ...g.map((x) => x + 1), ...Array.from({ length: singles }, (_, i) => 1 + j + i)]));
      const average = normalised(v.map((_, f) => perms.reduce((s, p) => s + v[p[f]!]!, 0) / perms.length));
      const projected = projectKernel(F64, F, 1, u, j, h.generators)!;
      projected.forEach((x, f) => expect(x).toBeCloseTo(average[f]!, 12));
    }
  });

  it("has the stabiliser S_j and the pattern with one class C of j indices (j = 8, 12); it is the mean over that pattern's pieces", () => {
    for (const j of [8, 12]) {
      const h = young.find((c) => c.k === j)!;
      expect([h.name, h.axial, h.order]).toEqual([`S_{n-${j}} x S_${j}`, true, Array.from({ length: j }, (_, i) => i + 1).reduce((a, b) => a * b)]);
      const v = projectKernel(F64, F, 1, u, j, h.generators)!;
      const space = youngAxialSpace(F, j, v)!;
      expect(space.pattern.toString()).toBe(`(d-${j + 1} | ${j} | 1 | 1 row)`);
      expect(space.pattern.classes[1]!.name).toBe("C");
      expect(space.stabiliserOrder).toBe(h.order);
      expect(space.young).toBe(true);
      // The pieces of each parameter of the pattern (the refinement, from the class sizes) are the orbits:
      // the projection is proportional to the means of the embedded vector over them.
      const e = embedded(j);
      const sums = new Map<number, { s: number; n: number }>();
      space.coarseOf.forEach((c, f) => sums.set(c, { s: (sums.get(c)?.s ?? 0) + e[f]!, n: (sums.get(c)?.n ?? 0) + 1 }));
      const means = normalised(space.coarseOf.map((c) => sums.get(c)!.s / sums.get(c)!.n));
      v.forEach((x, f) => expect(x).toBeCloseTo(means[f]!, 12));
      // Not fixed by the swap of s_1 with a bulk index: a vector of Q_j with a distinguished class.
      expect(new Set(v.map((x) => x.toFixed(9))).size).toBeGreaterThan(new Set(space.coarseOf).size / 2);
    }
  });
});
