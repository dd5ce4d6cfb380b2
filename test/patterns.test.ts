import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { hessian, loss, lossAndGradient } from "../src/model/evaluator.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import type { RealField } from "../src/numbers/field.js";
import { F64 } from "../src/numbers/floatField.js";
import { QPI, type QPi } from "../src/numbers/qpi.js";
import { symmetricEigenvalues } from "../src/linalg/symmetricEigen.js";
import { Pattern } from "../src/patterns/pattern.js";
import { restrictedLoss } from "../src/patterns/restrictedLoss.js";
import { lossJet } from "../src/patterns/derivatives.js";
import { fullGradientNorm, paramWeights } from "../src/patterns/metric.js";
import { indexClasses, embed, embeddingColumns, entryCount, project, sumOverEntries } from "../src/patterns/embedding.js";
import { Series } from "../src/series/series.js";
import { seriesScalar } from "../src/series/seriesScalar.js";
import { evaluateSeries } from "../src/series/evaluate.js";
import { mulberry32 } from "./support/random.js";

// The restricted loss L_P (docs/patterns.md) against the independent evaluator at integer d: value,
// gradient E^T grad L, Hessian E^T H E, spectra in orthonormal coordinates, and the series form against
// the Decimal form. No expected number is pasted: every reference is computed by another code path.

const D40 = new DecimalField(40);
const D30 = new DecimalField(30);


/** The finer pattern (d-p-2 | 1 | 1 | p) (p = 0: (d-2 | 1 | 1)). */
function finer(p: number): Pattern {
  const classes = [{ name: "A" }, { name: "s", size: 1 }, { name: "t", size: 1 }];
  return new Pattern(p === 0 ? classes : [...classes, { name: "B", size: p }]);
}

/** Patterns of other widths: rows without a diagonal column (k > d), columns without a diagonal row (k < d). */
const WIDTH_PATTERNS: readonly Pattern[] = [
  new Pattern([{ name: "A" }, { name: "B", size: 1 }, { name: "E", size: 1, role: "row" }]),
  new Pattern([{ name: "A" }, { name: "E", size: 2, role: "row" }]),
  new Pattern([{ name: "A" }, { name: "B", size: 2 }, { name: "C", size: 1, role: "column" }]),
  new Pattern([{ name: "A" }, { name: "E", size: 1, role: "row" }, { name: "F", size: 2, role: "row" }, { name: "C", size: 1, role: "column" }]),
];

const PATTERNS: readonly Pattern[] = [
  Pattern.isotropy(0),
  Pattern.isotropy(1),
  Pattern.isotropy(2),
  Pattern.isotropy(3),
  finer(0),
  finer(1),
  finer(2),
  finer(3),
  ...WIDTH_PATTERNS,
];

/** Seeded parameters: W entries and a uniform in [-1, 1) (rows in general position). */
function randomParams(P: Pattern, seed: number): number[] {
  const rnd = mulberry32(seed);
  return P.params.map(() => 2 * rnd.uniform() - 1);
}

const toField = <T>(F: RealField<T>, x: readonly number[]): T[] => x.map((v) => F.fromDecimalString(v.toString()));

const maxAbs = (xs: readonly Decimal[]): Decimal => xs.reduce((m, v) => (v.abs().gt(m) ? v.abs() : m), D40.zero());

/** E^T M E for the 0/1 embedding columns E (each column a list of full indices). */
function restrictMatrix<T>(F: RealField<T>, M: readonly (readonly T[])[], cols: readonly number[][]): T[][] {
  return cols.map((ci) =>
    cols.map((cj) => {
      let s = F.zero();
      for (const p of ci) for (const q of cj) s = F.add(s, M[p]![q]!);
      return s;
    }),
  );
}

const CASES: readonly { P: Pattern; d: number; seed: number }[] = PATTERNS.flatMap((P, k) => [7, 9].map((d) => ({ P, d, seed: 1000 * k + d })));

