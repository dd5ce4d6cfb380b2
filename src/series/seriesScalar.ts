import type { Field } from "../numbers/field.js";
import type { Scalar } from "../numbers/scalar.js";
import { atan2, atan2WithPartials, sqrt } from "./elementary.js";
import { Series } from "./series.js";
import { truncatedQuotient } from "./seriesField.js";

/**
 * Truncated Laurent series over a field as a Scalar (docs/series.md). Non-terminating operations on
 * exact inputs are truncated at absolute precision `prec`. Over an exact field the kernel angle comes with
 * its partial derivatives (atan2WithPartials) for the jets and adjoints over it.
 */
export function seriesScalar<T>(F: Field<T>, prec: number): Scalar<Series<T>> {
  const pi = F.pi();
  return {
    name: `series over ${F.name} to O(eps^${prec})`,
    fromInt: (n) => Series.constant(F, F.fromInt(n)),
    fromRational: (n, d) => Series.constant(F, F.fromRational(n, d)),
    add: (a, b) => a.add(b),
    sub: (a, b) => a.sub(b),
    mul: (a, b) => a.mul(b),
    sumOfProducts: (x, y) => Series.sumOfProducts(F, x, y),
    div: (a, b) => truncatedQuotient(a, b, prec),
    neg: (a) => a.neg(),
    sqrt: (a) => sqrt(a, a.isExact() ? prec : undefined),
    atan2: (y, x) => atan2(y, x, y.isExact() && x.isExact() ? prec : undefined),
    // Over an exact field only: over Decimal the partials formed this way round differently from those
    // of x^2 + y^2, and the numeric results stay those of the jets' formulas.
    ...(F.exact ? { atan2WithPartials: (y: Series<T>, x: Series<T>) => atan2WithPartials(y, x, y.isExact() && x.isExact() ? prec : undefined) } : {}),
    pi: () => {
      if (pi === undefined) throw new RangeError(`pi does not lie in ${F.name}`);
      return Series.constant(F, pi);
    },
    isZero: (a) => a.isZero(),
    sign: (a) => (a.isZero() ? 0 : F.sign(a.lead())),
  };
}
