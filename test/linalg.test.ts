import { describe, expect, it, vi } from "vitest";
import { eigs } from "mathjs";
import type { Field, RealField } from "../src/numbers/field.js";
import { Q } from "../src/numbers/rational.js";
import { QPI, type QPi } from "../src/numbers/qpi.js";
import { Series } from "../src/series/series.js";
import { seriesField } from "../src/series/seriesField.js";
import { F64 } from "../src/numbers/floatField.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { identity, matMul, matVec, transpose, type Matrix } from "../src/linalg/matrix.js";
import { SingularMatrixError, determinant, inverse, nullspace, rank, solveLinear } from "../src/linalg/solve.js";
import { symmetricEigen, symmetricEigenvalues } from "../src/linalg/symmetricEigen.js";
import { illinoisZero } from "../src/linalg/illinois.js";
import type { Decimal } from "decimal.js";
import { mulberry32, randInt } from "./support/random.js";
import { randomLinearQPi } from "./support/randomElements.js";
import { randomRationalMatrix, randomSymmetric, withKnownSpectrum } from "./support/randomMatrices.js";
import { factorDense, solveDense } from "../src/discovery/dense.js";

/** The slow, obviously correct determinant: Laplace expansion along the first row. */
function cofactorDeterminant<T>(F: Field<T>, A: Matrix<T>): T {
  if (A.length === 0) return F.one();
  let det = F.zero();
  A[0]!.forEach((a, j) => {
    const minor = A.slice(1).map((row) => row.filter((_, k) => k !== j));
    const term = F.mul(a, cofactorDeterminant(F, minor));
    det = j % 2 === 0 ? F.add(det, term) : F.sub(det, term);
  });
  return det;
}

function matricesEqual<T>(F: Field<T>, A: Matrix<T>, B: Matrix<T>): boolean {
  return A.length === B.length && A.every((row, i) => row.length === B[i]!.length && row.every((a, j) => F.equals(a, B[i]![j]!)));
}

/** max_i |x_i - y_i| as a float64 (fine for sizes; the field decides the arithmetic). */
function maxDifference<T>(F: RealField<T>, x: T[], y: T[]): number {
  return Math.max(0, ...x.map((xi, i) => F.toNumber(F.abs(F.sub(xi, y[i]!)))));
}

/** max |A v - lambda v| over all pairs, and max |V V^T - I|: residual and orthonormality. */
function eigensystemErrors<T>(F: RealField<T>, A: Matrix<T>, values: T[], vectors: T[][]): { residual: number; orthogonality: number } {
  let residual = 0;
  vectors.forEach((v, k) => {
    const Av = matVec(F, A, v);
    residual = Math.max(residual, maxDifference(F, Av, v.map((vi) => F.mul(values[k]!, vi))));
  });
  const gram = matMul(F, vectors, transpose(vectors));
  const orthogonality = Math.max(...gram.map((row, i) => maxDifference(F, row, identity(F, vectors.length)[i]!)));
  return { residual, orthogonality };
}

describe("matrix helpers", () => {
  it("multiply, transpose and apply to vectors over Q", () => {
    const A = [[1, 2, 3], [4, 5, 6]].map((row) => row.map((v) => Q.fromInt(v)));
    const B = [[1, 0], [0, 1], [1, 1]].map((row) => row.map((v) => Q.fromInt(v)));
    expect(matMul(Q, A, B).map((row) => row.map((v) => Q.toString(v)))).toEqual([["4", "5"], ["10", "11"]]);
    expect(transpose(A).map((row) => row.map((v) => Q.toString(v)))).toEqual([["1", "4"], ["2", "5"], ["3", "6"]]);
    expect(matVec(Q, A, [Q.one(), Q.zero(), Q.fromRational(1, 3)]).map((v) => Q.toString(v))).toEqual(["2", "6"]);
    expect(matricesEqual(Q, matMul(Q, identity(Q, 2), A), A)).toBe(true);
    expect(() => matMul(Q, A, A)).toThrow(/2x3 times 2x3/);
  });
});

