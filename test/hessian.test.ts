import Fraction from "fraction.js";
import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { familyCriticalPoints, familyPattern } from "../src/families/critical.js";
import { findFamily } from "../src/families/registry.js";
import { symmetricEigenvalues } from "../src/linalg/symmetricEigen.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { polyAdd, polyEquals, polyMul, type Poly } from "../src/numbers/polynomial.js";
import { Q } from "../src/numbers/rational.js";
import { lossJet } from "../src/patterns/derivatives.js";
import { paramWeights } from "../src/patterns/metric.js";
import { Pattern } from "../src/patterns/pattern.js";
import { checkBlockDimension, componentBases } from "../src/hessian/blocks.js";
import {
  character,
  cycleType,
  irrepDimension,
  partitionsOf,
  permutationsOf,
  type Partition,
} from "../src/representations/characters.js";
import { decompositionDimension, isotypicDecomposition } from "../src/representations/decomposition.js";
import { dimensionAtNumber, dimensionExpanded, dimensionFormula } from "../src/representations/dimension.js";
import { componentEigenvalues } from "../src/hessian/spectrum.js";
import { spectrumCommand } from "../src/cli/spectrumCommand.js";
import { UsageError } from "../src/cli/command.js";

// The Hessian by isotypic component (docs/hessian.md). No expected number is pasted: the decomposition
// is checked against a brute-force decomposition of the permutation representation, and the block
// eigenvalues against the spectrum of the full (d^2 + d) x (d^2 + d) Hessian of the independent
// evaluator, eigenvalue by eigenvalue with multiplicities (every family and integer d:
// fullHessianFloat64.test.ts, fullHessianDecimal.test.ts).

describe("characters of symmetric groups", () => {
  it("Murnaghan–Nakayama characters are orthonormal and have the hook-length degree (S_1..S_6)", () => {
    for (let k = 1; k <= 6; k++) {
      const group = permutationsOf(k);
      const parts = partitionsOf(k);
      const chars = parts.map((lambda) => group.map((g) => character(lambda, cycleType(g))));
      parts.forEach((lambda, i) => {
        expect(chars[i]![0]).toBe(irrepDimension(lambda)); // the identity comes first
        parts.forEach((_, j) => {
          const inner = chars[i]!.reduce((s, x, t) => s + x * chars[j]![t]!, 0) / group.length;
          expect(inner).toBe(i === j ? 1 : 0);
        });
      });
      // Sum of squared degrees = k!.
      expect(parts.reduce((s, lambda) => s + irrepDimension(lambda) ** 2, 0)).toBe(group.length);
    }
  });
});

/** The isotropy patterns of the families (d-p | p) and of other widths (row classes: k > d; column classes: k < d). */
const ISOTROPIES: readonly Pattern[] = [
  Pattern.isotropy(0),
  Pattern.isotropy(1),
  Pattern.isotropy(2),
  Pattern.isotropy(3),
  new Pattern([{ name: "A" }, { name: "E", size: 1, role: "row" }]),
  new Pattern([{ name: "A" }, { name: "B", size: 1 }, { name: "E", size: 1, role: "row" }]),
  new Pattern([{ name: "A" }, { name: "E", size: 2, role: "row" }]),
  new Pattern([{ name: "A" }, { name: "C", size: 1, role: "column" }]),
  new Pattern([{ name: "A" }, { name: "B", size: 2 }, { name: "C", size: 1, role: "column" }]),
];

