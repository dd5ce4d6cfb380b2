import { describe, expect, it } from "vitest";
import { census, DEFAULT_SEARCH, newCensusShare, type CensusPoint } from "../src/census/census.js";
import { searchType, signVectors } from "../src/census/search.js";
import { familyCriticalPoint } from "../src/families/critical.js";
import { familyByName } from "../src/families/templates.js";
import { coarsen, rowVariants, samePoint, permuteClasses } from "../src/census/points.js";
import { censusPattern, censusTypes, orbitSize, partitionsInto, sizePreservingPermutations } from "../src/census/types.js";
import { youngBlockEigenvalues, youngBlocks } from "../src/hessian/youngBlocks.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { hessian, lossAndGradient } from "../src/model/evaluator.js";
import { BigFloatField } from "../src/numbers/bigFloatField.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { restrictedHessianFloat64 } from "../src/patterns/compiledHessian.js";
import { compileRestrictedLoss } from "../src/patterns/compiledLoss.js";
import { lossJet, weightParams } from "../src/patterns/derivatives.js";
import { embed } from "../src/patterns/embedding.js";
import { character, cycleType, irrepDimension, partitionsOf, permutationsOf, type Partition } from "../src/representations/characters.js";
import { youngDecomposition, type YoungComponent } from "../src/representations/youngDecomposition.js";

// The census (docs/census.md). No expected number is pasted: the compiled loss against the jets, the Young
// decomposition against a brute-force decomposition of the permutation representation, the blocks against
// the spectrum of the evaluator's full Hessian at census points of both models, the points against the
// evaluator's loss and gradient, the orbit size against an enumeration of S_d x S_d, and the family names
// against the declared families' own critical points.

/** A seeded uniform in [-1/2, 1/2). */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

describe("the compiled float64 restricted loss", () => {
  it("equals restrictedLoss (jets) in value and W-gradient, for every sign of a", () => {
    const random = uniform(3);
    for (const sizes of [[9], [6, 3], [7, 1], [5, 4, 1], [4, 3, 3], [9, 7, 3]]) {
      const d = sizes.reduce((s, p) => s + p, 0);
      const P = censusPattern(sizes);
      for (const a of [sizes.map(() => 1), sizes.map((_, I) => (I === sizes.length - 1 ? -1 : 1))]) {
        const x = P.params.map((q) => (q.kind === "a" ? a[q.row]! : q.kind === "diag" ? 2 * random() : random() / 2));
        const grad = new Float64Array(x.length);
        const value = compileRestrictedLoss(P, d, a).evaluate(Float64Array.from(x), grad);
        const jet = lossJet(F64, P, x, d, weightParams(P), { order: 1 });
        expect(Math.abs(value - jet.value)).toBeLessThan(1e-12 * Math.max(1, Math.abs(jet.value)));
        weightParams(P).forEach((k, i) => expect(Math.abs(grad[k]! - jet.gradient[i]!), `${sizes} ${P.params[k]!.name}`).toBeLessThan(1e-11));
      }
    }
  });

  it("its Hessian by hand, in W and a, equals the jets' (also at real d, with parallel rows, and a off +-1)", () => {
    const random = uniform(5);
    const cases: { sizes: number[]; d: number; x?: (P: ReturnType<typeof censusPattern>) => number[] }[] = [
      { sizes: [6, 3], d: 9 },
      { sizes: [5, 3, 2], d: 10 },
      { sizes: [6, 2, 1, 1], d: 10 },
      { sizes: [7, 3], d: 10.37 },
      // Every row a multiple of one vector: the kernels of the pairs take their parallel form.
      { sizes: [4, 3], d: 7, x: (P) => P.params.map((q) => (q.kind === "a" ? 0.8 : 0.5)) },
    ];
    for (const { sizes, d, x: at } of cases) {
      const P = censusPattern(sizes);
      const x = at?.(P) ?? P.params.map((q) => (q.kind === "a" ? 0.5 + random() : q.kind === "diag" ? 2 * random() - 1 : random() - 0.5));
      const hand = restrictedHessianFloat64(P, x, d);
      const jets = lossJet(F64, P, x, d, P.params.map((_, k) => k)).hessian!;
      const scale = Math.max(1, ...jets.flat().map(Math.abs));
      jets.forEach((row, i) => row.forEach((h, j) => expect(Math.abs(hand[i]![j]! - h), `${sizes} d = ${d}: ${P.params[i]!.name}, ${P.params[j]!.name}`).toBeLessThan(1e-12 * scale)));
    }
  });
});

