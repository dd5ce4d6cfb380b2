import Fraction from "fraction.js";
import { describe, expect, it } from "vitest";
import { hessian, lossAndGradient } from "../src/model/evaluator.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { embed, embeddingColumns, sumOverEntries } from "../src/patterns/embedding.js";
import { jetScalar } from "../src/diff/jet.js";
import { GroupPattern } from "../src/patterns/groupPattern.js";
import { Pattern, type PatternClass } from "../src/patterns/pattern.js";
import { character, cycleType, partitionsOf } from "../src/representations/characters.js";
import { compose, inverse, PermutationGroup } from "../src/representations/permutationGroup.js";
import { dimensionAtNumber } from "../src/representations/dimension.js";
import { groupBlocks } from "../src/hessian/groupBlocks.js";
import { mulberry32 } from "./support/random.js";

// Patterns with a finite group G on the special indices (docs/patterns.md §2.5, docs/hessian.md §1.2).
// Nothing is pasted: the real irreducibles are checked by the idempotent identities and against the
// Murnaghan–Nakayama characters, the group pattern's loss against the evaluator, and the blocks of
// S_n x G against the spectrum of the evaluator's full Hessian at points of the fixed-point space.

const GROUPS: readonly [string, number, number[][]][] = [
  ["C3", 3, [[1, 2, 0]]],
  ["S3", 3, [[1, 0, 2], [1, 2, 0]]],
  ["C4", 4, [[1, 2, 3, 0]]],
  ["D4", 4, [[1, 2, 3, 0], [3, 2, 1, 0]]],
  ["S4", 4, [[1, 0, 2, 3], [1, 2, 3, 0]]],
];

describe("real irreducibles of a permutation group, by central idempotents", () => {
  it.each(GROUPS)("%s: orthogonal central idempotents summing to 1, orthogonal characters", (_, degree, generators) => {
    const G = new PermutationGroup(degree, generators);
    const irreps = G.realIrreps();
    const zero = G.elements.map(() => new Fraction(0));
    const one = G.elements.map((__, i) => new Fraction(i === 0 ? 1 : 0));
    const sum = irreps.reduce((acc, r) => acc.map((v, i) => v.add(r.idempotent[i]!)), zero);
    expect(sum.map((v) => v.toFraction())).toEqual(one.map((v) => v.toFraction()));
    irreps.forEach((r, i) =>
      irreps.forEach((s, j) => {
        const product = G.multiply(r.idempotent, s.idempotent);
        expect(product.map((v) => v.toFraction())).toEqual((i === j ? r.idempotent : zero).map((v) => v.toFraction()));
      }),
    );
    for (const g of generators) {
      const unit = G.elements.map((__, i) => new Fraction(i === G.indexOf(g) ? 1 : 0));
      for (const r of irreps) expect(G.multiply(unit, r.idempotent).map((v) => v.toFraction())).toEqual(G.multiply(r.idempotent, unit).map((v) => v.toFraction()));
    }
    // <chi, chi'> = delta * (1 for real type, 2 for complex type); the degrees exhaust the regular representation.
    irreps.forEach((r, i) =>
      irreps.forEach((s, j) => {
        const inner = r.character.reduce((acc, v, t) => acc + v * s.character[t]!, 0) / G.order;
        expect(inner).toBeCloseTo(i === j ? (r.complexType ? 2 : 1) : 0, 12);
      }),
    );
    expect(irreps.reduce((acc, r) => acc + (r.complexType ? r.dimension ** 2 / 2 : r.dimension ** 2), 0)).toBe(G.order);
  });

  it.each([3, 4])("S_%i: the characters are the Murnaghan–Nakayama characters", (n) => {
    const generators = [Array.from({ length: n }, (_, i) => (i === 0 ? 1 : i === 1 ? 0 : i)), Array.from({ length: n }, (_, i) => (i + 1) % n)];
    const G = new PermutationGroup(n, generators);
    const found = G.realIrreps().map((r) => r.character.join(",")).sort();
    const expected = partitionsOf(n).map((lambda) => G.elements.map((g) => character(lambda, cycleType(g))).join(",")).sort();
    expect(found).toEqual(expected);
  });

  it("refuses a group with irrational real characters (C5)", () => {
    expect(() => new PermutationGroup(5, [[1, 2, 3, 4, 0]]).realIrreps()).toThrow(/not rational/);
  });
});

/** (d-3 | 1 | 1 | 1) with the three singletons of a role, and G on them. */
function tripletPattern(generators: number[][], role: PatternClass["role"] = undefined): GroupPattern {
  const small = ["b1", "b2", "b3"].map((name) => (role === undefined ? { name, size: 1 } : { name, size: 1, role }));
  const base = new Pattern([{ name: "A" }, ...small]);
  return new GroupPattern(base, generators.map((g) => [0, ...g.map((x) => x + 1)]));
}

