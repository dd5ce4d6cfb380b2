import type { Decimal } from "decimal.js";
import { familyCriticalPoint } from "../families/critical.js";
import { newtonCriticalPoint, solveCritical } from "../families/newton.js";
import { F64 } from "../numbers/floatField.js";
import { precisionContext } from "../families/precision.js";
import { templateFamily, type FamilyTemplate } from "../families/template.js";
import { youngInertia, youngSpectrum } from "../hessian/youngInertia.js";
import { NewtonError } from "../linalg/newton.js";
import { Pattern } from "../patterns/pattern.js";

/**
 * A template along the ray p = d / k (docs/census.md §8, issue 18 part 3), followed continuously in real d: the
 * pattern (d-p | p) with the real class size p = d / k (Pattern.realIsotropy, docs/patterns.md §4). From the
 * template's instance at the integer p0 (continued from its seed to d = k p0) each next point of the geometric
 * grid p_j = p0 RATIO^j (rounded to a multiple of 1/64, so that p and d = k p are short exact decimals), up to
 * d = top, is Newton's solution at (d_j, p_j) from the previous point (started by the same Newton in float64); a
 * move that fails or changes a parameter by more than MAX_MOVE is halved in log d (the intermediate points are
 * not kept), and one shorter than SHORTEST_MOVE that still fails ends the branch. At each grid point: the loss, the parameters, the smallest
 * eigenvalue of the Hessian with a fixed second layer (Young blocks at the real sizes, float64) and its component.
 */

const RATIO = 1.25;
const MAX_MOVE = 0.05;
/** In log d: a failing move shorter than this ends the branch. */
const SHORTEST_MOVE = 1e-3;
/** The digits of the float64 Newton that starts each high-precision one (float64 keeps about 16 - 2 log10 d). */
const START_DIGITS = 7;

export interface RayPoint {
  readonly d: number;
  /** The size of class B, d / k: a real number. */
  readonly p: number;
  readonly loss: Decimal;
  readonly x: Readonly<Record<string, Decimal>>;
  readonly smallest: number;
  readonly component: string;
}

export interface TemplateRay {
  readonly template: string;
  /** p = d / k. */
  readonly k: number;
  readonly points: RayPoint[];
  /** Why the ray stops before `top`, if it does. */
  readonly end?: string;
}

/** The grid's p: p0 RATIO^j rounded to a multiple of 1/64. */
function gridP(p0: number, j: number): number {
  return Math.round(p0 * RATIO ** j * 64) / 64;
}

export function templateRay(t: FamilyTemplate, k: number, options: { top: number; digits: number; p0: number; onProgress?: (text: string) => void }): TemplateRay {
  const precision = precisionContext(options.digits);
  let p = options.p0;
  let x = familyCriticalPoint(templateFamily(t, p), String(k * p), options.digits).x;
  const points: RayPoint[] = [];
  const record = (p: number, x: readonly Decimal[], loss: Decimal): void => {
    const P = Pattern.realIsotropy(p);
    const { smallestEigenvalue: smallest, smallestComponent: component } = youngInertia(youngSpectrum(P, x.map((v) => v.toNumber()), k * p, "fixed"));
    points.push({ d: k * p, p, loss, x: Object.fromEntries(P.params.filter((q) => q.kind !== "a").map((q, i) => [q.alias!, x[i]!])), smallest, component });
  };
  const F = precision.working(k * p);
  record(p, x, newtonCriticalPoint(F, precision, Pattern.realIsotropy(p), x, F.fromInt(k * p)).loss);
  // The same Newton in float64 first, to START_DIGITS (its iterates are those of the high-precision one up to
  // rounding): the high-precision Newton then starts next to its solution. Where it fails, the current point.
  const start = (P: Pattern, d: number): Decimal[] => {
    try {
      const W = precision.working(d);
      const y = solveCritical(F64, START_DIGITS, P, x.map((v) => v.toNumber()), d).x;
      return y.every(Number.isFinite) ? y.map((v) => W.from(v)) : x;
    } catch (e) {
      if (e instanceof NewtonError) return x;
      throw e;
    }
  };
  // Newton at (k p', p') from the current point: undefined when it fails or moves a parameter too far.
  const solve = (next: number) => {
    const d = k * next;
    const W = precision.working(d);
    options.onProgress?.(`d = ${d.toPrecision(8)}, p = ${next.toPrecision(8)}`);
    try {
      const P = Pattern.realIsotropy(next);
      const point = newtonCriticalPoint(W, precision, P, start(P, d), W.fromDecimalString(String(d)));
      return Math.max(...point.x.map((v, i) => v.sub(x[i]!).abs().toNumber())) > MAX_MOVE ? undefined : point;
    } catch (e) {
      if (e instanceof NewtonError) return undefined;
      throw e;
    }
  };
  let end: string | undefined;
  for (let j = 1; end === undefined && k * gridP(options.p0, j) <= options.top; j++) {
    const target = gridP(options.p0, j);
    while (p < target && end === undefined) {
      let h = Math.log(target / p);
      let next = target;
      let point = solve(next);
      while (point === undefined && h >= SHORTEST_MOVE) {
        h /= 2;
        next = p * Math.exp(h);
        point = solve(next);
      }
      if (point === undefined) end = `no critical point of the branch found at d = ${(k * next).toPrecision(8)}, p = ${next.toPrecision(8)} from the one at p = ${p.toPrecision(8)}`;
      else {
        x = point.x;
        p = next;
        if (p === target) record(p, x, point.loss);
      }
    }
  }
  return { template: t.name, k, points, ...(end === undefined ? {} : { end }) };
}

/**
 * The limit as d -> infinity of values v(d) that expand in powers of eps = d^(-1/2) (docs/census.md §8): the
 * polynomial in eps through the last EXTRAPOLATION_DEGREE + 1 samples, at eps = 0 (Richardson / Neville);
 * the error estimate is its distance to the same with one degree less.
 */
export function epsLimit(ds: readonly number[], values: readonly number[]): { value: number; error: number } | undefined {
  const atZero = (m: number): number => {
    const e = ds.slice(-m - 1).map((d) => 1 / Math.sqrt(d));
    const v = values.slice(-m - 1);
    let sum = 0;
    for (let i = 0; i <= m; i++) {
      let w = 1;
      for (let j = 0; j <= m; j++) if (j !== i) w *= e[j]! / (e[j]! - e[i]!);
      sum += w * v[i]!;
    }
    return sum;
  };
  if (ds.length < EXTRAPOLATION_DEGREE + 1) return undefined;
  const value = atZero(EXTRAPOLATION_DEGREE);
  return { value, error: Math.abs(value - atZero(EXTRAPOLATION_DEGREE - 1)) };
}

const EXTRAPOLATION_DEGREE = 4;