describe("the pattern's coordinates", () => {
  it("(d-p | p) has the coordinates x1..x6, y1, y2 of docs/patterns.md", () => {
    expect(Pattern.isotropy(0).params.map((q) => q.alias)).toEqual(["x1", "x2", "y1"]);
    expect(Pattern.isotropy(1).params.map((q) => q.alias)).toEqual(["x1", "x2", "x3", "x4", "x5", "y1", "y2"]);
    expect(Pattern.isotropy(3).params.map((q) => q.alias)).toEqual(["x1", "x2", "x3", "x4", "x5", "x6", "y1", "y2"]);
    expect(Pattern.isotropy(3).toString()).toBe("(d-3 | 3)");
    expect(finer(2).toString()).toBe("(d-4 | 1 | 1 | 2)");
    expect(WIDTH_PATTERNS.map((P) => [P.toString(), P.widthOffset])).toEqual([
      ["(d-1 | 1 | 1 row)", 1],
      ["(d | 2 row)", 2],
      ["(d-3 | 2 | 1 col)", -1],
      ["(d-1 | 1 row | 2 row | 1 col)", 2],
    ]);
    // A row class has no diagonal and no columns of its own; a column class no row parameters.
    expect(WIDTH_PATTERNS[0]!.params.map((q) => q.name)).toEqual([
      "diag(A)", "off(A,A)", "off(A,B)", "off(B,A)", "diag(B)", "off(E,A)", "off(E,B)", "a(A)", "a(B)", "a(E)",
    ]);
  });

  it("the special indices split into B and D: (d-2 | 1 | 1 | 1 row) and its aliases (docs/patterns.md §2.4)", () => {
    const P = Pattern.isotropy(2, 1, [1, 1]);
    expect(P.toString()).toBe("(d-2 | 1 | 1 | 1 row)");
    expect(P.params.map((q) => `${q.name}=${q.alias}`)).toEqual([
      "diag(A)=x1", "off(A,A)=x2", "off(A,B)=x3", "off(A,D)=x7", "off(B,A)=x4", "diag(B)=x5", "off(B,D)=x8",
      "off(D,A)=x9", "off(D,B)=x10", "diag(D)=x11", "off(E,A)=z1", "off(E,B)=z2", "off(E,D)=z3", "a(A)=y1", "a(B)=y2", "a(D)=y4", "a(E)=y3",
    ]);
    expect(() => Pattern.isotropy(3, 1, [1, 1])).toThrow("the split 1 + 1 of the special indices must add up to p = 3");
  });

  it.each(PATTERNS.map((P) => [P.toString(), P] as const))("%s: the metric weights count the entries of each parameter", (_, P) => {
    for (const d of [7, 9]) {
      const w = paramWeights(F64, P, d);
      const counts = embeddingColumns(P, d).map((c) => c.length);
      expect(w).toEqual(counts);
      expect(P.params.map((q) => entryCount(P, q, d))).toEqual(counts);
      const k = d + P.widthOffset;
      expect(counts.reduce((s, c) => s + c, 0)).toBe(k * d + k);
    }
  });

  it("rejects a d too small for the small classes", () => {
    expect(() => indexClasses(finer(3), 5)).toThrow(RangeError);
    expect(() => indexClasses(Pattern.isotropy(2), 6.5)).toThrow(/integer d/);
  });
});