describe("solveLinear, inverse, determinant", () => {
  it("solves exactly over Q (with a zero in the first pivot position)", () => {
    const random = mulberry32(1);
    const A = randomRationalMatrix(Q, 6, random);
    A[0]![0] = Q.zero();
    const b = Array.from({ length: 6 }, () => Q.fromRational(randInt(random, -9, 9), randInt(random, 1, 5)));
    const x = solveLinear(Q, A, b);
    expect(matVec(Q, A, x).every((v, i) => Q.equals(v, b[i]!))).toBe(true);
  });

  it("solves exactly over Q(pi)", () => {
    const random = mulberry32(2);
    const A = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => randomLinearQPi(random)));
    const b = Array.from({ length: 4 }, () => randomLinearQPi(random));
    const x = solveLinear(QPI, A, b);
    expect(matVec(QPI, A, x).every((v, i) => QPI.equals(v, b[i]!))).toBe(true);
  });

  it("inverse times A is exactly the identity over Q(pi)", () => {
    const random = mulberry32(3);
    const A = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => randomLinearQPi(random)));
    const Ainv = inverse(QPI, A);
    expect(matricesEqual(QPI, matMul(QPI, Ainv, A), identity(QPI, 4))).toBe(true);
    expect(matricesEqual(QPI, matMul(QPI, A, Ainv), identity(QPI, 4))).toBe(true);
  });

  it("solves to working precision in Decimal(40) and float64 (partial pivoting)", () => {
    const random = mulberry32(4);
    const D = new DecimalField(40);
    const AD = randomRationalMatrix(D, 10, random);
    const bD = Array.from({ length: 10 }, () => D.fromInt(randInt(random, -9, 9)));
    expect(maxDifference(D, matVec(D, AD, solveLinear(D, AD, bD)), bD)).toBeLessThan(1e-35);

    const AF = randomRationalMatrix(F64, 30, random);
    // A tiny leading entry: without pivoting by magnitude this loses all accuracy.
    AF[0]![0] = 1e-18;
    const bF = Array.from({ length: 30 }, () => randInt(random, -9, 9));
    expect(maxDifference(F64, matVec(F64, AF, solveLinear(F64, AF, bF)), bF)).toBeLessThan(1e-11);
  });

  it("determinant agrees with cofactor expansion", () => {
    const random = mulberry32(5);
    for (let n = 0; n <= 5; n++) {
      const A = randomRationalMatrix(Q, n, random);
      expect(Q.toString(determinant(Q, A))).toBe(Q.toString(cofactorDeterminant(Q, A)));
    }
    const P = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => randomLinearQPi(random)));
    expect(QPI.equals(determinant(QPI, P), cofactorDeterminant(QPI, P))).toBe(true);
    const AF = randomRationalMatrix(F64, 6, random);
    const reference = cofactorDeterminant(F64, AF);
    expect(Math.abs(determinant(F64, AF) - reference)).toBeLessThan(1e-12 * Math.abs(reference));
  });

  it("determinant carries the sign of row swaps and is zero for a singular matrix", () => {
    const swap = [[0, 1, 0], [0, 0, 1], [1, 0, 0]].map((row) => row.map((v) => Q.fromInt(v)));
    expect(Q.toString(determinant(Q, swap))).toBe("1");
    expect(Q.toString(determinant(Q, [swap[1]!, swap[0]!, swap[2]!]))).toBe("-1");
    const singular = [[1, 2, 3], [4, 5, 6], [7, 8, 9]].map((row) => row.map((v) => Q.fromInt(v)));
    expect(Q.isZero(determinant(Q, singular))).toBe(true);
  });

  it("a singular matrix raises an error naming the column without a pivot", () => {
    // Column 2 = column 0 + column 1; columns 0 and 1 are independent.
    const A = [[1, 0, 1, 5], [2, 1, 3, 0], [0, 3, 3, 1], [1, 1, 2, 2]].map((row) => row.map((v) => Q.fromInt(v)));
    const b = A.map(() => Q.one());
    let caught: unknown;
    try {
      solveLinear(Q, A, b);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SingularMatrixError);
    expect((caught as SingularMatrixError).column).toBe(2);
    expect((caught as Error).message).toMatch(/singular over Q: .*no pivot in column 2/);
    expect(() => inverse(Q, A)).toThrow(/singular.*column 2/);

    // In float64 an exactly zero column is found; a nearly dependent one needs a tolerance.
    const zeroColumn = [[1, 0, 2], [3, 0, 4], [5, 0, 7]];
    expect(() => solveLinear(F64, zeroColumn, [1, 1, 1])).toThrow(/singular over float64.*column 1/);
    const D = new DecimalField(30);
    const nearlySingular = [[1, 2], [1, "2.0000000000000000000000000001"]].map((row) => row.map((v) => D.from(v)));
    expect(() => solveLinear(D, nearlySingular, [D.one(), D.one()])).not.toThrow();
    expect(() => solveLinear(D, nearlySingular, [D.one(), D.one()], { pivotTolerance: D.from("1e-20") })).toThrow(/singular over Decimal\(30\).*column 1/);
  });
});

