import type { Field } from "../numbers/field.js";
import { Series } from "../series/series.js";

/**
 * Solve A x = b over truncated power series by Gaussian elimination, choosing in each column the pivot
 * of lowest valuation (docs/series-derivation.md). When A(0) is invertible every pivot has valuation 0
 * and the solution keeps the precision of the data. Throws naming the column when no pivot is known.
 */
export function solvePowerSeriesSystem<T>(F: Field<T>, A: readonly (readonly Series<T>[])[], b: readonly Series<T>[]): Series<T>[] {
  const n = A.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = -1;
    for (let r = col; r < n; r++) {
      const e = M[r]![col]!;
      if (!e.isZero() && (pivot < 0 || e.val < M[pivot]![col]!.val)) pivot = r;
    }
    if (pivot < 0) throw new RangeError(`the linear system over series is singular: no known pivot in column ${col}`);
    [M[col], M[pivot]] = [M[pivot]!, M[col]!];
    const p = M[col]![col]!;
    for (let r = col + 1; r < n; r++) {
      const e = M[r]![col]!;
      if (e.isZero() && e.isExact()) continue;
      const factor = e.div(p);
      for (let c = col; c <= n; c++) M[r]![c] = M[r]![c]!.sub(factor.mul(M[col]![c]!));
    }
  }
  const x: Series<T>[] = new Array<Series<T>>(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let c = r + 1; c < n; c++) s = s.sub(M[r]![c]!.mul(x[c]!));
    x[r] = s.div(M[r]![r]!);
  }
  return x.map((v) => (v === undefined ? Series.zero(F) : v));
}
