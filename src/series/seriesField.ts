import type { EliminationField } from "../linalg/solve.js";
import type { Field } from "../numbers/field.js";
import { Series, resultPrecision } from "./series.js";

/**
 * a / b over truncated series; when both are exact the quotient is truncated at absolute precision `prec`
 * (an exact quotient without `prec` is an error, as in Series.div).
 */
export function truncatedQuotient<T>(a: Series<T>, b: Series<T>, prec: number | undefined): Series<T> {
  return a.div(b, a.isExact() && b.isExact() ? prec : undefined);
}

/**
 * truncatedQuotient over an exact field, keeping the inverse of the last divisors: elimination divides every
 * row of a column by the same pivot, and a / b is a (1/b) with 1/b to a precision that the rows mostly share.
 * An inverse formed to a higher precision, truncated, has the same coefficients (each depends only on the
 * ones before it), so the quotients are those of truncatedQuotient (docs/linalg.md, "Row operations").
 */
function pivotQuotient<T>(prec: number | undefined): (a: Series<T>, b: Series<T>) => Series<T> {
  const inverses = new WeakMap<Series<T>, Series<T>>();
  return (a, b) => {
    if (a.isZero() || b.isZero()) return truncatedQuotient(a, b, prec);
    // Series.div's precision: a (1/b) with 1/b to O(eps^(target - val(a))).
    const target = resultPrecision(Math.min(a.val + b.relPrec(), a.prec) - b.val, a.isExact() && b.isExact() ? prec : undefined, "quotient");
    const wanted = target - a.val;
    let inverse = inverses.get(b);
    if (inverse === undefined || inverse.prec < Math.min(wanted, b.relPrec() - b.val)) {
      inverse = b.inv(wanted);
      inverses.set(b, inverse);
    }
    return a.mul(inverse.truncate(wanted));
  };
}

/**
 * Truncated Laurent series over F as the coefficients of Gaussian elimination (src/linalg/solve.ts,
 * docs/series.md, "linear algebra over series"): exact quotients are truncated at absolute precision `prec`
 * (none: an exact quotient is an error), only an exact zero needs no elimination, the pivot is the first
 * candidate of lowest valuation among those with a known leading term, and a block without such a
 * candidate has determinant zero to O(eps^(rows * least precision)).
 */
export function seriesField<T>(F: Field<T>, prec?: number): EliminationField<Series<T>> {
  const one = Series.constant(F, F.one());
  const quotient = F.exact ? pivotQuotient<T>(prec) : (a: Series<T>, b: Series<T>) => truncatedQuotient(a, b, prec);
  return {
    name: prec === undefined ? `series over ${F.name}` : `series over ${F.name} to O(eps^${prec})`,
    zero: () => Series.zero(F),
    one: () => Series.constant(F, F.one()),
    sub: (a, b) => a.sub(b),
    mul: (a, b) => a.mul(b),
    div: quotient,
    neg: (a) => a.neg(),
    // a - f b as a 1 + f (-b): one sum of products per coefficient instead of a product and a sum (the same
    // series over an exact field; a rounding field keeps the two operations and their rounding).
    ...(F.exact && F.sumOfProducts !== undefined ? { subMul: (a: Series<T>, f: Series<T>, b: Series<T>) => Series.sumOfProducts(F, [a, f], [one, b.neg()]) } : {}),
    isZero: (a) => a.isZero() && a.isExact(),
    choosePivot: (candidates) => {
      let best = -1;
      candidates.forEach((c, i) => {
        if (!c.isZero() && (best < 0 || c.val < candidates[best]!.val)) best = i;
      });
      return best;
    },
    negligibleDeterminant: (block) => {
      const least = Math.min(...block.map((row) => Math.min(...row.map((e) => e.prec))));
      return Series.zero(F, least * block.length);
    },
  };
}
