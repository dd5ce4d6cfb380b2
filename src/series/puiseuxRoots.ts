import type { Decimal } from "decimal.js";
import type { Field } from "../numbers/field.js";
import { DecimalField } from "../numbers/decimalField.js";
import { type Poly, polyDerivative, polyEvaluate, polySquarefree } from "../numbers/polynomial.js";
import { NewtonError, liftingSchedule, newtonSolve } from "../linalg/newton.js";
import { Series } from "./series.js";

/**
 * Roots of a polynomial with truncated Laurent-series coefficients, as series in eps (docs/hessian.md,
 * "eigenvalue series"): Newton polygon for the valuations, exact roots of each segment's leading
 * polynomial in the field (squarefree factorisation; linear and quadratic factors that split, factors of higher
 * degree through the candidates of options.candidate, confirmed exactly), Newton
 * lifting of simple roots (each step doubles the known order), and for a multiple leading root mu0 a
 * shift mu = mu0 + nu followed by the Newton polygon of the shifted polynomial (a Puiseux step). Leading
 * coefficients that do not lie in the field are computed in Decimal(NUMERIC_DIGITS) and lifted there.
 */

/** Digits of the numeric fallback. */
export const NUMERIC_DIGITS = 60;

/** One root: its series (over the polynomial's field, or over Decimal when `exact` is false). */
export interface SeriesRoot {
  readonly series: Series<unknown>;
  readonly field: Field<unknown>;
  readonly exact: boolean;
}

/**
 * A candidate element of the field near a decimal known to `digits` digits (e.g. p(pi)/q(pi) recognised by
 * PSLQ), which the root finder confirms exactly before using it.
 */
export type Candidate<T> = (x: Decimal, digits: number) => T | undefined;

/** Why a root could not be resolved. */
export class RootResolutionError extends Error {
  override readonly name = "RootResolutionError";
}

/** The roots of a monic squarefree factor of degree 1 or 2 when they lie in F (both or neither), else undefined. */
function exactRoots<T>(F: Field<T>, f: Poly<T>): T[] | undefined {
  if (f.length === 2) return [F.neg(f[0]!)];
  if (f.length === 3) {
    // mu^2 + b mu + c: (-b +- sqrt(b^2 - 4c)) / 2.
    const [c, b] = [f[0]!, f[1]!];
    const disc = F.sub(F.mul(b, b), F.mul(F.fromInt(4), c));
    const r = F.sqrt(disc);
    if (r === undefined) return undefined;
    const half = F.fromRational(1, 2);
    return [F.mul(half, F.sub(F.neg(b), r)), F.mul(half, F.add(F.neg(b), r))];
  }
  return undefined;
}

/**
 * The roots of a monic squarefree factor of any degree, when all lie in F: numeric roots at
 * NUMERIC_DIGITS, each turned into a candidate by `candidate` (the field's recognition) and confirmed
 * exactly (factor(r) = 0); undefined when any root has no confirmed candidate.
 */
function recognizedRoots<T>(F: Field<T>, f: Poly<T>, candidate: Candidate<T> | undefined): T[] | undefined {
  if (candidate === undefined) return undefined;
  const D = new DecimalField(NUMERIC_DIGITS + 10);
  let numeric: Decimal[];
  try {
    numeric = numericRealRoots(D, f.map((c) => D.from(F.toDecimal(c, NUMERIC_DIGITS + 10))));
  } catch (e) {
    if (e instanceof RootResolutionError || e instanceof NewtonError) return undefined;
    throw e;
  }
  const out: T[] = [];
  for (const x of numeric) {
    const r = candidate(x, NUMERIC_DIGITS - 5);
    if (r === undefined || !F.isZero(polyEvaluate(F, f, r))) return undefined;
    out.push(r);
  }
  return out;
}

/** Durand–Kerner sweeps allowed before the complex root approximations must have settled. */
const DURAND_KERNER_SWEEPS = 500;
/** Durand–Kerner has settled when no correction exceeds this, relative to the root bound. */
const DURAND_KERNER_SETTLED = 1e-8;

/**
 * Real roots of a real squarefree polynomial (Decimal coefficients): Durand–Kerner in float64 until the
 * corrections settle (RootResolutionError when they do not, or when a root is not real), each root then
 * polished by newtonSolve in Decimal to the field's precision.
 */
