import type { Decimal } from "decimal.js";
import { solveLinear } from "../linalg/solve.js";
import type { DecimalField } from "../numbers/decimalField.js";

/**
 * The local series of a branch at d* (docs/bifurcation.md §4, "Local series"): each W-parameter of the
 * axial pattern as y(t) = y* + c_1 t + c_2 t^2 + c_3 t^3 + ..., with t = d - d* at a transcritical
 * bifurcation and t = |d - d*|^(1/2) at a pitchfork (on the side where the branch exists, the sign of
 * the kernel coordinate s > 0; the conjugate branch has -t). The coefficients are numeric: interpolation
 * of the branch points nearest d* (solved by Newton at the working digits) by a polynomial of degree
 * TERMS with constant y*, once from the TERMS points nearest d* and once from the next TERMS; the digits
 * printed are those on which the two fits agree (the truncation and rounding errors differ between them).
 */

/** The number of coefficients fitted. */
export const TERMS = 3;

export interface SeriesCoefficient {
  readonly power: number;
  /** From the fit nearest d*, rounded to `digits` significant digits ("0" when none agree). */
  readonly value: Decimal;
  /** Significant digits on which the two fits agree (0: not known). */
  readonly digits: number;
}

export interface LocalSeries {
  readonly variable: "d - d*" | "(d - d*)^(1/2)" | "(d* - d)^(1/2)";
  readonly terms: { readonly param: number; readonly coefficients: SeriesCoefficient[] }[];
}

/** The coefficients c_1..c_m of y(t) - y* = sum c_k t^k through the m samples (t_i, y_i - y*). */
function interpolate(F: DecimalField, t: readonly Decimal[], y: readonly Decimal[]): Decimal[] {
  const A = t.map((ti) => Array.from({ length: t.length }, (_, k) => ti.pow(k + 1)));
  return solveLinear(F, A, y.slice());
}

/**
 * The local series from samples (d_i, y_i) of the branch (all on sides where the branch exists; no terms
 * with fewer than TERMS + 1), y* the family point at d*, params the indices of the parameters expanded.
 */
export function localSeries(
  F: DecimalField,
  type: "transcritical" | "pitchfork",
  dStar: Decimal,
  samples: readonly { readonly d: Decimal; readonly x: readonly Decimal[] }[],
  yStar: readonly Decimal[],
  params: readonly number[],
): LocalSeries {
  const above = samples.every((p) => p.d.gt(dStar));
  const variable = type === "transcritical" ? "d - d*" : above ? "(d - d*)^(1/2)" : "(d* - d)^(1/2)";
  // A branch that could not be started (docs/bifurcation.md §4) has no points to fit.
  if (samples.length < TERMS + 1) return { variable, terms: [] };
  const tOf = (d: Decimal): Decimal => (type === "transcritical" ? F.sub(d, dStar) : F.sub(d, dStar).abs().sqrt());
  const sorted = samples.slice().sort((p, q) => tOf(p.d).abs().cmp(tOf(q.d).abs()));
  const near = sorted.slice(0, TERMS);
  const next = sorted.slice(1, TERMS + 1);
  const terms = params.map((param) => {
    const fit = (pts: typeof near): Decimal[] => interpolate(F, pts.map((p) => tOf(p.d)), pts.map((p) => F.sub(p.x[param]!, yStar[param]!)));
    const a = fit(near);
    const b = fit(next);
    const coefficients = a.map((c, k) => {
      const gap = c.sub(b[k]!).abs();
      const digits = c.isZero() ? 0 : Math.max(0, Math.min(F.digits - 5, Math.floor(-Math.log10(gap.div(c.abs()).toNumber() || 10 ** -F.digits))));
      return { power: k + 1, value: digits === 0 ? F.zero() : c.toSignificantDigits(digits), digits };
    });
    return { param, coefficients };
  });
  return { variable, terms };
}
