import type { Field } from "../numbers/field.js";
import { Series } from "../series/series.js";

/**
 * The characteristic polynomial det(lambda G - H) of a symmetric pencil of series matrices, without
 * forming G^{-1} H (docs/hessian.md, "eigenvalue series"): for the roots of valuation s it is
 * interpolated from the determinants at lambda = eps^s t, t = 0..m, each by Gaussian elimination with
 * full pivoting on the entry of least valuation. Every elimination factor then has valuation >= 0, so no
 * entry's error is amplified, and the coefficients carry the precision the roots of valuation s actually
 * have (Faddeev–LeVerrier on T = G^{-1} H loses two orders per power of T when T has entries eps^-2).
 */

/** det(A) by elimination with full pivoting; exact divisions are truncated at absolute precision `prec`. */
export function seriesDeterminant<T>(F: Field<T>, A: readonly (readonly Series<T>[])[], prec: number): Series<T> {
  const M = A.map((row) => row.slice());
  const n = M.length;
  let det = Series.constant(F, F.one());
  const rows = Array.from({ length: n }, (_, i) => i);
  const cols = rows.slice();
  while (rows.length > 0) {
    let best: [number, number] | undefined;
    for (const r of rows) {
      for (const c of cols) {
        const e = M[r]![c]!;
        if (!e.isZero() && (best === undefined || e.val < M[best[0]]![best[1]]!.val)) best = [r, c];
      }
    }
    if (best === undefined) {
      // Every remaining entry is zero to its precision: so is the determinant.
      const bound = Math.min(...rows.map((r) => Math.min(...cols.map((c) => M[r]![c]!.prec))));
      return Series.zero(F, det.val + bound * rows.length);
    }
    const [pr, pc] = best;
    const pivot = M[pr]![pc]!;
    // The sign of the permutation: moving (pr, pc) to the front of the remaining rows and columns.
    const sign = (rows.indexOf(pr) + cols.indexOf(pc)) % 2 === 0 ? 1 : -1;
    det = det.mul(sign === 1 ? pivot : pivot.neg());
    rows.splice(rows.indexOf(pr), 1);
    cols.splice(cols.indexOf(pc), 1);
    for (const r of rows) {
      const e = M[r]![pc]!;
      if (e.isZero() && e.isExact()) continue;
      const factor = e.div(pivot, e.isExact() && pivot.isExact() ? prec : undefined);
      for (const c of cols) M[r]![c] = M[r]![c]!.sub(factor.mul(M[pr]![c]!));
    }
  }
  return det;
}

/** Coefficients of the Lagrange basis at t = 0..m: w[k][j] = coefficient of t^j in L_k(t), as fractions. */
function lagrangeCoefficients(m: number): { num: bigint[]; den: bigint }[] {
  return Array.from({ length: m + 1 }, (_, k) => {
    let num: bigint[] = [1n];
    let den = 1n;
    for (let i = 0; i <= m; i++) {
      if (i === k) continue;
      // num *= (t - i)
      const next = new Array<bigint>(num.length + 1).fill(0n);
      num.forEach((a, j) => {
        next[j + 1]! += a;
        next[j]! -= BigInt(i) * a;
      });
      num = next;
      den *= BigInt(k - i);
    }
    return { num, den };
  });
}

/**
 * det(lambda G - H) = sum_j c_j lambda^j, with each c_j known to the precision that the roots of valuation
 * s need: interpolated at lambda = eps^s t (t = 0..m) and rescaled, c_j = q_j eps^(-s j).
 */
export function pencilPolynomial<T>(F: Field<T>, G: readonly (readonly Series<T>[])[], H: readonly (readonly Series<T>[])[], s: number, prec: number): Series<T>[] {
  const m = G.length;
  const values = Array.from({ length: m + 1 }, (_, t) => {
    const lambda = t === 0 ? undefined : Series.monomial(F, F.fromInt(t), s);
    const A = G.map((row, i) => row.map((g, j) => (lambda === undefined ? H[i]![j]!.neg() : lambda.mul(g).sub(H[i]![j]!))));
    return seriesDeterminant(F, A, prec);
  });
  const w = lagrangeCoefficients(m);
  return Array.from({ length: m + 1 }, (_, j) => {
    let q = Series.zero(F);
    w.forEach(({ num, den }, k) => {
      if (num[j] !== 0n) q = q.add(values[k]!.scale(F.fromRational(num[j]!, den)));
    });
    return q.shift(-s * j);
  });
}