function numericRealRoots(D: DecimalField, f: Decimal[]): Decimal[] {
  const n = f.length - 1;
  const a = f.map((c) => c.div(f[n]!).toNumber());
  const bound = 1 + Math.max(...a.slice(0, n).map(Math.abs)); // Cauchy's bound on |roots|
  // Complex Durand–Kerner.
  let z: [number, number][] = Array.from({ length: n }, (_, k) => [Math.cos((2 * Math.PI * k) / n + 0.4) * 0.9 ** k * (1 + Math.abs(a[0]!)), Math.sin((2 * Math.PI * k) / n + 0.4) * 0.9 ** k * (1 + Math.abs(a[0]!))]);
  const mul = (x: [number, number], y: [number, number]): [number, number] => [x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]];
  const div = (x: [number, number], y: [number, number]): [number, number] => {
    const q = y[0] * y[0] + y[1] * y[1];
    return [(x[0] * y[0] + x[1] * y[1]) / q, (x[1] * y[0] - x[0] * y[1]) / q];
  };
  let sweeps = 0;
  for (let correction = Infinity; correction > DURAND_KERNER_SETTLED * bound; sweeps++) {
    if (sweeps === DURAND_KERNER_SWEEPS) throw new RootResolutionError(`Durand–Kerner did not settle in ${DURAND_KERNER_SWEEPS} sweeps (last correction ${correction})`);
    correction = 0;
    z = z.map((zi, i) => {
      let p: [number, number] = [1, 0];
      for (let k = n - 1; k >= 0; k--) {
        p = mul(p, zi);
        p = [p[0] + a[k]!, p[1]];
      }
      let den: [number, number] = [1, 0];
      z.forEach((zj, j) => {
        if (j !== i) den = mul(den, [zi[0] - zj[0], zi[1] - zj[1]]);
      });
      const step = div(p, den);
      correction = Math.max(correction, Math.hypot(step[0], step[1]));
      return [zi[0] - step[0], zi[1] - step[1]];
    });
    if (!Number.isFinite(correction)) throw new RootResolutionError("Durand–Kerner diverged");
  }
  const scale = Math.max(1, ...z.map((r) => Math.abs(r[0])));
  if (z.some((r) => Math.abs(r[1]) > 1e-6 * scale)) throw new RootResolutionError(`a leading polynomial has non-real roots (${z.map((r) => `${r[0]}+${r[1]}i`).join(", ")}): not a symmetric pencil`);
  const df = polyDerivative(D, f);
  const tolerance = new D.D(10).pow(-D.digits + 2);
  return z.map(
    (r) =>
      newtonSolve(D, [D.fromDecimalString(r[0].toString())], ([x]) => ({ residual: [polyEvaluate(D, f, x!)], jacobian: [[polyEvaluate(D, df, x!)]] }), {
        tolerance,
        maxSteps: 200,
        noiseFloor: tolerance.mul(1e4),
        what: "Newton on a leading root",
      }).y[0]!,
  );
}

// ---- polynomials over series ---------------------------------------------------------------

/** The series with every coefficient known to its precision treated as exact (a Laurent polynomial). */
function exactPart<T>(s: Series<T>): Series<T> {
  return Series.of(s.F, s.isZero() ? 0 : s.val, s.coeffs);
}

function evaluate<T>(F: Field<T>, c: readonly Series<T>[], x: Series<T>): Series<T> {
  let acc = Series.zero(F);
  for (let j = c.length - 1; j >= 0; j--) acc = acc.mul(x).add(c[j]!);
  return acc;
}

function derivativeSeriesPoly<T>(F: Field<T>, c: readonly Series<T>[]): Series<T>[] {
  return c.slice(1).map((s, i) => s.scale(F.fromInt(i + 1)));
}

/** q(x + t) as a polynomial in t (Taylor shift by repeated synthetic division). */
function taylorShift<T>(c: readonly Series<T>[], t: Series<T>): Series<T>[] {
  const a = c.slice();
  const n = a.length - 1;
  for (let i = 0; i < n; i++) for (let j = n - 1; j >= i; j--) a[j] = a[j]!.add(t.mul(a[j + 1]!));
  return a;
}

/** The valuation of a coefficient, or a lower bound (its precision) when it is zero to its precision. */
function valuationOf<T>(s: Series<T>): { v: number; known: boolean } {
  return s.isZero() ? { v: s.prec, known: false } : { v: s.val, known: true };
}

/**
 * Newton lift of a simple root mu0 (val 0, leading coefficient exact in F) of q(mu) (coefficients of
 * nonnegative valuation, q(mu0) = O(eps), q'(mu0) of valuation 0), along the doubling schedule of
 * liftingSchedule to O(eps^maxPrec); it stops early, with the root as far as it is known, where the
 * precision of q's coefficients allows no more.
 */
