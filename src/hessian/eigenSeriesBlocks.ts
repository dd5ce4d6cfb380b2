import type Fraction from "fraction.js";
import type { Field } from "../numbers/field.js";
import { Series } from "../series/series.js";
import { seriesScalar } from "../series/seriesScalar.js";
import { blockPencil, componentBases, embedIsotropyPoint } from "./blocks.js";
import type { IsotypicComponent } from "./decomposition.js";

/**
 * The Hessian blocks of docs/hessian.md ("blocks") with x and d as series in eps = d^(-1/2): the same
 * exact, d-independent generators (componentBases) and the same construction as isotypicBlocks
 * (blockPencil: the count-weighted metric, the orthogonalisation C = C0 - S (S^T D S)^{-1} S^T D C0 and
 * the Hessian of t -> L_Q(x + C t)) over truncated Laurent series (d = eps^-2), with the linear solve
 * pivoting on valuation (solveSeriesMatrix). Generic in d only (d - p >= 4).
 */

/** One block as a pencil of series matrices. */
export interface SeriesBlock<T> {
  readonly component: IsotypicComponent;
  /** C^T D C (m x m). */
  readonly gram: Series<T>[][];
  /** C^T H_Q C (m x m). */
  readonly hessian: Series<T>[][];
}

/**
 * Solve A X = B over truncated Laurent series by Gaussian elimination, pivoting on the entry of lowest
 * valuation in each column; divisions of exact series are truncated at absolute precision `prec`.
 * Throws naming the column when no pivot is known to the available precision.
 */
function solveSeriesMatrix<T>(A: readonly (readonly Series<T>[])[], B: readonly (readonly Series<T>[])[], prec: number): Series<T>[][] {
  const n = A.length;
  const k = B[0]?.length ?? 0;
  const M = A.map((row, i) => [...row, ...B[i]!]);
  const div = (a: Series<T>, b: Series<T>): Series<T> => a.div(b, a.isExact() && b.isExact() ? prec : undefined);
  for (let col = 0; col < n; col++) {
    let pivot = -1;
    for (let r = col; r < n; r++) {
      const e = M[r]![col]!;
      if (!e.isZero() && (pivot < 0 || e.val < M[pivot]![col]!.val)) pivot = r;
    }
    if (pivot < 0) throw new RangeError(`the linear system over series is singular to the available precision: no known pivot in column ${col}`);
    [M[col], M[pivot]] = [M[pivot]!, M[col]!];
    const p = M[col]![col]!;
    for (let r = col + 1; r < n; r++) {
      const e = M[r]![col]!;
      if (e.isZero() && e.isExact()) continue;
      const factor = div(e, p);
      for (let c = col; c < n + k; c++) M[r]![c] = M[r]![c]!.sub(factor.mul(M[col]![c]!));
    }
  }
  const X: Series<T>[][] = Array.from({ length: n }, () => new Array<Series<T>>(k));
  for (let j = 0; j < k; j++) {
    for (let r = n - 1; r >= 0; r--) {
      let s = M[r]![n + j]!;
      for (let c = r + 1; c < n; c++) s = s.sub(M[r]![c]!.mul(X[c]![j]!));
      X[r]![j] = div(s, M[r]![r]!);
    }
  }
  return X;
}

/**
 * Every block of the Hessian at the family point x (series of the isotropy pattern's parameters, a =
 * signs) with d = eps^-2. `prec` is the absolute precision at which exact divisions are truncated; the
 * entries' actual precision follows from x's.
 */
export function seriesBlocks<T>(F: Field<T>, p: number, x: readonly Series<T>[], prec: number): SeriesBlock<T>[] {
  const S = seriesScalar(F, prec);
  const d = Series.monomial(F, F.one(), -2);
  const toSeries = (q: Fraction): Series<T> => Series.constant(F, F.fromRational(q.s * q.n, q.d));
  const zero = Series.zero(F);
  return componentBases(p).map(({ component, pattern: P, complement, subtracted }) => {
    const xQ = embedIsotropyPoint(p, component.sn.level, x);
    const C0 = complement.map((v) => v.map(toSeries));
    const Sv = subtracted.map((v) => v.map(toSeries));
    const { gram, hessian } = blockPencil(S, zero, P, xQ, d, C0, Sv, (A, B) => solveSeriesMatrix(A, B, prec));
    return { component, gram, hessian };
  });
}
