/**
 * Dense float64 linear algebra on Float64Array for the Newton polish of training: LU with partial
 * pivoting, factored once and reusable for several right-hand sides. (src/linalg/solve.ts is the
 * field-generic reference; this is its fast float64 special case, measured by bench/linalg.ts and tested
 * against it in test/linalg.test.ts.)
 */

import { SingularMatrixError } from "../linalg/solve.js";

/** P A = L U of a square matrix, stored in place (L unit lower, U upper), with the row permutation. */
export interface DenseLU {
  readonly n: number;
  /** The solution of A x = b. */
  solve(b: readonly number[]): Float64Array;
}

/** Factor the square matrix A (rows as arrays); throws SingularMatrixError on a zero pivot. */
export function factorDense(A: readonly (readonly number[])[]): DenseLU {
  const n = A.length;
  const M = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M[i * n + j] = A[i]![j]!;
  const pivots = new Int32Array(n);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    let best = Math.abs(M[col * n + col]!);
    for (let i = col + 1; i < n; i++) {
      const v = Math.abs(M[i * n + col]!);
      if (v > best) {
        best = v;
        pivot = i;
      }
    }
    if (best === 0) throw new SingularMatrixError(col, n, "float64");
    pivots[col] = pivot;
    if (pivot !== col) {
      for (let j = 0; j < n; j++) {
        const t = M[col * n + j]!;
        M[col * n + j] = M[pivot * n + j]!;
        M[pivot * n + j] = t;
      }
    }
    const p = M[col * n + col]!;
    for (let i = col + 1; i < n; i++) {
      const factor = M[i * n + col]! / p;
      M[i * n + col] = factor;
      if (factor === 0) continue;
      for (let j = col + 1; j < n; j++) M[i * n + j]! -= factor * M[col * n + j]!;
    }
  }
  return {
    n,
    solve(b: readonly number[]): Float64Array {
      if (b.length !== n) throw new RangeError(`factorDense: right-hand side of length ${b.length}, expected ${n}`);
      const x = Float64Array.from(b);
      // The factorisation swapped whole rows (L included), so P b comes first, then L y = P b.
      for (let col = 0; col < n; col++) {
        const p = pivots[col]!;
        if (p !== col) {
          const t = x[col]!;
          x[col] = x[p]!;
          x[p] = t;
        }
      }
      for (let col = 0; col < n; col++) for (let i = col + 1; i < n; i++) x[i]! -= M[i * n + col]! * x[col]!;
      for (let i = n - 1; i >= 0; i--) {
        let s = x[i]!;
        for (let j = i + 1; j < n; j++) s -= M[i * n + j]! * x[j]!;
        x[i] = s / M[i * n + i]!;
      }
      return x;
    },
  };
}

/** The solution of A x = b, A square (rows as arrays); throws SingularMatrixError on a zero pivot. */
export function solveDense(A: readonly (readonly number[])[], b: readonly number[]): Float64Array {
  return factorDense(A).solve(b);
}