const C3 = [[1, 2, 0]];

describe("the loss on the fixed-point space of S_bulk x C3", () => {
  it("has the orbit coordinates, is invariant under the 3-cycle, and equals the evaluator with E^T grad L", () => {
    const G = tripletPattern(C3);
    // diag, off(A,A), off(A,b), off(b,A), diag(b), two orbits of off(b,b') (i -> i+1 and i -> i-1), a(A), a(b)
    expect(G.params.length).toBe(9);
    const D = new DecimalField(40);
    const rng = mulberry32(31);
    const x = G.params.map(() => D.fromDecimalString((rng.uniform() - 0.5).toString()));
    const d = 8;
    const { W, a } = embed(G.base, G.expand(x), d);
    const sigma = [0, 1, 2, 3, 4, 6, 7, 5]; // the 3-cycle on the last three indices
    W.forEach((row, i) => row.forEach((w, j) => expect(W[sigma[i]!]![sigma[j]!]!.eq(w)).toBe(true)));
    const full = lossAndGradient(D, W, a);
    expect(G.loss(D, x, D.fromInt(d)).sub(full.loss).abs().toNumber()).toBeLessThan(1e-35);
    // The gradient in orbit coordinates (jets through the expansion) is E^T grad L: the full gradient summed
    // over each orbit's entries; the metric weight of an orbit counts its entries.
    const baseGradient = sumOverEntries(D, G.base, full.gW, full.ga);
    const J = jetScalar(D, G.params.length, 1);
    const gradient = J.gradient(G.loss(J, x.map((v, i) => J.variable(i, v)), J.constant(D.fromInt(d))));
    const entries = embeddingColumns(G.base, d).map((c) => c.length);
    const weights = G.weights(F64, d);
    G.params.forEach((q, o) => {
      const summed = q.members.reduce((acc, k) => acc.add(baseGradient[k]!), D.zero());
      expect(gradient[o]!.sub(summed).abs().toNumber()).toBeLessThan(1e-35);
      expect(weights[o]).toBe(q.members.reduce((acc, k) => acc + entries[k]!, 0));
    });
  });
});

describe("blocks of S_bulk x G against the full Hessian (float64, points of the fixed-point space)", () => {
  const cases: [string, GroupPattern][] = [
    ["C3 on three paired indices", tripletPattern(C3)],
    ["S3 on three paired indices (the pattern (d-3 | 3))", tripletPattern([[1, 0, 2], [1, 2, 0]])],
    ["C3 on three extra rows (k = d + 3)", tripletPattern(C3, "row")],
  ];
  it.each(cases)("%s", (_, G) => {
    const rng = mulberry32(77);
    for (const secondLayer of ["trained", "fixed"] as const) {
      for (const d of [7, 8]) {
        const x = G.params.map((q) => (q.kind === "a" ? 0.8 + 0.4 * rng.uniform() : q.kind === "diag" ? 0.6 + 0.6 * rng.uniform() : 0.6 * (rng.uniform() - 0.5)));
        const blocks = groupBlocks(F64, G, x, d, d, secondLayer);
        const union: number[] = [];
        for (const b of blocks) {
          const dim = dimensionAtNumber(b.component.dimension, d);
          for (const v of b.eigenvalues) for (let t = 0; t < dim; t++) union.push(v);
          // Every eigenvalue of a psi-block occurs dim_R psi times in it.
          const scale = Math.max(1, ...b.eigenvalues.map(Math.abs));
          for (let t = 0; t < b.eigenvalues.length; t += b.irrep.dimension) {
            for (let u = 1; u < b.irrep.dimension; u++) expect(Math.abs(b.eigenvalues[t + u]! - b.eigenvalues[t]!)).toBeLessThan(1e-9 * scale);
          }
        }
        union.sort((u, v) => u - v);
        const { W, a } = embed(G.base, G.expand(x), d);
        const full = symmetricEigenvaluesFloat64(hessian(F64, W, a, secondLayer));
        expect(union.length).toBe(full.length);
        const scale = Math.max(1, ...full.map(Math.abs));
        expect(Math.max(...full.map((v, t) => Math.abs(v - union[t]!)))).toBeLessThan(1e-10 * scale);
      }
    }
  });
});

// compose and inverse are the group operations the idempotents are built with.
describe("permutations", () => {
  it("compose and inverse", () => {
    const g = [1, 2, 0];
    expect(compose(g, inverse(g))).toEqual([0, 1, 2]);
    expect(compose(g, g)).toEqual([2, 0, 1]);
  });
});
