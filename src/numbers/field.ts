import type { Decimal } from "decimal.js";

/**
 * A field of coefficients. Every algorithm in spurious (series, Newton, the implicit function theorem,
 * block Hessians) is written once against this interface; the concrete field is a parameter
 * (docs/numbers.md).
 *
 * Partial operations (`sqrt`, `atan`, `pi`) return `undefined` when the result does not lie in the
 * field (e.g. sqrt(2) in Q, atan(1/2) in Q(pi), pi in Q); callers turn that into an error that names the
 * mathematical condition that failed.
 */
export interface Field<T> {
  /** Short name used in output and errors, e.g. "Q", "Q(pi)", "Decimal(40)". */
  readonly name: string;
  /**
   * The generators g_1, ..., g_n when the field is Q(g_1, ..., g_n) and named so: [] for Q, ["pi"] for
   * Q(pi), ["pi", "sqrt(2)"] for Q(pi, sqrt(2)); absent for fields of rounded numbers (float64, Decimal).
   */
  readonly generators?: readonly string[];
  /** True when equality is decidable and no rounding ever happens (Q, Q(pi)). */
  readonly exact: boolean;

  zero(): T;
  one(): T;
  fromInt(n: number | bigint): T;
  /** The rational num/den as an element of the field; den must be nonzero. */
  fromRational(num: number | bigint, den?: number | bigint): T;

  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  /** a / b; throws a RangeError naming b when b is zero. */
  div(a: T, b: T): T;
  neg(a: T): T;
  /**
   * Optional: sum_i x[i] y[i] (equal lengths), the same value as folding add and mul. Exact fields with
   * costly additions implement it to bring all the products to one common denominator at once.
   */
  sumOfProducts?(x: readonly T[], y: readonly T[]): T;

  equals(a: T, b: T): boolean;
  isZero(a: T): boolean;
  /**
   * Optional: the pivot Gaussian elimination takes among `candidates` (src/linalg/solve.ts): its index, or -1
   * when none may be divided by. Rounding fields take the largest magnitude above `tolerance`
   * (largestMagnitudePivot); without this member the first nonzero candidate is taken (docs/linalg.md).
   */
  choosePivot?(candidates: readonly T[], tolerance?: T): number;
  /** Sign of a real element: -1, 0 or 1 (decided exactly for exact fields). */
  sign(a: T): -1 | 0 | 1;

  /** The non-negative square root when it lies in the field (and a >= 0), else undefined. */
  sqrt(a: T): T | undefined;
  /** arctan(a) when it lies in the field, else undefined. */
  atan(a: T): T | undefined;
  /** pi when it lies in the field, else undefined. */
  pi(): T | undefined;

  /** The value as a decimal.js number with `digits` significant digits. */
  toDecimal(a: T, digits: number): Decimal;
  /** A plain-text form that `parse` (and mathjs/nerdamer) read back, e.g. "(3*pi^2 - 2)/(pi^2 + 1)". */
  toString(a: T): string;
  toLatex(a: T): string;
}

/**
 * A field of real numbers in which sqrt (of non-negative elements), atan2 and pi always exist:
 * float64 and Decimal. The independent evaluator is written against it.
 */
export interface RealField<T> extends Field<T> {
  /** True when the elements are JS numbers (IEEE float64), so that kernels specialised to numbers apply. */
  readonly float64: boolean;
  sqrt(a: T): T;
  atan(a: T): T;
  pi(): T;
  atan2(y: T, x: T): T;
  abs(a: T): T;
  lt(a: T, b: T): boolean;
  toNumber(a: T): number;
  /** Parse a decimal string such as "1.5e-3" into the field. */
  fromDecimalString(s: string): T;
}

/**
 * Partial pivoting of a rounding field: the index of the candidate of largest |a| (the first of them),
 * when it exceeds `tolerance` (default zero), else -1 (docs/linalg.md).
 */
export function largestMagnitudePivot<T>(F: RealField<T>, candidates: readonly T[], tolerance?: T): number {
  let best = -1;
  let bestAbs = tolerance ?? F.zero();
  candidates.forEach((c, i) => {
    const a = F.abs(c);
    if (F.lt(bestAbs, a)) {
      best = i;
      bestAbs = a;
    }
  });
  return best;
}

/** Raise a RangeError for division by zero, naming the operation and the field. */
export function divisionByZero(field: string, what: string): never {
  throw new RangeError(`division by zero in ${field}: ${what} is zero`);
}

/** sum_i x_i y_i: the field's sumOfProducts when it has one (docs/numbers.md §4), else add and mul. */
export function dot<T>(F: Field<T>, x: readonly T[], y: readonly T[]): T {
  if (F.sumOfProducts !== undefined) return F.sumOfProducts(x, y);
  let acc = F.zero();
  for (let i = 0; i < x.length; i++) acc = F.add(acc, F.mul(x[i]!, y[i]!));
  return acc;
}