describe("L_P against the independent evaluator (integer d, seeded random parameters)", () => {
  it.each(CASES.map((c) => [c.P.toString(), c.d, c]))("%s at d = %i: value, E^T grad L, |grad L|, project(embed(x)) = x", (_, d, c) => {
    const { P, seed } = c;
    const x = toField(D40, randomParams(P, seed));
    const dd = D40.fromInt(d);
    const { W, a } = embed(P, x, d);

    // Value: L_P(x; d) = L(E x).
    const LP = restrictedLoss(D40, P, x, dd);
    const full = lossAndGradient(D40, W, a);
    expect(loss(D40, W, a).sub(full.loss).abs().toNumber()).toBeLessThan(1e-35);
    expect(LP.sub(full.loss).abs().toNumber()).toBeLessThan(1e-35 * Math.max(1, full.loss.abs().toNumber()));

    // Gradient: grad L_P = E^T grad L (the full gradient summed over each parameter's entries).
    const all = P.params.map((_q, k) => k);
    const jet = lossJet(D40, P, x, dd, all, { order: 1 });
    expect(jet.value.sub(LP).abs().toNumber()).toBeLessThan(1e-35);
    const summed = sumOverEntries(D40, P, full.gW, full.ga);
    const diff = jet.gradient.map((g, k) => g.sub(summed[k]!));
    expect(maxAbs(diff).toNumber()).toBeLessThan(1e-35 * Math.max(1, maxAbs(summed).toNumber()));

    // |grad L| from the pattern gradient and the weights equals the norm of the full gradient.
    let norm2 = D40.zero();
    for (const row of full.gW) for (const v of row) norm2 = norm2.add(v.mul(v));
    for (const v of full.ga) norm2 = norm2.add(v.mul(v));
    const norm = fullGradientNorm(D40, jet.gradient, paramWeights(D40, P, dd));
    expect(norm.sub(norm2.sqrt()).abs().toNumber()).toBeLessThan(1e-35 * Math.max(1, norm.toNumber()));

    // Projection is a left inverse of the embedding (exactly: averages of equal entries).
    const back = project(D40, P, W, a);
    back.forEach((v, k) => expect(v.sub(x[k]!).abs().toNumber()).toBeLessThan(1e-38));
  });

  it.each(CASES.map((c) => [c.P.toString(), c.d, c]))("%s at d = %i: Hess L_P = E^T H E (float64)", (_, d, c) => {
    const { P, seed } = c;
    const x = randomParams(P, seed);
    const { W, a } = embed(P, x, d);
    const H = hessian(F64, W, a);
    const expected = restrictMatrix(F64, H, embeddingColumns(P, d));
    const HP = lossJet(F64, P, x, d, P.params.map((_q, k) => k)).hessian!;
    const scale = Math.max(...expected.flat().map(Math.abs));
    HP.forEach((row, i) => row.forEach((h, j) => expect(Math.abs(h - expected[i]![j]!)).toBeLessThan(1e-11 * scale)));
  });

  it.each([
    [Pattern.isotropy(3), 7],
    [finer(0), 7],
    [finer(2), 7],
  ] as const)("%s at d = %i: Hess L_P = E^T H E to 25 digits (Decimal 30)", (P, d) => {
    const x = toField(D30, randomParams(P, 77 + d));
    const { W, a } = embed(P, x, d);
    const H = hessian(D30, W, a);
    const expected = restrictMatrix(D30, H, embeddingColumns(P, d));
    const HP = lossJet(D30, P, x, D30.fromInt(d), P.params.map((_q, k) => k)).hessian!;
    const scale = maxAbs(expected.flat()).toNumber();
    HP.forEach((row, i) => row.forEach((h, j) => expect(h.sub(expected[i]![j]!).abs().toNumber()).toBeLessThan(1e-25 * scale)));
  });

  it.each(CASES.map((c) => [c.P.toString(), c.d, c]))(
    "%s at d = %i: D^{-1/2} Hess L_P D^{-1/2} has eigenvalues of the full Hessian",
    (_, d, c) => {
      const { P, seed } = c;
      const x = randomParams(P, seed);
      const { W, a } = embed(P, x, d);
      const fullSpectrum = symmetricEigenvalues(F64, hessian(F64, W, a));
      const HP = lossJet(F64, P, x, d, P.params.map((_q, k) => k)).hessian!;
      const w = paramWeights(F64, P, d);
      const orthonormal = HP.map((row, i) => row.map((h, j) => h / Math.sqrt(w[i]! * w[j]!)));
      const spectrum = symmetricEigenvalues(F64, orthonormal);
      const scale = Math.max(...fullSpectrum.map(Math.abs));
      for (const lambda of spectrum) {
        const nearest = Math.min(...fullSpectrum.map((mu) => Math.abs(mu - lambda)));
        expect(nearest).toBeLessThan(1e-10 * scale);
      }
    },
  );
});

describe("the kernels L_P forms (docs/patterns.md §2.1)", () => {
  // Patterns whose rows all have a diagonal column: at a random point no two rows are parallel.
  it.each([[Pattern.isotropy(3)], [finer(2)], [WIDTH_PATTERNS[2]!]] as const)("%s: exact and rounding arithmetic form one student–student kernel per unordered pair of row classes", (P) => {
    const classes = P.classes.map((_, i) => i);
    const rows = classes.filter((i) => P.hasRows(i)).length;
    const columns = classes.filter((i) => P.hasColumns(i)).length;
    const paired = classes.filter((i) => P.isPaired(i)).length;
    const x = randomParams(P, 5);
    // Count the kernel angles at a random point: each kernel of rows not parallel forms one atan2. float64
    // without `negligible` is taken for exact arithmetic, with it for rounding.
    const count = (rounding: boolean): { angles: number; loss: number } => {
      let angles = 0;
      const S = Object.assign(Object.create(F64) as typeof F64, { atan2: (y: number, x: number) => (angles++, F64.atan2(y, x)) });
      if (!rounding) Object.assign(S, { negligible: undefined });
      return { loss: restrictedLoss(S, P, x, 9), angles };
    };
    const [exact, rounding] = [count(false), count(true)];
    // student–student: rows (rows + 1) / 2 unordered pairs; student–teacher: own column, then each column class
    for (const c of [exact, rounding]) expect(c.angles).toBe((rows * (rows + 1)) / 2 + paired + rows * columns);
    expect(exact.loss).toBe(rounding.loss);
  });
});