describe("elimination over truncated series in Q(pi)", () => {
  it("the determinant by fused row operations (subMul) equals the one by products and sums", () => {
    const S = seriesField(QPI, 9);
    let fused = 0;
    const counting = { ...S, subMul: (a: Series<QPi>, f: Series<QPi>, b: Series<QPi>) => ((fused += 1), S.subMul!(a, f, b)) };
    const { subMul: _, ...plain } = S;
    const rnd = mulberry32(17);
    const entry = (): Series<QPi> =>
      Series.of(QPI, randInt(rnd, -1, 1), Array.from({ length: 6 }, () => QPI.add(QPI.fromRational(randInt(rnd, -9, 9), randInt(rnd, 1, 5)), QPI.div(QPI.fromInt(randInt(rnd, -3, 3)), QPI.add(QPI.pi(), QPI.fromInt(randInt(rnd, 1, 4)))))), 7);
    const A = Array.from({ length: 4 }, () => Array.from({ length: 4 }, entry));
    const det = determinant(counting, A, "complete");
    expect(det.equals(determinant(plain, A, "complete"))).toBe(true);
    expect(fused).toBeGreaterThan(0);
  });

  it("a column's quotients by its pivot share the pivot's inverse, and equal a.div(b)", () => {
    const S = seriesField(QPI, 9);
    let divisions = 0;
    const counting = { ...S, div: (a: Series<QPi>, b: Series<QPi>) => ((divisions += 1), S.div(a, b)) };
    const rnd = mulberry32(23);
    const entry = (): Series<QPi> => Series.of(QPI, randInt(rnd, 0, 1), Array.from({ length: 6 }, () => QPI.div(QPI.fromInt(randInt(rnd, -9, 9) || 1), QPI.add(QPI.pi(), QPI.fromInt(randInt(rnd, 1, 4))))), 7);
    const A = Array.from({ length: 5 }, () => Array.from({ length: 5 }, entry));
    const inverses = vi.spyOn(Series.prototype, "inv");
    determinant(counting, A, "complete");
    expect(inverses.mock.calls.length).toBeLessThan(divisions);
    inverses.mockRestore();
    const [a, b] = [entry(), entry()];
    expect(S.div(a, b).equals(a.div(b))).toBe(true);
    expect(S.div(b, b).equals(b.div(b))).toBe(true);
  });
});

describe("rank and nullspace over exact fields", () => {
  it("counts the rank and spans the kernel over Q", () => {
    // Rows 2 and 3 are combinations of rows 0 and 1: rank 2 in a 4x5 matrix.
    const rows = [[1, 2, 0, -1, 3], [0, 1, 1, 2, -1]];
    const A = [...rows, [1, 3, 1, 1, 2], [2, 3, -1, -4, 7]].map((row) => row.map((v) => Q.fromInt(v)));
    expect(rank(Q, A)).toBe(2);
    const kernel = nullspace(Q, A);
    expect(kernel).toHaveLength(3);
    for (const x of kernel) expect(matVec(Q, A, x).every((v) => Q.isZero(v))).toBe(true);
    expect(rank(Q, kernel)).toBe(3);
  });

  it("gives eigenvalue multiplicities over Q(pi) as n - rank(A - lambda I)", () => {
    // A = S diag(pi, pi, 1/pi) S^{-1} for an integer S: pi has geometric multiplicity 2.
    const pi = QPI.pi();
    const S = [[1, 1, 0], [0, 1, 1], [1, 0, 2]].map((row) => row.map((v) => QPI.fromInt(v)));
    const diag = [pi, pi, QPI.div(QPI.one(), pi)];
    const A = matMul(QPI, matMul(QPI, S, diag.map((d, i) => diag.map((_, j) => (i === j ? d : QPI.zero())))), inverse(QPI, S));
    const shifted = A.map((row, i) => row.map((a, j) => (i === j ? QPI.sub(a, pi) : a)));
    expect(3 - rank(QPI, shifted)).toBe(2);
    expect(rank(QPI, A)).toBe(3);
  });

  it("refuses rounding fields", () => {
    expect(() => rank(F64, [[1]])).toThrow(/exact field, got float64/);
  });
});