describe("isotropy types", () => {
  it("partitions: every composition of d into c classes up to order, once", () => {
    for (let d = 4; d <= 12; d++) {
      for (let c = 1; c <= 3; c++) {
        const parts = partitionsInto(d, c);
        expect(new Set(parts.map((p) => p.join())).size).toBe(parts.length);
        for (const p of parts) {
          expect(p.reduce((s, x) => s + x, 0)).toBe(d);
          expect(p.every((x, i) => x >= 1 && (i === 0 || x <= p[i - 1]!))).toBe(true);
        }
        // Compositions counted by brute force, up to reordering.
        let compositions = 0;
        const seen = new Set<string>();
        const walk = (left: number, chosen: number[]): void => {
          if (chosen.length === c) {
            if (left === 0) {
              compositions++;
              seen.add([...chosen].sort((u, v) => v - u).join());
            }
            return;
          }
          for (let x = 1; x <= left; x++) walk(left - x, [...chosen, x]);
        };
        walk(d, []);
        expect(parts.length).toBe(seen.size);
        expect(compositions).toBeGreaterThanOrEqual(parts.length);
      }
    }
    expect(censusTypes(20, 3, 3).filter((t) => t.length === 3).every((t) => t[2]! <= 3)).toBe(true);
  });

  it("the orbit size (d!)^2 / (p_1! ... p_c!) is the number of images of a generic point under S_d x S_d", () => {
    const d = 4;
    const perms = permutationsOf(d);
    for (const sizes of [[4], [3, 1], [2, 2], [2, 1, 1]]) {
      const P = censusPattern(sizes);
      const random = uniform(sizes.length * 7 + sizes[0]!);
      const x = P.params.map((q) => (q.kind === "a" ? 1 : random()));
      const { W } = embed(P, x, d);
      const images = new Set<string>();
      for (const rows of perms) for (const cols of perms) images.add(rows.map((r) => cols.map((c) => W[r]![c]!.toFixed(12)).join(",")).join(";"));
      expect(BigInt(images.size), sizes.join("|")).toBe(orbitSize(sizes));
    }
  });
});

/**
 * Brute force: the character projections (dim/|G|) sum_g chi(g) rho(g) of G = S_{n_1} x ... x S_{n_c} on
 * the permutation representation of M(d,d) x R^d (rows and columns permuted together), for every tuple of
 * irreducibles; rank / dim is the multiplicity. Written index by index, not through patterns.
 */
function bruteForce(sizes: readonly number[], secondLayer: "trained" | "fixed"): Map<string, number> {
  const d = sizes.reduce((s, p) => s + p, 0);
  const size = secondLayer === "trained" ? d * d + d : d * d;
  const starts = sizes.map((_, I) => sizes.slice(0, I).reduce((s, p) => s + p, 0));
  const tuples = <T,>(lists: readonly (readonly T[])[]): T[][] => lists.reduce<T[][]>((acc, l) => acc.flatMap((t) => l.map((x) => [...t, x])), [[]]);
  const elements = tuples(sizes.map((n) => permutationsOf(n)));
  const irreps = tuples(sizes.map((n) => partitionsOf(n)));
  const out = new Map<string, number>();
  for (const lambdas of irreps) {
    const M = new Float64Array(size * size);
    elements.forEach((g) => {
      const chi = lambdas.reduce((c, lambda, I) => c * character(lambda, cycleType(g[I]!)), 1);
      if (chi === 0) return;
      const image = new Int32Array(d);
      g.forEach((perm, I) => perm.forEach((t, s) => (image[starts[I]! + s] = starts[I]! + t)));
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) M[(i * d + j) * size + image[i]! * d + image[j]!] += chi;
        if (secondLayer === "trained") M[(d * d + i) * size + d * d + image[i]!] += chi;
      }
    });
    const dim = lambdas.reduce((s, lambda) => s * irrepDimension(lambda), 1);
    const rows = Array.from({ length: size }, (_, r) => Array.from(M.subarray(r * size, (r + 1) * size), (v) => (v * dim) / elements.length));
    const rank = symmetricEigenvaluesFloat64(rows).filter((v) => v > 0.5).length;
    if (rank > 0) out.set(JSON.stringify(lambdas), rank / dim);
  }
  return out;
}

