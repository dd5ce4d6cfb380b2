import type { Decimal } from "decimal.js";
import { DecimalField } from "../numbers/decimalField.js";
import { Pattern } from "../patterns/pattern.js";
import { NewtonError } from "../linalg/newton.js";
import { continueBranch, type ContinuationOptions } from "./continuation.js";
import type { FamilyDefinition } from "./definition.js";
import { newtonCriticalPoint, type PatternCriticalPoint } from "./newton.js";
import { precisionContext, type Arithmetic, type PrecisionContext } from "./precision.js";
import { seriesStart, seriesStartThreshold } from "./seriesStart.js";
import { familyWidthOffset } from "./models.js";

/** The family's pattern (d-p | p), with its special indices split (d-p | s | t) when declared so. */
export function familyPattern(f: FamilyDefinition): Pattern {
  return Pattern.isotropy(f.p, familyWidthOffset(f), f.split);
}

/** The seed point of a family as pattern parameters (W from the file, a = the family's signs). */
export function seedParams(f: FamilyDefinition, F: DecimalField): Decimal[] {
  const P = familyPattern(f);
  return P.params.map((q) => {
    if (q.kind === "a") return F.fromInt(f.signs[q.row]!);
    const v = f.seed.params[q.alias!];
    if (v === undefined) throw new Error(`derivations/${f.name}.json: the seed has no value for ${q.alias}`);
    return F.fromDecimalString(v);
  });
}

/** Check that d lies in the family's explored range; a RangeError naming the range otherwise. */
export function checkInRange(f: FamilyDefinition, d: Decimal): void {
  const F = new DecimalField(40);
  const lo = F.fromDecimalString(f.range.min);
  const hi = F.fromDecimalString(f.range.max);
  if (d.lt(lo) || d.gt(hi)) {
    throw new RangeError(`d = ${d.toString()} is outside family ${f.name}'s range [${f.range.min}, ${f.range.max}] (${f.range.note})`);
  }
}

export interface FamilyCriticalPoint extends PatternCriticalPoint {
  /** Significant digits confirmed by repeating the solve with 10 more digits. */
  readonly confirmedDigits: number;
}

/** The points of familyCriticalPoint walked from the seed, by family definition, d, digits and arithmetic. */
const pointsFromSeed = new WeakMap<FamilyDefinition, Map<string, FamilyCriticalPoint>>();

/**
 * The family's critical point at real d to `digits` significant digits (docs/families.md): continuation
 * in d from the seed, then a Newton polish with 10 more digits (precisionContext(digits).confirming());
 * the digits on which the two agree are reported as confirmed (an error if fewer than digits - 3). Without
 * `start` the point is computed once per process (both second layers, the spectra, the bifurcations' kernels
 * and ends ask for the same points; progress is reported the first time only).
 */
export function familyCriticalPoint(
  f: FamilyDefinition,
  d: string,
  digits: number,
  onStep?: (d: Decimal) => void,
  arithmetic: Arithmetic = "binary",
  start?: KnownPoint,
): FamilyCriticalPoint {
  if (start !== undefined) return familyCriticalPoints(f, [d], digits, onStep, arithmetic, start)[0]!;
  let byKey = pointsFromSeed.get(f);
  if (byKey === undefined) pointsFromSeed.set(f, (byKey = new Map()));
  const key = `${d}|${digits}|${arithmetic}`;
  let point = byKey.get(key);
  if (point === undefined) {
    point = familyCriticalPoints(f, [d], digits, onStep, arithmetic)[0]!;
    byKey.set(key, point);
  }
  return { ...point, x: [...point.x] };
}

/** A critical point of the family already known (e.g. a sample of a walk), from which a walk may start instead of the seed. */
export interface KnownPoint {
  readonly x: readonly Decimal[];
  readonly d: Decimal;
}

/**
 * The family's critical points at several d, in the order given (docs/families.md §7). Each starts from
 * the nearest known point: the committed series where it is accurate enough at d (seriesStart, Newton
 * directly), else the previous point of the list (the seed for the first) or the series at its threshold
 * dimension, whichever is nearer in log d, continued to d. So a sweep d = 1e3, 1e4, ... never walks the
 * branch from the seed. Each point is confirmed by a second Newton solve with 10 more digits. The solves
 * run in `arithmetic` (binary by default; docs/families.md, "Arithmetic"). With `start`, a known point of
 * the branch takes the place of the seed.
 */
export function familyCriticalPoints(
  f: FamilyDefinition,
  ds: readonly string[],
  digits: number,
  onStep?: (d: Decimal) => void,
  arithmetic: Arithmetic = "binary",
  start?: KnownPoint,
): FamilyCriticalPoint[] {
  const confirming = precisionContext(digits, arithmetic).confirming();
  return walkBranch(f, ds, digits, onStep, arithmetic, start, (first, d, dValue) => {
    const finer = confirming.working(dValue);
    const second = newtonCriticalPoint(finer, confirming, familyPattern(f), first.x, finer.from(dValue));
    const confirmed = agreedDigits(first.x, second.x, confirming.digits);
    if (confirmed < digits - 3) {
      throw new Error(`family ${f.name} at d = ${d}: only ${confirmed} digits agree between ${digits} and ${confirming.digits} digit solves`);
    }
    return { ...second, confirmedDigits: Math.min(confirmed, digits) };
  });
}

