import type { Decimal } from "decimal.js";
import { familyCriticalPoint } from "../families/critical.js";
import { newtonCriticalPoint } from "../families/newton.js";
import { precisionContext } from "../families/precision.js";
import { templateFamily, type FamilyTemplate } from "../families/template.js";
import { youngBlockEigenvalues, youngBlocks } from "../hessian/youngBlocks.js";
import { NewtonError } from "../linalg/newton.js";
import { F64 } from "../numbers/floatField.js";
import { Pattern } from "../patterns/pattern.js";

/**
 * A template along the ray p = d / k (docs/census.md §8, issue 18 part 3): the class sizes of the pattern are
 * integers, so the ray is sampled where d / k is one, d = k p. From the template's instance at p0 (continued
 * from its seed to d = k p0) each next point (p' = round(p0 RATIO^j), d' = k p', up to d = top) is Newton's
 * solution in (d' - p' | p') from the previous point; a step that fails or moves a parameter by more than
 * MAX_MOVE is halved (the intermediate points are not kept), and a step of one p that fails ends the branch. At each point: the loss, the parameters, the
 * smallest eigenvalue of the Hessian with a fixed second layer (Young blocks, float64) and its component.
 */

const RATIO = 1.25;
const MAX_MOVE = 0.05;

export interface RayPoint {
  readonly d: number;
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

export function templateRay(t: FamilyTemplate, k: number, options: { top: number; digits: number; p0: number; onProgress?: (text: string) => void }): TemplateRay {
  const precision = precisionContext(options.digits);
  let p = options.p0;
  const f0 = templateFamily(t, p);
  let x = familyCriticalPoint(f0, String(k * p), options.digits).x;
  const points: RayPoint[] = [];
  const record = (p: number, x: readonly Decimal[], loss: Decimal): void => {
    const P = Pattern.isotropy(p);
    const d = k * p;
    const blocks = youngBlocks(F64, P, x.map((v) => v.toNumber()), d, "fixed");
    let smallest = Infinity;
    let component = "";
    for (const b of blocks) {
      const v = youngBlockEigenvalues(F64, b).values[0];
      if (v !== undefined && v < smallest) [smallest, component] = [v, b.component.name];
    }
    points.push({ d, p, loss, x: Object.fromEntries(P.params.filter((q) => q.kind !== "a").map((q, i) => [q.alias!, x[i]!])), smallest, component });
  };
  const F = precision.working(k * p);
  record(p, x, newtonCriticalPoint(F, precision, Pattern.isotropy(p), x, F.fromInt(k * p)).loss);
  // Newton at p' from the current point: undefined when it fails or moves a parameter too far.
  const solve = (next: number) => {
    const W = precision.working(k * next);
    options.onProgress?.(`d = ${k * next}, p = ${next}`);
    try {
      const point = newtonCriticalPoint(W, precision, Pattern.isotropy(next), x, W.fromInt(k * next));
      return Math.max(...point.x.map((v, i) => v.sub(x[i]!).abs().toNumber())) > MAX_MOVE ? undefined : point;
    } catch (e) {
      if (e instanceof NewtonError) return undefined;
      throw e;
    }
  };
  let end: string | undefined;
  // The recorded points lie on the grid p_j = round(p0 RATIO^j); failed steps are halved in between.
  for (let j = 1; end === undefined; j++) {
    const target = Math.round(options.p0 * RATIO ** j);
    if (target <= p) continue;
    if (k * target > options.top) break;
    while (p < target && end === undefined) {
      let next = target;
      let point = solve(next);
      while (point === undefined && next > p + 1) {
        next = p + Math.ceil((next - p) / 2);
        point = solve(next);
      }
      if (point === undefined) end = `no critical point of the branch found at d = ${k * next}, p = ${next} from the one at p = ${p}`;
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