function newtonLift<T>(F: Field<T>, q: readonly Series<T>[], mu0: T, maxPrec: number): Series<T> {
  const dq = derivativeSeriesPoly(F, q);
  let mu = Series.constant(F, mu0, 1);
  for (const order of liftingSchedule(maxPrec, false)) {
    const x = exactPart(mu);
    const num = evaluate(F, q, x);
    const den = evaluate(F, dq, x);
    if (den.isZero() || den.val !== 0) throw new RootResolutionError("Newton lift: the derivative at a simple leading root is not a unit (precision too low)");
    const step = num.div(den, maxPrec);
    const next = x.sub(step).truncate(Math.min(order, step.prec));
    if (next.prec <= mu.prec) return mu;
    mu = next;
  }
  return mu;
}

/** Lowest convex hull of (j, v_j): segments [j1, j2] with integer or rational slope. */
function lowerHull(points: readonly { j: number; v: number }[]): { j1: number; j2: number; v1: number; v2: number }[] {
  const hull: { j: number; v: number }[] = [];
  for (const p of points) {
    while (hull.length >= 2) {
      const a = hull[hull.length - 2]!;
      const b = hull[hull.length - 1]!;
      // Remove b if it lies on or above the line from a to p.
      if ((b.v - a.v) * (p.j - a.j) >= (p.v - a.v) * (b.j - a.j)) hull.pop();
      else break;
    }
    hull.push(p);
  }
  const segments = [];
  for (let i = 0; i + 1 < hull.length; i++) segments.push({ j1: hull[i]!.j, j2: hull[i + 1]!.j, v1: hull[i]!.v, v2: hull[i + 1]!.v });
  return segments;
}

/** The valuations of the roots of sum_j c_j lambda^j: the slopes of the Newton polygon of the known coefficients. */
export function rootValuations<T>(c: readonly Series<T>[]): number[] {
  const points = c.flatMap((cj, j) => (cj.isZero() ? [] : [{ j, v: cj.val }]));
  return [...new Set(lowerHull(points).map((seg) => (seg.v1 - seg.v2) / (seg.j2 - seg.j1)))];
}

/** Which roots seriesPolynomialRoots looks for, and how it recognises exact leading roots. */
export interface SeriesRootOptions<T> {
  /** Only roots whose valuation exceeds this. Default: all. */
  readonly above?: number;
  /** Only roots of this valuation. Default: all. */
  readonly only?: number;
  /** Exact candidates for leading roots of degree > 2 factors (confirmed exactly); without it those roots are numeric. */
  readonly candidate?: Candidate<T>;
}

/** How deep the Puiseux recursion (coinciding leading terms) may go. */
const MAX_PUISEUX_DEPTH = 12;

/**
 * The roots of sum_j c_j lambda^j (c_n of known valuation) selected by `options`, each as a series in eps
 * to the precision the coefficients allow (at most maxPrec). `depth` counts the Puiseux steps taken.
 */
