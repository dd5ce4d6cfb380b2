/**
 * The arithmetic the restricted loss needs (docs/patterns.md): ring operations, division, sqrt, the
 * kernel angle atan2 and pi. Implemented by real fields (float64, Decimal), by truncated series
 * (src/series/seriesScalar.ts) and by jets over any of them (src/diff/jet.ts), so the loss on a
 * pattern is written once and evaluated numerically, as a series in eps, or with its derivatives.
 */
export interface Scalar<X> {
  readonly name: string;
  fromInt(n: number | bigint): X;
  fromRational(num: number | bigint, den: number | bigint): X;
  add(a: X, b: X): X;
  sub(a: X, b: X): X;
  mul(a: X, b: X): X;
  div(a: X, b: X): X;
  neg(a: X): X;
  sqrt(a: X): X;
  /** The angle of (x, y) in (-pi, pi]. */
  atan2(y: X, x: X): X;
  /**
   * Optional: atan2(y, x), the same value, with its partial derivatives d/dy = x/(x^2 + y^2) and
   * d/dx = -y/(x^2 + y^2), for arithmetics that form them more cheaply together than from x^2 + y^2
   * (truncated series over an exact field reuse the inverses of the angle: src/series/elementary.ts).
   * Jets and adjoints (src/diff/) use it when their base has it.
   */
  atan2WithPartials?(y: X, x: X): { angle: X; dy: X; dx: X };
  pi(): X;
  /** True when the value (for jets: the value part) is exactly zero. */
  isZero(a: X): boolean;
  /** Sign of the value (for jets: of the value part; for series: of the leading coefficient). */
  sign(a: X): -1 | 0 | 1;
  /**
   * True when |a| is below the rounding error of a quantity of size |scale| (for jets: of the value parts).
   * Rounding arithmetics (float64, Decimal) define it; exact ones (series, rationals) leave it out, and
   * then only an exact zero is negligible.
   */
  negligible?(a: X, scale: X): boolean;
  /**
   * Optional, for scalars that carry derivatives (jets): the scalar of their value parts and the value
   * of an element. Where only values matter (negligible compares value parts), a computation can run on
   * the values alone instead of on the whole jets.
   */
  readonly values?: { readonly scalar: Scalar<unknown>; value(a: X): unknown };
  /**
   * Optional: sum_i x[i] y[i] (equal lengths, at least one term), the same value and precision as
   * folding mul and add left to right. Truncated series over an exact field implement it with one sum of
   * products per output coefficient (Series.sumOfProducts); jets use it when their base has it.
   */
  sumOfProducts?(x: readonly X[], y: readonly X[]): X;
}