describe("decomposition of M(k,d) x R^k under the isotropy group of a pattern", () => {
  it("sum of m * dim is k d + k (fixed second layer: k d), sum of gauge counts * dim is k, as polynomials in d", () => {
    const d: Poly<Fraction> = [new Fraction(0), new Fraction(1)];
    for (const F of ISOTROPIES) {
      const k: Poly<Fraction> = [new Fraction(F.widthOffset), new Fraction(1)];
      for (const secondLayer of ["trained", "fixed"] as const) {
        let total: Poly<Fraction> = [];
        let gauge: Poly<Fraction> = [];
        for (const c of isotypicDecomposition(F, undefined, secondLayer)) {
          total = polyAdd(Q, total, polyMul(Q, [new Fraction(c.blockSize)], dimensionExpanded(c.dimension)));
          gauge = polyAdd(Q, gauge, polyMul(Q, [new Fraction(c.gaugeCount)], dimensionExpanded(c.dimension)));
        }
        const kd = polyMul(Q, k, d);
        expect(polyEquals(Q, total, secondLayer === "trained" ? polyAdd(Q, kd, k) : kd), `${F.toString()} ${secondLayer}`).toBe(true);
        expect(polyEquals(Q, gauge, secondLayer === "trained" ? k : []), `${F.toString()} ${secondLayer}`).toBe(true);
      }
    }
  });

  it("dimension formulas are the hook-length degrees at integer d", () => {
    for (const F of ISOTROPIES) {
      const c0 = F.smallTotal;
      for (const c of isotypicDecomposition(F)) {
        for (let d = c0 + 4; d <= c0 + 9; d++) {
          const n = d - c0;
          const lambda = [n - c.sn.mu.reduce((s, x) => s + x, 0), ...c.sn.mu];
          expect(dimensionAtNumber(c.dimension, d), `${c.name} at d = ${d}: ${dimensionFormula(c.dimension)}`).toBe(
            irrepDimension(lambda) * c.psi.reduce((dim, part) => dim * irrepDimension(part), 1),
          );
        }
      }
    }
    expect(dimensionFormula(isotypicDecomposition(Pattern.isotropy(0))[2]!.dimension)).toBe("d(d-3)/2");
  });

  /**
   * Brute force: the character projections P = (dim / |G|) sum_g chi(g) rho(g) of G = S_n x G_finite on the
   * permutation representation of M(k,d) x R^k (k d + k points: W_ij and a_i, rows and columns permuted
   * by the same bulk permutation and each small class's permutation), for every pair of irreducibles; each
   * P must have eigenvalues 0 and 1 only, and rank P / dim is the multiplicity. Here the group acts on
   * rows and columns written out one by one, not through patterns.
   */
  function bruteForceMultiplicities(F: Pattern, d: number): Map<string, number> {
    const n = d - F.smallTotal;
    const k = d + F.widthOffset;
    const size = k * d + k;
    // Rows and columns of each class: the bulk first (0..n-1 both), then each small class in turn.
    const rowsOf: number[][] = [Array.from({ length: n }, (_, i) => i)];
    const colsOf: number[][] = [Array.from({ length: n }, (_, i) => i)];
    let nextRow = n;
    let nextCol = n;
    F.classes.slice(1).forEach((c, I) => {
      const take = (has: boolean, next: number): number[] => (has ? Array.from({ length: c.size! }, (_, t) => next + t) : []);
      rowsOf.push(take(F.hasRows(I + 1), nextRow));
      colsOf.push(take(F.hasColumns(I + 1), nextCol));
      nextRow += rowsOf[I + 1]!.length;
      nextCol += colsOf[I + 1]!.length;
    });
    const classGroups = F.classes.map((c, I) => permutationsOf(I === 0 ? n : c.size!));
    const classIrreps = F.classes.map((c, I) => partitionsOf(I === 0 ? n : c.size!));
    const tuples = <T,>(lists: readonly (readonly T[])[]): T[][] => lists.reduce<T[][]>((acc, l) => acc.flatMap((t) => l.map((x) => [...t, x])), [[]]);
    const elements = tuples(classGroups);
    const irreps = tuples(classIrreps);
    const chi = irreps.map((lambdas) => elements.map((g) => lambdas.reduce((c, lambda, I) => c * character(lambda, cycleType(g[I]!)), 1)));
    const P = irreps.map(() => new Float64Array(size * size));
    elements.forEach((g, gi) => {
      const rowImage = new Int32Array(k);
      const colImage = new Int32Array(d);
      g.forEach((perm, I) => {
        rowsOf[I]!.forEach((r, t) => (rowImage[r] = rowsOf[I]![perm[t]!]!));
        colsOf[I]!.forEach((c, t) => (colImage[c] = colsOf[I]![perm[t]!]!));
      });
      const image = new Int32Array(size);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < d; j++) image[i * d + j] = rowImage[i]! * d + colImage[j]!;
        image[k * d + i] = k * d + rowImage[i]!;
      }
      irreps.forEach((_, t) => {
        const coefficient = chi[t]![gi]!;
        if (coefficient === 0) return;
        const M = P[t]!;
        for (let x = 0; x < size; x++) M[x * size + image[x]!] = M[x * size + image[x]!]! + coefficient;
      });
    });
    const out = new Map<string, number>();
    irreps.forEach((lambdas, t) => {
      const dim = lambdas.reduce((s, lambda) => s * irrepDimension(lambda), 1);
      const rows = Array.from({ length: size }, (_, x) => Array.from(P[t]!.subarray(x * size, (x + 1) * size), (v) => (v * dim) / elements.length));
      const ev = symmetricEigenvaluesFloat64(rows);
      for (const v of ev) expect(Math.min(Math.abs(v), Math.abs(v - 1))).toBeLessThan(1e-9);
      const rank = ev.filter((v) => v > 0.5).length;
      expect(rank % dim).toBe(0);
      if (rank > 0) out.set(JSON.stringify(lambdas), rank / dim);
    });
    return out;
  }

  it("multiplicities match a brute-force decomposition at d = c + 2 .. c + 5", () => {
    for (const F of ISOTROPIES) {
      for (let d = F.smallTotal + 2; d <= F.smallTotal + 5; d++) {
        const n = d - F.smallTotal;
        const brute = bruteForceMultiplicities(F, d);
        const derived = new Map<string, number>();
        for (const c of isotypicDecomposition(F, d)) {
          const lambda: Partition = [n - c.sn.mu.reduce((s, x) => s + x, 0), ...c.sn.mu];
          derived.set(JSON.stringify([lambda, ...c.psi]), c.blockSize);
        }
        expect(derived, `${F.toString()}, d = ${d}`).toEqual(brute);
        if (n >= 4) {
          // The generic decomposition (no d given) applies from n = 4 on.
          expect(isotypicDecomposition(F).map((c) => c.blockSize)).toEqual(isotypicDecomposition(F, d).map((c) => c.blockSize));
        }
      }
    }
  });

  it("the exact block construction gives as many vectors as orbit counting (generic and small d)", () => {
    for (const F of ISOTROPIES) {
      for (const d of [undefined, F.smallTotal + 2, F.smallTotal + 3]) {
        for (const secondLayer of ["trained", "fixed"] as const) {
          const bases = componentBases(F, d, secondLayer);
          bases.forEach((b) => expect(b.complement.length).toBe(b.component.blockSize));
        }
      }
    }
  });

  it("rejects dimensions where the blocks are not defined", () => {
    expect(() => decompositionDimension(Pattern.isotropy(1), 2)).toThrow(/integer d >= 3 or a real d > 4/);
    expect(() => decompositionDimension(Pattern.isotropy(2), 4.5)).toThrow(/must exceed 5/);
    expect(decompositionDimension(Pattern.isotropy(2), 5.0001)).toBeUndefined();
    expect(decompositionDimension(Pattern.isotropy(2), 5)).toBe(5);
    expect(decompositionDimension(Pattern.isotropy(2), 6)).toBeUndefined();
    expect(() => decompositionDimension(ISOTROPIES[8]!, 4)).toThrow(/d = 4 is too small for the pattern \(d-3 \| 2 \| 1 col\)/);
  });
});

