import type Fraction from "fraction.js";
import type { Field } from "../numbers/field.js";
import { solveMatrix } from "../linalg/solve.js";
import { Series } from "../series/series.js";
import { seriesField } from "../series/seriesField.js";
import { seriesScalar } from "../series/seriesScalar.js";
import { blockPencil, componentBases, embedIsotropyPoint } from "../hessian/blocks.js";
import type { IsotypicComponent } from "../representations/decomposition.js";
import type { SecondLayer } from "../model/studentModel.js";
import type { Pattern } from "../patterns/pattern.js";

/**
 * The Hessian blocks of docs/hessian.md ("blocks") with x and d as series in eps = d^(-1/2): the same
 * exact, d-independent generators (componentBases) and the same construction as isotypicBlocks
 * (blockPencil: the count-weighted metric, the orthogonalisation C = C0 - S (S^T D S)^{-1} S^T D C0 and
 * the Hessian of t -> L_Q(x + C t)) over truncated Laurent series (d = eps^-2), with the linear solve by
 * solveMatrix over the series parent (seriesField: pivots of lowest valuation, exact quotients truncated
 * at `prec`). Generic in d only (d - p >= 4).
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
 * Every block of the Hessian at the family point x (series of the isotropy pattern's parameters, a =
 * signs) with d = eps^-2, for the model's second layer (fixed: over the W-parameters alone), of the
 * components `include` accepts. `prec` is the absolute precision at which exact divisions are truncated;
 * the entries' actual precision follows from x's.
 */
export function seriesBlocks<T>(
  F: Field<T>,
  iso: Pattern,
  x: readonly Series<T>[],
  prec: number,
  secondLayer: SecondLayer = "trained",
  include: (c: IsotypicComponent) => boolean = () => true,
): SeriesBlock<T>[] {
  const S = seriesScalar(F, prec);
  const series = seriesField(F, prec);
  const d = Series.monomial(F, F.one(), -2);
  const toSeries = (q: Fraction): Series<T> => Series.constant(F, F.fromRational(q.s * q.n, q.d));
  const zero = Series.zero(F);
  return componentBases(iso, undefined, secondLayer).filter((b) => include(b.component)).map(({ component, pattern: P, complement, subtracted }) => {
    const xQ = embedIsotropyPoint(iso, component.sn.level, x);
    const C0 = complement.map((v) => v.map(toSeries));
    const Sv = subtracted.map((v) => v.map(toSeries));
    const { gram, hessian } = blockPencil(S, zero, P, xQ, d, C0, Sv, (A, B) => solveMatrix(series, A, B));
    return { component, gram, hessian };
  });
}
