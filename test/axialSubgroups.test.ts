import { describe, expect, it } from "vitest";
import { axialSubgroups, N_CHECK } from "../src/bifurcation/axialSubgroups.js";
import { PermutationGroup } from "../src/representations/permutationGroup.js";

// docs/bifurcation.md §2: the fixed dimensions of the candidates S_{n-k} x G, from characters, against
// orbit counts of the group acting on indices and on pairs of indices (brute force at n = N_CHECK):
// the permutation module P = [n] + [n-1,1], and Lambda^2 P = [n-1,1] + [n-2,1,1].

/** The elements of S_{N-k} x G in S_N (the distinguished indices last). */
function elementsOf(k: number, g: readonly (readonly number[])[]): readonly (readonly number[])[] {
  const bulk = N_CHECK - k;
  const id = Array.from({ length: N_CHECK }, (_, i) => i);
  const swap = id.slice();
  [swap[0], swap[1]] = [1, 0];
  const cycle = id.map((i) => (i < bulk ? (i + 1) % bulk : i));
  return new PermutationGroup(N_CHECK, [swap, cycle, ...g.map((h) => [...id.slice(0, bulk), ...h.map((x) => x + bulk)])]).elements;
}

/** Orbits of the group on 0..N-1. */
function indexOrbits(h: readonly (readonly number[])[]): number {
  const seen = new Set<number>();
  let count = 0;
  for (let i = 0; i < N_CHECK; i++) {
    if (seen.has(i)) continue;
    count++;
    for (const g of h) seen.add(g[i]!);
  }
  return count;
}

/** dim Fix(H) in Lambda^2 P: orbits on ordered pairs (i, j), i != j, not containing (j, i), counted once per pair of such orbits. */
function wedgeFix(h: readonly (readonly number[])[]): number {
  const seen = new Set<string>();
  let count = 0;
  for (let i = 0; i < N_CHECK; i++) {
    for (let j = 0; j < N_CHECK; j++) {
      if (i === j || seen.has(`${i},${j}`)) continue;
      const orbit = new Set(h.map((g) => `${g[i]},${g[j]}`));
      orbit.forEach((x) => seen.add(x));
      if (!orbit.has(`${j},${i}`)) count++;
    }
  }
  return count / 2;
}

describe("axial subgroups by characters", () => {
  const standard = axialSubgroups([1]);
  const wedge = axialSubgroups([1, 1]);

  it("dim Fix in [n-1,1] is the number of orbits on indices minus one; in [n-2,1,1] that on Lambda^2 P minus it", () => {
    expect(standard.length).toBe(7);
    standard.forEach((h, i) => {
      const elements = elementsOf(h.k, h.elements);
      expect(h.fixDimension, h.name).toBe(indexOrbits(elements) - 1);
      expect(wedge[i]!.fixDimension, wedge[i]!.name).toBe(wedgeFix(elements) - h.fixDimension);
    });
  });

  it("the axial subgroups of [n-1,1] are S_{n-j} x S_j (j = 1, 2, 3); those of [n-2,1,1] include the 3-cycle, not a Young subgroup", () => {
    expect(standard.filter((h) => h.axial).map((h) => [h.k, h.elements.length, h.young])).toEqual([[1, 1, true], [2, 2, true], [3, 6, true]]);
    const cycle = wedge.find((h) => h.k === 3 && h.elements.length === 3)!;
    expect(cycle.axial).toBe(true);
    expect(cycle.young).toBe(false);
    expect(axialSubgroups([])).toEqual([]);
  });
});
