import type { Decimal } from "decimal.js";
import type { FamilyDefinition } from "../families/definition.js";
import type { StudentModel } from "../model/studentModel.js";
import { familyBranchPoints, familyPattern } from "../families/critical.js";
import { componentEigenvalues } from "../hessian/spectrum.js";
import { solveLinear } from "../linalg/solve.js";
import { DecimalField } from "../numbers/decimalField.js";
import { dimensionFormula } from "../representations/dimension.js";
import { Series } from "../series/series.js";
import type { ComponentEigenSeries, EigenvalueSeries, FamilyEigenSeries } from "./eigenSeriesTypes.js";

/**
 * Eigenvalue series of a family with numeric coefficients, by fitting (docs/hessian.md, "Eigenvalue series
 * of the numeric families"). Each block is a symmetric definite pencil analytic in eps, so each of its
 * eigenvalues is a power series in eps (Rellich), and the block eigenvalues at a given d are well
 * conditioned: they are computed from Newton critical points at DIGITS digits, at two ladders of large d,
 * and interpolated by polynomials in eps of degree order + EXTRA_DEGREE, without forming a characteristic
 * polynomial. A coefficient up to `order` is kept to the significant digits on which the two fits agree;
 * one below NOISE (relative to the eigenvalue's largest) in both fits counts as zero; the first other one
 * that agrees in fewer than MIN_DIGITS digits ends the eigenvalue's series there (its error term).
 */

/** Working digits of the critical points and blocks (the highest term fitted is ~ 1e-50 at the largest d). */
const DIGITS = 80;
/** Degrees fitted beyond the order reported: the truncation then moves coefficient `order` by ~ eps_max^(EXTRA_DEGREE + 1). */
const EXTRA_DEGREE = 5;
/** The ladders run from d = 10^LOWEST (eps = 10^-3) to the top of the family's range. */
const LOWEST = 6;
/** Fitted coefficients this small against the eigenvalue's largest, in both fits, count as zero (to this precision). */
const NOISE = 1e-12;
/** Significant digits a kept coefficient needs. */
const MIN_DIGITS = 3;

/**
 * The two ladders of d = eps^-2 (decimal strings): `count` values log-spaced from 10^LOWEST, the second
 * shifted by half a step, its last at the top of the family's range.
 */
function ladders(f: FamilyDefinition, F: DecimalField, count: number): string[][] {
  const top = Math.log10(Number(f.range.max));
  const step = (top - LOWEST) / (count - 0.5);
  const at = (x: number): string => (x >= top ? f.range.max : F.fromInt(10).pow(x).toSignificantDigits(30).toString());
  return [0, 0.5].map((shift) => Array.from({ length: count }, (_, j) => at(LOWEST + step * (j + shift))));
}

/** Sorted non-gauge eigenvalues of each component at each d of the ladder, and the gauge count per component. */
function sampledBlocks(f: FamilyDefinition, ds: readonly string[], model: StudentModel, F: DecimalField, onProgress?: (what: string) => void) {
  const P = familyPattern(f);
  const points = familyBranchPoints(f, ds, DIGITS, undefined);
  return points.map((point, i) => {
    onProgress?.(`blocks at d = ${ds[i]}`);
    return componentEigenvalues(F, P, point.x, point.d, "binary", model.secondLayer).map((c) => ({
      component: c.component,
      gauge: c.gauge.length,
      values: c.values.filter((_, k) => !c.gauge.includes(k)).sort((u, v) => u.cmp(v)),
    }));
  });
}

/** The coefficients c_0..c_n of the polynomial through (eps_j, y_j), j = 0..n. */
function interpolate(F: DecimalField, eps: readonly Decimal[], y: readonly Decimal[]): Decimal[] {
  const A = eps.map((e) => eps.map((_, k) => e.pow(k)));
  return solveLinear(F, A, [...y]);
}

/** Significant digits on which a and b agree (relative to |a|). */
function agreed(a: Decimal, b: Decimal): number {
  const diff = a.sub(b).abs();
  if (diff.isZero()) return DIGITS;
  if (a.isZero()) return 0;
  return Math.max(0, Math.floor(-diff.div(a.abs()).log(10).toNumber()));
}