describe("symmetric eigenvalues", () => {
  it("recovers a known spectrum with repeated eigenvalues in float64 (n = 50)", () => {
    const random = mulberry32(6);
    // -3 three times, 0 twice, 2.5 four times, then distinct values.
    const known = [-3, -3, -3, 0, 0, 2.5, 2.5, 2.5, 2.5, ...Array.from({ length: 41 }, (_, i) => -4 + 0.2 * i + 0.01)];
    const A = withKnownSpectrum(F64, known, random);
    const expected = known.slice().sort((x, y) => x - y);
    // Backward stable: errors of order n * 2^-53 * ||A|| ~ 50 * 1.1e-16 * 4 ~ 2e-14 (observed: 6e-15).
    expect(maxDifference(F64, symmetricEigenvalues(F64, A), expected)).toBeLessThan(1e-13);
    expect(maxDifference(F64, symmetricEigenvalues(F64, A, { generic: true }), expected)).toBeLessThan(1e-13);
    const { values, vectors } = symmetricEigen(F64, A);
    expect(maxDifference(F64, values, expected)).toBeLessThan(1e-13);
    const errors = eigensystemErrors(F64, A, values, vectors);
    expect(errors.residual).toBeLessThan(1e-13);
    expect(errors.orthogonality).toBeLessThan(1e-13);
  });

  it("recovers a known spectrum in Decimal(40) (n = 12) to near working precision", () => {
    const random = mulberry32(7);
    const D = new DecimalField(40);
    const known = ["-2", "-2", "0.5", "1", "1", "1", "1.25", "3", "-0.75", "2", "2.000000000000000000001", "4"].map((s) => D.from(s));
    const A = withKnownSpectrum(D, known, random);
    const expected = known.slice().sort((x, y) => x.comparedTo(y));
    // n * (unit roundoff 5e-40) * ||A|| ~ 12 * 5e-40 * 4 ~ 2.4e-38 (observed: 7e-39).
    const values = symmetricEigenvalues(D, A);
    expect(maxDifference(D, values, expected)).toBeLessThan(1e-37);
    // The two eigenvalues 1e-21 apart are resolved.
    expect(D.sub(values[9]!, values[8]!).toSignificantDigits(5).toString()).toBe("1e-21");
    const system = symmetricEigen(D, A);
    expect(maxDifference(D, system.values, expected)).toBeLessThan(1e-37);
    const errors = eigensystemErrors(D, A, system.values, system.vectors);
    expect(errors.residual).toBeLessThan(1e-37);
    expect(errors.orthogonality).toBeLessThan(1e-37);
  });

  it("the generic float64 path and the specialised one agree with mathjs eigs (random 20x20)", () => {
    const A = randomSymmetric(20, mulberry32(8));
    const mathjsValues = (eigs(A).values as number[]).slice().sort((x, y) => x - y);
    expect(maxDifference(F64, symmetricEigenvalues(F64, A, { generic: true }), mathjsValues)).toBeLessThan(1e-13);
    expect(maxDifference(F64, symmetricEigenvalues(F64, A), mathjsValues)).toBeLessThan(1e-13);
    const generic = symmetricEigen(F64, A, { generic: true });
    const specialised = symmetricEigen(F64, A);
    // Same algorithm step for step: the eigenvectors agree too (not only up to sign).
    expect(Math.max(...generic.vectors.map((v, k) => maxDifference(F64, v, specialised.vectors[k]!)))).toBeLessThan(1e-12);
  });

  it("reads only the lower triangle and handles small and already diagonal matrices", () => {
    const D = new DecimalField(30);
    const lower = [["2", "99", "99"], ["1", "2", "99"], ["0", "1", "2"]].map((row) => row.map((v) => D.from(v)));
    // Tridiagonal (2, 1): eigenvalues 2 - sqrt 2, 2, 2 + sqrt 2.
    const sqrt2 = D.sqrt(D.fromInt(2));
    const expected = [D.sub(D.fromInt(2), sqrt2), D.fromInt(2), D.add(D.fromInt(2), sqrt2)];
    expect(maxDifference(D, symmetricEigenvalues(D, lower), expected)).toBeLessThan(1e-28);
    expect(symmetricEigenvalues(F64, [])).toEqual([]);
    expect(symmetricEigenvalues(F64, [[-7]])).toEqual([-7]);
    expect(symmetricEigenvalues(F64, [[3, 0, 0], [0, -1, 0], [0, 0, 3]], { generic: true })).toEqual([-1, 3, 3]);
    expect(symmetricEigen(F64, [[0, 0], [0, 0]]).vectors).toEqual([[1, 0], [0, 1]]);
    expect(() => symmetricEigenvalues(F64, [[1, 2]])).toThrow(/not square/);
  });

  it("float64 at n = 200 matches the trace and the Frobenius norm", () => {
    const A = randomSymmetric(200, mulberry32(9));
    const values = symmetricEigenvalues(F64, A);
    const trace = A.reduce((sum, row, i) => sum + row[i]!, 0);
    const frobeniusSquared = A.reduce((sum, row) => sum + row.reduce((s, a) => s + a * a, 0), 0);
    expect(Math.abs(values.reduce((s, v) => s + v, 0) - trace)).toBeLessThan(1e-10);
    expect(Math.abs(values.reduce((s, v) => s + v * v, 0) - frobeniusSquared)).toBeLessThan(1e-9 * frobeniusSquared);
  });
});