/**
 * d = 30, 20, then every integer from 12 down to the smallest in the family's range: continuation walks
 * the branch once, downwards (from the smallest d upwards some branches start at a degenerate point).
 */
describe("blocks at a point parallel only up to rounding (regression)", () => {
  // W = I with an off-diagonal parameter at rounding level (as Newton leaves it): the blocks must equal
  // those at the exactly parallel point, at every working precision (docs/patterns.md, "parallel rows").
  it("family 1a at d = 10^4: rounding-level x2 gives the blocks of x2 = 0 at 50..80 digits", () => {
    for (const digits of [50, 58, 68, 80]) {
      const D = new DecimalField(digits);
      const d = D.fromInt(10000);
      const exact = componentEigenvalues(D, Pattern.isotropy(0), [D.one(), D.zero(), D.one()], d);
      // The point Newton returned at 68 digits: x1 = 1 - 2e-68, x2 = -7.57e-73.
      for (const noise of [`-7.57e-${digits + 5}`, `1e-${digits + 3}`]) {
        const x1 = D.sub(D.one(), D.fromDecimalString(`2e-${digits}`));
        const noisy = componentEigenvalues(D, Pattern.isotropy(0), [x1, D.fromDecimalString(noise), D.one()], d);
        noisy.forEach((c, i) =>
          c.values.forEach((v, j) => expect(v.sub(exact[i]!.values[j]!).abs().toNumber(), `${digits} digits, x2 = ${noise}, ${c.component.name}`).toBeLessThan(Math.pow(10, -digits / 2 + 8))),
        );
      }
    }
  });
});