/**
 * The valuation of an eigenvalue that grows as d does (a negative power of eps, e.g. the O(d) eigenvalues
 * of the bulk directions), from its growth across the ladder; 0 for one that stays bounded.
 */
function growth(eps: readonly Decimal[], y: readonly Decimal[]): number {
  const last = eps.length - 1;
  const v = Math.round(y[last]!.abs().div(y[0]!.abs()).ln().div(eps[last]!.div(eps[0]!).ln()).toNumber());
  return Math.min(0, v);
}

/**
 * One eigenvalue's series eps^val (c_0 + c_1 eps + ...) from the two fits of its c_k, k <= terms: trusted
 * digits, zeros below the noise, cut at the first untrusted coefficient.
 */
function fittedSeries(F: DecimalField, val: number, first: readonly Decimal[], second: readonly Decimal[], terms: number): Series<Decimal> {
  const scale = first.slice(0, terms + 1).reduce((m, c) => (c.abs().gt(m) ? c.abs() : m), F.zero());
  const coeffs: Decimal[] = [];
  for (let k = 0; k <= terms; k++) {
    const a = first[k]!;
    if (a.abs().lte(scale.mul(NOISE)) && second[k]!.abs().lte(scale.mul(NOISE))) {
      coeffs.push(F.zero());
      continue;
    }
    const digits = agreed(a, second[k]!);
    if (digits < MIN_DIGITS) return Series.of(F, val, coeffs, val + k);
    coeffs.push(a.toSignificantDigits(digits));
  }
  return Series.of(F, val, coeffs, val + terms + 1);
}

/**
 * The fitted eigenvalue series of every block of a numeric family f for the model, to O(eps^(order+1)) where
 * the two fits agree (docs/hessian.md): each coefficient is numeric, kept to the digits the fits share.
 */
export function fittedEigenSeries(f: FamilyDefinition, order: number, model: StudentModel, onProgress?: (what: string) => void): FamilyEigenSeries {
  const F = new DecimalField(DIGITS);
  const count = order + EXTRA_DEGREE + 1;
  const ds = ladders(f, F, count);
  const samples = ds.map((ladder) => sampledBlocks(f, ladder, model, F, onProgress));
  const eps = ds.map((ladder) => ladder.map((d) => F.fromDecimalString(d).pow(-0.5)));
  const components: ComponentEigenSeries[] = samples[0]![0]!.map((block, b) => {
    const gauge: EigenvalueSeries[] = Array.from({ length: block.gauge }, () => ({ series: Series.zero(F, order + 1), field: F, exact: false, gauge: true }));
    const values = block.values.map((_, i): EigenvalueSeries => {
      // lambda = eps^v (c_0 + c_1 eps + ...): fit eps^-v lambda, v <= 0 read off the growth along the first ladder.
      const ys = [0, 1].map((l) => samples[l]!.map((atD) => atD[b]!.values[i]!));
      const val = growth(eps[0]!, ys[0]!);
      const [first, second] = [0, 1].map((l) => interpolate(F, eps[l]!, ys[l]!.map((y, j) => y.mul(eps[l]![j]!.pow(-val)))));
      return { series: fittedSeries(F, val, first!, second!, order - val), field: F, exact: false, gauge: false };
    });
    return { component: block.component, dimensionFormula: dimensionFormula(block.component.dimension), eigenvalues: [...gauge, ...values] };
  });
  const fitted =
    `Numeric: each eigenvalue fitted as a polynomial of degree ${count - 1} in eps to the block eigenvalues at two ladders of ${count} values of d ` +
    `from 1e${LOWEST} to ${f.range.max} (critical points at ${DIGITS} digits), every coefficient shown to the digits on which the two fits agree (docs/hessian.md); ` +
    `an eigenvalue whose fits part before the order is given to its last agreed term, with its own error term.`;
  return { family: f.name, model, field: F, order, familyOrder: count - 1, fitted, components };
}