/** The irreducible of a Young component as a tuple of partitions, one per class. */
function partitionsOfComponent(sizes: readonly number[], c: YoungComponent): Partition[] {
  const [I, J] = c.irrep.split;
  return sizes.map((n, K) => {
    if (c.irrep.kind === "standard" && K === I) return [n - 1, 1];
    if (c.irrep.kind === "twoRow" && K === I) return [n - 2, 2];
    if (c.irrep.kind === "exterior" && K === I) return [n - 2, 1, 1];
    if (c.irrep.kind === "product" && (K === I || K === J)) return [n - 1, 1];
    return [n];
  });
}

describe("the Young decomposition (every class by the fixed-point chain)", () => {
  it("sum m * dim = d^2 + d (fixed: d^2) and sum gauge * dim = d, for every type of at most three classes, d = 4..16", () => {
    for (let d = 4; d <= 16; d++) {
      for (const sizes of censusTypes(d, 3)) {
        for (const secondLayer of ["trained", "fixed"] as const) {
          const comps = youngDecomposition(censusPattern(sizes), d, secondLayer);
          expect(comps.reduce((s, c) => s + c.blockSize * c.dimension, 0), `${sizes} ${secondLayer}`).toBe(secondLayer === "trained" ? d * d + d : d * d);
          expect(comps.reduce((s, c) => s + c.gaugeCount * c.dimension, 0)).toBe(secondLayer === "trained" ? d : 0);
        }
      }
    }
  });

  it("multiplicities match a brute-force decomposition of the permutation representation, classes of 1 to 4 indices", () => {
    for (const sizes of [[4], [3, 1], [2, 2], [4, 3], [3, 3], [4, 2], [2, 1, 1], [3, 2, 1], [2, 2, 2], [3, 3, 1], [4, 2, 1], [3, 2, 2]]) {
      const d = sizes.reduce((s, p) => s + p, 0);
      for (const secondLayer of ["trained", "fixed"] as const) {
        const derived = new Map<string, number>();
        for (const c of youngDecomposition(censusPattern(sizes), d, secondLayer)) derived.set(JSON.stringify(partitionsOfComponent(sizes, c)), c.blockSize);
        expect(derived, `${sizes.join("|")} ${secondLayer}`).toEqual(bruteForce(sizes, secondLayer));
      }
    }
  });
});