describe("exactly parallel and antiparallel rows (the r = 0 rule)", () => {
  // W diagonal with mixed signs: student rows are exactly parallel or antiparallel to teacher rows, so
  // kernelFromColumns takes its r = 0 branch; value, gradient and Hessian must still be the evaluator's.
  it.each([Pattern.isotropy(1), finer(1)])("%s at d = 7, W diagonal", (P) => {
    const d = 7;
    const x = P.params.map((q) => (q.kind === "off" ? 0 : q.kind === "diag" ? (q.row === 0 ? 1.25 : -0.75) : q.row === 0 ? 0.9 : -1.1));
    const xd = toField(D40, x);
    const { W, a } = embed(P, xd, d);
    const all = P.params.map((_q, k) => k);
    const full = lossAndGradient(D40, W, a);
    const jet = lossJet(D40, P, xd, D40.fromInt(d), all, { order: 1 });
    expect(jet.value.sub(full.loss).abs().toNumber()).toBeLessThan(1e-35);
    const summed = sumOverEntries(D40, P, full.gW, full.ga);
    jet.gradient.forEach((g, k) => expect(g.sub(summed[k]!).abs().toNumber()).toBeLessThan(1e-35));

    const Wf = embed(P, x, d);
    const expected = restrictMatrix(F64, hessian(F64, Wf.W, Wf.a), embeddingColumns(P, d));
    const HP = lossJet(F64, P, x, d, all).hessian!;
    HP.forEach((row, i) => row.forEach((h, j) => expect(Math.abs(h - expected[i]![j]!)).toBeLessThan(1e-12)));
  });
});

describe("L_P as a series in eps = d^(-1/2) over Q(pi)", () => {
  // Parameters are exact polynomials in eps over Q(pi) in the scalings of the families (diagonals and a
  // O(1), off-diagonal entries O(eps^2) = O(1/d)), so every limit angle is 0, pi/2 or pi and the series
  // stays in Q(pi), while the student-teacher angles t ~ eps bring in the odd powers of eps. The series,
  // summed at a small eps, must agree with the Decimal L_P at d = eps^-2 and the same parameter values
  // up to the series' truncation error, O(eps^(prec - 4)) for kernels truncated at O(eps^prec).
  const q = (n: number, m: number): QPi => QPI.fromRational(n, m);

  function seriesParams(P: Pattern, seed: number): Series<QPi>[] {
    const rnd = mulberry32(seed);
    const r = (): QPi => q(Math.floor(41 * rnd.uniform()) - 20, 1 + Math.floor(9 * rnd.uniform()));
    return P.params.map((p) => {
      // Leading coefficients are nonzero: were off(s,A) = O(eps^3), the leading term of |w_s x e_s|^2 =
      // d off(s,A)^2 + off(s,t)^2 would be a sum of two squares, whose root is not in Q(pi) in general.
      const lead = q((rnd.uniform() < 0.5 ? -1 : 1) * (5 + Math.floor(10 * rnd.uniform())), 8); // |lead| in {5/8, .., 14/8}
      if (p.kind === "off") return Series.of(QPI, 2, [lead, r()]);
      return Series.of(QPI, 0, [lead, r(), r()]);
    });
  }

  // The kernels are truncated at O(eps^7); the counts (up to d^2 = eps^-4) leave L_P known to O(eps^3).
  it.each([
    [Pattern.isotropy(1), 7],
    [finer(0), 7],
  ] as const)("%s: the series, summed at eps, matches Decimal L_P at d = eps^-2 to O(eps^tracked)", (P, prec) => {
    const S = seriesScalar(QPI, prec);
    const xs = seriesParams(P, 11 + P.params.length);
    const dSeries = Series.monomial(QPI, QPI.one(), -2);
    const L = restrictedLoss(S, P, xs, dSeries);
    expect(L.val).toBe(-4);
    expect(L.prec).toBe(prec - 4);
    const D60 = new DecimalField(60);
    const ratios: number[] = [];
    for (const eps of ["1e-2", "1e-3"]) {
      const e = D60.fromDecimalString(eps);
      const x = xs.map((s) => D60.from(evaluateSeries(s, e, 70)));
      const exact = restrictedLoss(D60, P, x, e.pow(-2));
      const error = evaluateSeries(L, e, 60).sub(exact).abs();
      // The values are O(eps^-4) = O(d^2); the error is the first untracked term c eps^tracked.
      expect(exact.abs().gt(e.pow(-3))).toBe(true);
      ratios.push(error.div(e.pow(L.prec)).toNumber());
    }
    // error / eps^tracked is bounded and the same at both eps: the error is of order exactly eps^tracked,
    // so every tracked coefficient is right (a wrong c_k, k < tracked, would scale the ratio by 10^(tracked-k)).
    for (const ratio of ratios) expect(ratio).toBeLessThan(1e4);
    expect(ratios[0]! / ratios[1]!).toBeGreaterThan(0.5);
    expect(ratios[0]! / ratios[1]!).toBeLessThan(2);
  });
});
