import type { Field } from "../numbers/field.js";
import { determinant } from "../linalg/solve.js";
import { Series } from "../series/series.js";
import { seriesField } from "../series/seriesField.js";

/**
 * The characteristic polynomial det(lambda G - H) of a symmetric pencil of series matrices, without
 * forming G^{-1} H (docs/hessian.md, "eigenvalue series"): for the roots of valuation s it is
 * interpolated from the determinants at lambda = eps^s t, t = 0..m, each by Gaussian elimination with
 * complete pivoting over the series parent (determinant over seriesField: the entry of least valuation,
 * exact quotients truncated at `prec`). Every elimination factor then has valuation >= 0, so no
 * entry's error is amplified, and the coefficients carry the precision the roots of valuation s actually
 * have (Faddeev–LeVerrier on T = G^{-1} H loses two orders per power of T when T has entries eps^-2).
 */

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
  const series = seriesField(F, prec);
  const values = Array.from({ length: m + 1 }, (_, t) => {
    const lambda = t === 0 ? undefined : Series.monomial(F, F.fromInt(t), s);
    const A = G.map((row, i) => row.map((g, j) => (lambda === undefined ? H[i]![j]!.neg() : lambda.mul(g).sub(H[i]![j]!))));
    return determinant(series, A, "complete");
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
