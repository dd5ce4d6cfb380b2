import type { Decimal } from "decimal.js";
import { decimalContext } from "../numbers/decimalContext.js";
import type { Series } from "./series.js";

/**
 * The truncated sum sum_k c_k eps^k of the known coefficients at a numeric eps, in decimal at `digits`
 * significant digits. The truncation error O(eps^prec) is the caller's to account for.
 */
export function evaluateSeries<T>(s: Series<T>, eps: Decimal | string | number, digits: number): Decimal {
  const D = decimalContext(digits);
  const e = new D(eps);
  if (s.isZero()) return new D(0);
  let acc = new D(0);
  for (let i = s.coeffs.length - 1; i >= 0; i--) acc = acc.mul(e).add(s.F.toDecimal(s.coeffs[i]!, digits));
  return acc.mul(e.pow(s.val));
}
