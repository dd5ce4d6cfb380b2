import { describe, expect, it } from "vitest";
import { symmetricEigenvalues } from "../src/linalg/symmetricEigen.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { F64 } from "../src/numbers/floatField.js";
import { mulberry32 } from "./support/random.js";

// Symmetric eigenvalues of large matrices with clusters of equal eigenvalues, as the full Hessians of the
// families have (docs/linalg.md): a regression of the QL deflation test, on both float64 paths.

describe("symmetric eigenvalues: clusters of equal and zero eigenvalues (regression)", () => {
  /** Q diag(values) Q^T with Q a product of `reflections` random Householder reflections. */
  function conjugated(values: number[], seed: number, reflections: number): number[][] {
    const n = values.length;
    const rnd = mulberry32(seed);
    const A = values.map((v, i) => values.map((_, j) => (i === j ? v : 0)));
    for (let r = 0; r < reflections; r++) {
      const u = Array.from({ length: n }, () => rnd.uniform() - 0.5);
      const norm = Math.hypot(...u);
      for (let i = 0; i < n; i++) u[i] = u[i]! / norm;
      const Au = A.map((row) => row.reduce((s, x, j) => s + x * u[j]!, 0));
      const uAu = u.reduce((s, x, i) => s + x * Au[i]!, 0);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) A[i]![j] = A[i]![j]! - 2 * u[i]! * Au[j]! - 2 * Au[i]! * u[j]! + 4 * uAu * u[i]! * u[j]!;
      }
    }
    return A.map((row, i) => row.map((_, j) => (A[i]![j]! + A[j]![i]!) / 2));
  }

  // n = 300 with eigenvalues 0, 0.37, 1 each 100 times: the deflation test relative to neighbouring
  // diagonal entries never passed inside the zero cluster ("QL iteration did not converge"), as on the
  // full Hessian of family 1b at d = 60; the test against ||T|| converges.
  it("n = 300, three clusters of 100 (float64 fast path and the generic path over float64)", () => {
    const values = Array.from({ length: 300 }, (_, i) => (i < 100 ? 0 : i < 200 ? 0.37 : 1));
    for (const seed of [1, 2]) {
      const A = conjugated(values, seed, 6);
      for (const ev of [symmetricEigenvaluesFloat64(A), symmetricEigenvalues(F64, A, { generic: true })]) {
        expect(ev.length).toBe(300);
        ev.forEach((v, i) => expect(Math.abs(v - values[i]!)).toBeLessThan(1e-12));
      }
    }
  });
});
