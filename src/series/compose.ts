import { Series } from "./series.js";

/**
 * s(t(eps)) for a series t of positive valuation (docs/series.md). Horner's rule on the regular part
 * g = sum_{k<n} c_k t^k, plus the truncation O(t^n) = O(eps^(n val(t))), times t^val(s).
 */
export function compose<T>(s: Series<T>, t: Series<T>): Series<T> {
  const F = s.F;
  if (t.isZero() || t.val <= 0) {
    throw new RangeError(`compose: the inner series must have positive valuation, got ${t.isZero() ? "a zero series" : t.val}`);
  }
  if (s.isZero()) {
    return s.isExact() ? s : Series.zero(F, s.prec * t.val);
  }
  let g = Series.zero(F);
  for (let i = s.coeffs.length - 1; i >= 0; i--) g = g.mul(t).addConstant(s.coeffs[i]!);
  if (!s.isExact()) g = g.truncate(s.relPrec() * t.val);
  return s.val === 0 ? g : g.mul(t.pow(s.val, s.isExact() ? undefined : g.prec + s.val * t.val));
}