describe("blocks at real d", () => {
  /** Eigenvalues of a pattern's Hessian in count-weighted orthonormal coordinates, D^{-1/2} H D^{-1/2}. */
  function patternSpectrum(F: DecimalField, P: Pattern, x: Decimal[], d: Decimal): Decimal[] {
    const all = P.params.map((_, k) => k);
    const H = lossJet(F, P, x, d, all).hessian!;
    const s = paramWeights(F, P, d).map((w) => F.sqrt(w));
    return symmetricEigenvalues(F, H.map((row, i) => row.map((h, j) => F.div(h, F.mul(s[i]!, s[j]!)))));
  }

  it("at d = 7.5 the patterns (d-p | p), (d-p-1 | 1 | p), (d-p-2 | 1 | 1 | p) have the block spectra of their components", () => {
    const F = new DecimalField(40);
    for (const name of ["1b", "2a", "3b", "4"]) {
      const f = findFamily(name);
      const [point] = familyCriticalPoints(f, ["7.5"], 30);
      const d = F.from(point!.d);
      const comps = componentEigenvalues(F, familyPattern(f), point!.x, d).filter((c) => c.component.psi.every((part) => part.length <= 1));
      const byName = new Map<string, Decimal[]>(comps.map((c) => [c.component.sn.name, c.values]));
      const B = f.p === 0 ? [] : [{ name: "B", size: f.p }];
      const patterns: [Pattern, string[]][] = [
        [Pattern.isotropy(f.p), ["[n]"]],
        [new Pattern([{ name: "A" }, { name: "s", size: 1 }, ...B]), ["[n]", "[n-1,1]"]],
        [new Pattern([{ name: "A" }, { name: "s", size: 1 }, { name: "t", size: 1 }, ...B]), ["[n]", "[n-1,1]", "[n-1,1]", "[n-2,2]", "[n-2,1,1]"]],
      ];
      for (const [P, parts] of patterns) {
        const coarse = Pattern.isotropy(f.p);
        // The family's point in P: every class of P lies in A (the bulk and s, t) or B.
        const x = P.params.map((q) => {
          const cls = (I: number): number => (P.classes[I]!.name === "B" ? 1 : 0);
          return point!.x[coarse.paramIndex(q.kind, cls(q.row), cls(q.col))!]!;
        });
        const expected = patternSpectrum(F, P, x, d);
        const blocks = parts.flatMap((part) => byName.get(part)!).sort((u, v) => u.cmp(v));
        expect(blocks.length).toBe(expected.length);
        expected.forEach((v, k) => expect(v.sub(blocks[k]!).abs().toNumber(), `${name} ${P.toString()}`).toBeLessThan(1e-25));
      }
    }
  });
});

describe("spectrum command", () => {
  async function capture(args: string[], options: Record<string, string | boolean>): Promise<string> {
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => {
      chunks.push(s);
      return true;
    }) as typeof process.stdout.write;
    try {
      await spectrumCommand.run(args, options);
    } finally {
      process.stdout.write = write;
    }
    return chunks.join("");
  }

  it("--json: components, multiplicities adding up to d^2 + d, inertia and d gauge zeros", async () => {
    const doc = JSON.parse(await capture(["3a"], { d: "9", digits: "20", json: true })) as {
      family: string;
      d: string;
      components: { irrep: string; blockSize: number; dimension: string; dimensionFormula: string; eigenvalues: string[]; gauge: number[] }[];
      inertia: { negative: string; zero: string; positive: string };
    };
    expect(doc.family).toBe("3a");
    expect(doc.d).toBe("9");
    let total = 0;
    let gauge = 0;
    for (const c of doc.components) {
      expect(c.eigenvalues.length).toBe(c.blockSize);
      total += Number(c.dimension) * c.blockSize;
      gauge += Number(c.dimension) * c.gauge.length;
      for (const g of c.gauge) expect(c.eigenvalues[g]).toBe("0");
    }
    expect(total).toBe(90);
    expect(gauge).toBe(9);
    expect(Number(doc.inertia.negative) + Number(doc.inertia.zero) + Number(doc.inertia.positive)).toBe(90);
    expect(Number(doc.inertia.zero)).toBeGreaterThanOrEqual(9);
  });

  it("--json at a real d in (p + 2, p + 3): [n-2,2] is reported absent with its negative dimension", async () => {
    const doc = JSON.parse(await capture(["2a"], { d: "3.5", json: true })) as {
      components: { irrep: string; dimension: string }[];
      omitted: { irrep: string; dimension: string }[];
    };
    expect(doc.components.map((c) => c.irrep)).not.toContain("[n-2,2]");
    expect(doc.omitted.map((o) => o.irrep)).toEqual(["[n-2,2]"]);
    // The hook-length degree of [n-2,2], n(n-3)/2, at n = d - p = 2.5.
    const n = 2.5;
    expect(Number(doc.omitted[0]!.dimension)).toBeCloseTo((n * (n - 3)) / 2, 12);
    for (const c of doc.components) expect(Number(c.dimension)).toBeGreaterThan(0);
  });

  it("bad input names the value and what is allowed", async () => {
    expect(() => checkBlockDimension(Pattern.isotropy(1), 3 - 1e-9)).toThrow(/d = 2.999999999 is not allowed for isotropy p = 1.*integer d >= 3 or a real d > 3/);
    expect(() => checkBlockDimension(Pattern.isotropy(1), 3)).not.toThrow();
    await expect(capture(["2a"], { d: "10", digits: "5" })).rejects.toThrow(UsageError);
    await expect(capture(["2c"], { d: "10" })).rejects.toThrow(/unknown family '2c'/);
    await expect(capture(["2a"], {})).rejects.toThrow(/--d <real> is required/);
    await expect(capture(["2a"], { d: "1e13" })).rejects.toThrow(/outside family 2a's range/);
  });
});