describe("census points", () => {
  /** The sorted union of the blocks' eigenvalues, each dim times, with the gauge zeros. */
  function blockSpectrum(point: CensusPoint, secondLayer: "trained" | "fixed", d: number): number[] {
    const P = censusPattern(point.sizes);
    const x = point.entries.map((e) => e.value.toNumber());
    const out: number[] = [];
    for (const b of youngBlocks(F64, P, x, d, secondLayer)) {
      const { values, gaugeResidual } = youngBlockEigenvalues(F64, b);
      expect(gaugeResidual).toBeLessThan(1e-10);
      for (const v of [...values, ...Array.from({ length: b.component.gaugeCount }, () => 0)]) for (let t = 0; t < b.component.dimension; t++) out.push(v);
    }
    return out.sort((u, v) => u - v);
  }

  const RUNS: readonly { d: number; secondLayer: "trained" | "fixed"; types?: number[][] }[] = [
    { d: 8, secondLayer: "fixed" },
    { d: 10, secondLayer: "trained", types: [[10], [9, 1], [7, 3], [6, 3, 1], [5, 3, 2]] },
    { d: 12, secondLayer: "fixed", types: [[12], [9, 3], [6, 6], [8, 3, 1], [5, 4, 3]] },
  ];
  for (const { d, secondLayer, types } of RUNS) {
    it(`d = ${d}, ${secondLayer}: block spectra equal the evaluator's full Hessian, loss and gradient agree, index and minimum follow`, () => {
      const report = census({ d, maxClasses: 3, all: true, secondLayer, search: { ...DEFAULT_SEARCH, random: 2 }, ...(types === undefined ? {} : { types }) });
      expect(report.points.length).toBeGreaterThan(3);
      expect(report.points.some((p) => p.sizes.length === 3)).toBe(true);
      const F = new DecimalField(40);
      for (const [n, point] of report.points.entries()) {
        const P = censusPattern(point.sizes);
        const name = `${point.sizes.join("|")} loss ${point.loss.toFixed(8)}`;
        // Every third point against the evaluator at 40 digits: loss, and a full gradient at the Newton level.
        if (n % 3 === 0) {
          const { W, a } = embed(P, point.entries.map((e) => F.from(e.value)), d);
          const lg = lossAndGradient(F, W, a);
          expect(lg.loss.sub(point.loss).abs().toNumber(), name).toBeLessThan(1e-25);
          const gW = lg.gW.flat().reduce((s, v) => s.add(v.mul(v)), F.zero());
          expect(gW.sqrt().toNumber(), name).toBeLessThan(1e-24);
        }
        // Its spectrum: the blocks, with multiplicities, against the full Hessian of the evaluator.
        const x = point.entries.map((e) => e.value.toNumber());
        const full64 = embed(P, x, d);
        const full = symmetricEigenvaluesFloat64(hessian(F64, full64.W, full64.a, secondLayer)).sort((u, v) => u - v);
        const blocks = blockSpectrum(point, secondLayer, d);
        expect(blocks.length).toBe(full.length);
        const scale = Math.max(1, ...full.map(Math.abs));
        full.forEach((v, i) => expect(Math.abs(v - blocks[i]!), `${name}: eigenvalue ${i}`).toBeLessThan(1e-9 * scale));
        const negative = full.filter((v) => v < -1e-9 * scale).length;
        expect(point.index, name).toBe(negative);
        expect(point.minimum).toBe(point.index === 0 && point.zero === 0);
      }
      // Distinct up to S_d x S_d: no two points of a type are one point.
      for (const [i, p] of report.points.entries()) {
        for (const q of report.points.slice(i + 1)) {
          if (p.sizes.join() !== q.sizes.join()) continue;
          expect(samePoint(censusPattern(p.sizes), p.sizes, p.entries.map((e) => e.value.toNumber()), q.entries.map((e) => e.value.toNumber()), 1e-8)).toBe(false);
        }
      }
    }, 120_000);
  }

  it("at d = 10 (fixed second layer) the census finds every declared family of the model, named by its own critical point", () => {
    const report = census({ d: 10, maxClasses: 2, all: false, secondLayer: "fixed", search: DEFAULT_SEARCH });
    const named = new Set(report.points.map((p) => p.family).filter((f) => f !== undefined));
    for (const f of ["1a", "1b", "2a", "2b", "3a", "3b", "4", "4b"]) expect(named.has(f), f).toBe(true);
    // A declared family has p <= 3; the other names are template instances of two-class minima (test/censusInstances.test.ts).
    for (const p of report.points) {
      if (p.family === undefined) continue;
      if (/^[a-z]+\.p\d+$/.test(p.family)) expect(p.sizes.length === 2 && p.minimum).toBe(true);
      else expect(p.sizes.length <= 2 && (p.sizes[1] ?? 0) <= 3).toBe(true);
    }
  }, 120_000);

  it("the two second layers' censuses at one d share their searches under a = 1 and their Newton solves, and are those each computes alone", () => {
    const d = 10;
    const types = [[10], [9, 1], [7, 3], [6, 4]];
    const options = { d, maxClasses: 2, all: false, search: { ...DEFAULT_SEARCH, random: 8 }, types };
    const share = newCensusShare();
    const together = (["fixed", "trained"] as const).map((secondLayer) => census({ ...options, secondLayer, share }));
    const alone = (["fixed", "trained"] as const).map((secondLayer) => census({ ...options, secondLayer }));
    const text = (r: ReturnType<typeof census>): string => JSON.stringify(r.points.map((p) => ({ ...p, entries: p.entries.map((e) => e.value.toString()), loss: p.loss.toString(), gradientNorm: p.gradientNorm.toString(), orbitSize: String(p.orbitSize) })));
    together.forEach((r, i) => expect(text(r)).toBe(text(alone[i]!)));
    // Taken over, not recomputed: one search per type and sign vector of the trained model, the fixed model's among them.
    expect(share.searches.size).toBe(types.reduce((s, t) => s + signVectors(t, "trained").length, 0));
  }, 60_000);

  it("exchanged points and the saddles next to them find a.p33 at d = 55, which the random and sign starts miss", () => {
    const d = 55;
    const sizes = [33, 22];
    const P = censusPattern(sizes);
    const found = searchType(sizes, d, "fixed", DEFAULT_SEARCH).points;
    // The instance's own point, walked from its seed (its 33 negative rows are its class B, the census's A).
    const own = familyCriticalPoint(familyByName("a.p33"), String(d), 16);
    const x = permuteClasses(P, own.x.map((v) => v.toNumber()), [1, 0]);
    expect(found.some((p) => samePoint(P, sizes, p.x, x, 1e-6))).toBe(true);
  }, 60_000);

  it("float64 blocks at the refined point agree with BigFloat(40) blocks", () => {
    const d = 12;
    const report = census({ d, maxClasses: 3, all: false, secondLayer: "fixed", search: { random: 1, randomThreeClasses: 1, signed: 1, seed: 2 }, types: [[8, 3, 1], [9, 3]] });
    const B = new BigFloatField(40);
    for (const point of report.points.slice(0, 3)) {
      const P = censusPattern(point.sizes);
      const x64 = point.entries.map((e) => e.value.toNumber());
      const xB = point.entries.map((e) => B.fromDecimalString(e.value.toString()));
      const low = youngBlocks(F64, P, x64, d, "fixed").map((b) => youngBlockEigenvalues(F64, b).values);
      const high = youngBlocks(B, P, xB, d, "fixed").map((b) => youngBlockEigenvalues(B, b).values.map((v) => B.toNumber(v)));
      low.forEach((vs, i) => vs.forEach((v, j) => expect(Math.abs(v - high[i]![j]!)).toBeLessThan(1e-11)));
    }
  }, 60_000);
});