export function seriesPolynomialRoots<T>(F: Field<T>, c: readonly Series<T>[], maxPrec: number, options: SeriesRootOptions<T> = {}, depth = 0): SeriesRoot[] {
  const { above = -Infinity, only, candidate } = options;
  const n = c.length - 1;
  if (n <= 0) return [];
  if (depth > MAX_PUISEUX_DEPTH) throw new RootResolutionError(`coinciding leading terms: the Puiseux recursion did not separate the roots within ${MAX_PUISEUX_DEPTH} steps`);
  const vals = c.map(valuationOf);
  if (!vals[n]!.known) throw new RootResolutionError("the leading coefficient of the characteristic polynomial is zero to its precision");
  // Zero-to-precision trailing coefficients: that many roots are zero to the precision they allow.
  let z = 0;
  while (z < n && !vals[z]!.known) z++;
  const roots: SeriesRoot[] = [];
  if (z > 0 && only !== undefined) throw new RootResolutionError(`${z} trailing coefficient(s) are zero to their precision: the Newton polygon is undetermined (order too low)`);
  if (z > 0) {
    let bound = Infinity;
    for (let j = 0; j < z; j++) bound = Math.min(bound, Math.floor((vals[j]!.v - vals[z]!.v) / (z - j)));
    if (bound <= above) throw new RootResolutionError(`${z} root(s) are zero to the available precision only up to O(eps^${bound}): order too low`);
    for (let j = 0; j < z; j++) roots.push({ series: Series.zero(F, Math.min(bound, maxPrec)), field: F as Field<unknown>, exact: true });
  }
  const points = [];
  for (let j = z; j <= n; j++) if (vals[j]!.known) points.push({ j, v: vals[j]!.v });
  for (const seg of lowerHull(points)) {
    const slopeNum = seg.v1 - seg.v2;
    const width = seg.j2 - seg.j1;
    const s = slopeNum / width; // the roots' valuation
    if (s <= above) continue;
    // Unknown coefficients (zero to their precision) must lie strictly above the segment's line.
    for (let j = seg.j1 + 1; j < seg.j2; j++) {
      if (!vals[j]!.known && vals[j]!.v * width <= seg.v1 * width - slopeNum * (j - seg.j1)) {
        throw new RootResolutionError(`the Newton polygon is undetermined: coefficient ${j} is zero only to O(eps^${vals[j]!.v}) (order too low)`);
      }
    }
    if (only !== undefined && s !== only) continue;
    if (!Number.isInteger(s)) throw new RootResolutionError(`roots of valuation ${s} (a ramified Puiseux series in eps): not supported`);
    const w = seg.v1 + seg.j1 * s;
    // q(mu) = eps^-w p(eps^s mu): coefficients of valuation >= 0, leading polynomial from the segment.
    const q = c.map((cj, j) => cj.shift(j * s - w));
    const q0: T[] = q.slice(seg.j1, seg.j2 + 1).map((qj) => (!qj.isZero() && qj.val === 0 ? qj.lead() : F.zero()));
    const muPrec = maxPrec - s;
    for (const [factor, mult] of polySquarefree(F, q0)) {
      const exact = exactRoots(F, factor) ?? recognizedRoots(F, factor, candidate);
      if (exact !== undefined) {
        for (const mu0 of exact) {
          if (mult === 1) {
            const mu = newtonLift(F, q, mu0, muPrec);
            roots.push({ series: mu.shift(s), field: F as Field<unknown>, exact: true });
          } else {
            // Coinciding leading terms: mu = mu0 + nu with nu of positive valuation (a Puiseux step).
            const shifted = taylorShift(q, Series.constant(F, mu0));
            const inner = seriesPolynomialRoots(F, shifted, muPrec, { above: 0, candidate }, depth + 1);
            const mine = inner.filter((r) => r.exact);
            if (mine.length !== inner.length) {
              inner.filter((r) => !r.exact).forEach((r) => roots.push({ ...r, series: shiftNumeric(F, r.series, mu0).shift(s) }));
            }
            for (const r of mine) roots.push({ series: (r.series as Series<T>).addConstant(mu0).shift(s), field: F as Field<unknown>, exact: true });
          }
        }
      } else {
        if (mult > 1) throw new RootResolutionError(`coinciding leading terms whose common value does not lie in ${F.name} (a repeated irreducible factor of degree ${factor.length - 1})`);
        for (const r of numericRoots(F, q, factor, muPrec)) roots.push({ series: r.shift(s), field: new DecimalField(NUMERIC_DIGITS) as Field<unknown>, exact: false });
      }
    }
  }
  return roots;
}

/** mu0 + nu for a numeric nu and an exact mu0. */
function shiftNumeric<T>(F: Field<T>, nu: Series<unknown>, mu0: T): Series<unknown> {
  return (nu as Series<Decimal>).addConstant(F.toDecimal(mu0, NUMERIC_DIGITS));
}

/** Numeric simple roots of a leading factor, lifted over Decimal series. */
function numericRoots<T>(F: Field<T>, q: readonly Series<T>[], factor: Poly<T>, maxPrec: number): Series<Decimal>[] {
  const D = new DecimalField(NUMERIC_DIGITS);
  const toD = (x: T): Decimal => D.from(F.toDecimal(x, NUMERIC_DIGITS + 10));
  const qD = q.map((s) => s.mapCoefficients(D, toD));
  const roots = numericRealRoots(D, factor.map(toD));
  const threshold = new D.D(10).pow(-(NUMERIC_DIGITS - 12));
  return roots.map((mu0) => {
    const mu = newtonLift(D, qD, mu0, maxPrec);
    // Rounding residue (far below the working precision) is not a coefficient.
    return Series.of(D, mu.val, mu.coeffs.map((x) => (x.abs().lt(threshold) ? D.zero() : x)), mu.prec);
  });
}