/**
 * The points of familyCriticalPoints without the confirming solve: each to `digits` digits (plus guard
 * digits) by the same starts and continuation, for walks that only need the branch (the crossing scan's
 * sign counts, docs/crossing.md §3), not digits to print.
 */
export function familyBranchPoints(f: FamilyDefinition, ds: readonly string[], digits: number, onStep?: (d: Decimal) => void): PatternCriticalPoint[] {
  return walkBranch(f, ds, digits, onStep, "binary", undefined, (first) => first);
}

/** The walk of familyCriticalPoints; `finish` turns each solved point into the result, whose x starts the next. */
function walkBranch<R extends PatternCriticalPoint>(
  f: FamilyDefinition,
  ds: readonly string[],
  digits: number,
  onStep: ((d: Decimal) => void) | undefined,
  arithmetic: Arithmetic,
  start: KnownPoint | undefined,
  finish: (first: PatternCriticalPoint, d: string, dValue: Decimal) => R,
): R[] {
  const P = familyPattern(f);
  const precision = precisionContext(digits, arithmetic);
  const input = new DecimalField(precision.inputDigits);
  const continuation = onStep === undefined ? { precision } : { precision, onStep };
  let x: readonly Decimal[] = start?.x ?? seedParams(f, input);
  let from = start === undefined ? input.fromDecimalString(f.seed.d) : input.from(start.d);
  return ds.map((d) => {
    const dValue = input.fromDecimalString(d);
    checkInRange(f, dValue);
    const work = precision.working(dValue);
    const first = fromSeries(f, P, precision, dValue) ?? (from.eq(dValue)
      ? newtonCriticalPoint(work, precision, P, x.map((v) => work.from(v)), work.from(dValue))
      : continueFromNearest(f, P, precision, x, from, dValue, continuation));
    const point = finish(first, d, dValue);
    x = point.x;
    from = dValue;
    return point;
  });
}

/** Newton at d started from the committed series, when it gives a start there and Newton converges from it. */
function fromSeries(f: FamilyDefinition, P: Pattern, precision: PrecisionContext, d: Decimal): PatternCriticalPoint | undefined {
  const work = precision.working(d);
  const start = seriesStart(f, P, work, work.from(d));
  if (start === undefined) return undefined;
  try {
    return newtonCriticalPoint(work, precision, P, start, work.from(d));
  } catch (e) {
    if (e instanceof NewtonError) return undefined;
    throw e;
  }
}

/** Continue to d from the known point (x, from) or from the series at its threshold, whichever is nearer in log d. */
function continueFromNearest(
  f: FamilyDefinition,
  P: Pattern,
  precision: PrecisionContext,
  x: readonly Decimal[],
  from: Decimal,
  d: Decimal,
  options: ContinuationOptions,
): PatternCriticalPoint {
  const threshold = seriesStartThreshold(f);
  if (threshold !== undefined) {
    const logD = Math.log(d.toNumber());
    if (Math.abs(logD - Math.log(threshold)) < Math.abs(logD - Math.log(from.toNumber()))) {
      const at = fromSeries(f, P, precision, new DecimalField(precision.inputDigits).fromInt(Math.ceil(threshold)));
      if (at !== undefined) return continueBranch(P, at.x, at.d, d, options);
    }
  }
  return continueBranch(P, x, from, d, options);
}

/** The number of leading significant digits on which two parameter vectors agree (entrywise, relative to the largest). */
function agreedDigits(a: readonly Decimal[], b: readonly Decimal[], cap: number): number {
  let scale = a[0]!.abs();
  for (const v of a) if (v.abs().gt(scale)) scale = v.abs();
  let worst = cap;
  a.forEach((v, i) => {
    const diff = v.sub(b[i]!).abs();
    if (diff.isZero() || scale.isZero()) return;
    worst = Math.min(worst, Math.floor(-diff.div(scale).log(10).toNumber()));
  });
  return worst;
}

/** The number of critical points in the family's orbit (binomial(d, p) at k = d; rows of equal class counted once), as text and at integer d. */
export function multiplicity(f: FamilyDefinition): { formula: string; at(d: number): bigint } {
  // Columns are chosen for B (p of them; s and t for a split B, D) and, at k < d, for the -h columns
  // without a student row: d! / ((d - c)! p! (-h)!) (s! t! for p! when split), c = p + max(0, -h); the
  // extra rows of k > d are permuted among themselves.
  const missing = Math.max(0, -familyWidthOffset(f));
  const c = f.p + missing;
  const factorial = (n: number): bigint => (n <= 1 ? 1n : BigInt(n) * factorial(n - 1));
  const special = f.split === undefined ? factorial(f.p) : factorial(f.split[0]) * factorial(f.split[1]);
  const denominator = special * factorial(missing);
  const falling = Array.from({ length: c }, (_, i) => (i === 0 ? "d" : `(d-${i})`));
  const formula = c === 0 ? "1" : c === 1 ? "d" : `${falling.join("")}${denominator === 1n ? "" : `/${denominator}`}`;
  return {
    formula,
    at(d: number): bigint {
      let num = 1n;
      for (let i = 0; i < c; i++) num *= BigInt(d - i);
      return num / denominator;
    },
  };
}