describe("one point up to S_d x S_d", () => {
  it("a point embedded in a finer type coarsens back to its own type; class permutations and row moves are the same point", () => {
    const random = uniform(11);
    // A (6 | 3) point written in the pattern (6 | 2 | 1): B and C have the same rows.
    const coarse = censusPattern([6, 3]);
    const x = coarse.params.map((q) => (q.kind === "a" ? 1 : random()));
    const fine = censusPattern([6, 2, 1]);
    const group = [0, 1, 1];
    const y = fine.params.map((q) => {
      const I = group[q.row]!;
      const J = group[q.col]!;
      if (q.kind === "off" && I === J && q.row !== q.col) return x[coarse.paramIndex("off", I, I)!]!;
      return x[coarse.paramIndex(q.kind, I, J)!]!;
    });
    const back = coarsen({ sizes: [6, 2, 1], x: y }, 1e-12);
    expect(back.sizes).toEqual([6, 3]);
    back.x.forEach((v, k) => expect(v).toBeCloseTo(x[k]!, 12));
    // Class permutations of equal sizes and row variants leave the loss unchanged and are recognised.
    const P = censusPattern([5, 2, 2]);
    const z = P.params.map((q) => (q.kind === "a" ? 1 : random()));
    const loss = (v: number[]): number => compileRestrictedLoss(P, 9, [1, 1, 1]).evaluate(Float64Array.from(v), new Float64Array(v.length));
    for (const perm of sizePreservingPermutations([5, 2, 2])) {
      for (const v of rowVariants(P, [5, 2, 2], permuteClasses(P, z, perm))) {
        expect(loss(v)).toBeCloseTo(loss(z), 12);
        expect(samePoint(P, [5, 2, 2], v, z, 1e-12)).toBe(true);
      }
    }
  });
});
