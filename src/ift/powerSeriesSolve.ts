import { solveLinear } from "../linalg/solve.js";
import type { Field } from "../numbers/field.js";
import type { Series } from "../series/series.js";
import { seriesField } from "../series/seriesField.js";

/**
 * Solve A x = b over truncated power series: solveLinear over the series parent, which pivots in each
 * column on the entry of lowest valuation (docs/series-derivation.md). When A(0) is invertible every pivot
 * has valuation 0 and the solution keeps the precision of the data. Throws SingularMatrixError naming the
 * column when no pivot is known.
 */
export function solvePowerSeriesSystem<T>(F: Field<T>, A: readonly (readonly Series<T>[])[], b: readonly Series<T>[]): Series<T>[] {
  return solveLinear(seriesField(F), A.map((row) => row.slice()), b.slice());
}