describe("the float64 fast path (discovery/dense.ts) against the generic solver", () => {
  it("solveDense and factorDense agree with solveLinear over float64 on random systems", () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + (trial % 12);
      const A = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.uniform() * 2 - 1));
      const b = Array.from({ length: n }, () => rng.uniform() * 2 - 1);
      const generic = solveLinear(F64, A, b);
      const dense = solveDense(A, b);
      const scale = Math.max(1, ...generic.map(Math.abs));
      generic.forEach((x, i) => expect(Math.abs(dense[i]! - x)).toBeLessThan(1e-10 * scale));
      // The factorisation is reusable: a second right-hand side solves with the same factors.
      const c = b.map((v) => 2 * v - 1);
      const again = factorDense(A).solve(c);
      solveLinear(F64, A, c).forEach((x, i) => expect(Math.abs(again[i]! - x)).toBeLessThan(1e-10 * scale * 3));
    }
  });

  it("both refuse a matrix with a zero column", () => {
    const A = [[1, 0], [2, 0]];
    expect(() => solveDense(A, [1, 1])).toThrow(/singular.*column 1/);
    expect(() => solveLinear(F64, A, [1, 1])).toThrow(/singular over float64.*column 1/);
  });
});

describe("illinoisZero (zeros of one variable)", () => {
  const D = new DecimalField(50);
  it("finds cbrt(2) of the convex x^3 - 2 to the tolerance, with a bracket of opposite signs (or one point), in few evaluations", () => {
    const g = (x: Decimal): Decimal => x.pow(3).sub(2);
    const [a, b] = [D.fromInt(1), D.fromInt(2)];
    const zero = illinoisZero(g, { x: a, g: g(a) }, { x: b, g: g(b) }, D.fromDecimalString("1e-40"))!;
    expect(zero.x.sub(D.D.cbrt(2)).abs().lt(D.fromDecimalString("1e-39"))).toBe(true);
    expect(g(zero.a).s * g(zero.b).s <= 0 || zero.a.eq(zero.b)).toBe(true);
    // Plain regula falsi keeps the end x = 2 and needs about a hundred evaluations here.
    expect(zero.evaluations).toBeLessThan(30);
  });
  it("returns undefined when the evaluations run out", () => {
    const g = (x: Decimal): Decimal => x.sub(D.fromDecimalString("0.3"));
    const [a, b] = [D.fromInt(0), D.fromInt(1)];
    expect(illinoisZero((x) => g(x).pow(3), { x: a, g: g(a).pow(3) }, { x: b, g: g(b).pow(3) }, D.fromDecimalString("1e-45"), 4)).toBeUndefined();
  });
});
