import type { Decimal } from "decimal.js";
import { decimalContext } from "../numbers/decimalContext.js";
import type { FamilyDefinition } from "../families/definition.js";
import { familyCriticalPoints, familyPattern } from "../families/critical.js";
import { evaluateSeries } from "../series/evaluate.js";
import type { FamilySeries } from "./familySeries.js";

/** The dimensions at which series are checked against the numeric critical points. */
export const VERIFY_DIMENSIONS = ["1e3", "1e4", "1e5", "1e6"];

export interface VerifiedQuantity {
  readonly name: string;
  /** |series(d) - numeric(d)| at each of VERIFY_DIMENSIONS. */
  readonly errors: Decimal[];
  /** Repeated-median slope of log10(error) against log10(d); expected at most -(order+1)/2. */
  readonly slope: number;
}

export interface Verification {
  readonly family: string;
  readonly order: number;
  readonly expectedSlope: number;
  readonly dimensions: readonly string[];
  readonly quantities: readonly VerifiedQuantity[];
}

/**
 * Siegel's repeated-median slope of y against x: for each point the median of its slopes to the others,
 * then the median of those. One sample may fall where the next two terms of the series cancel (its error
 * far below the trend: 3a.d+1's x6 at d = 1e3); a least-squares fit would tilt towards it, the repeated
 * median (breakdown point one half) does not, while a series that is wrong at its last order still shows
 * the slower slope between every pair of samples.
 */
function slopeOf(x: readonly number[], y: readonly number[]): number {
  const median = (v: number[]): number => {
    const sorted = v.slice().sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  return median(x.map((xi, i) => median(x.flatMap((xj, j) => (j === i ? [] : [(y[j]! - y[i]!) / (xj - xi)])))));
}

/**
 * Evaluate the series at d = 1e3..1e6 and compare with the critical points from Newton at `digits`
 * digits (docs/series-derivation.md, "verification"). An error below the numeric floor counts as the
 * floor, so an exact agreement never produces a spurious slope.
 */
export function verifyFamilySeries(f: FamilyDefinition, s: FamilySeries<unknown>, digits: number, onProgress?: (what: string) => void): Verification {
  const P = familyPattern(f);
  onProgress?.("critical points at d = 1e3 .. 1e6");
  const points = familyCriticalPoints(f, VERIFY_DIMENSIONS, digits);
  const D = decimalContext(digits);
  const floor = new D(10).pow(-(digits - 5));
  const errorsOf = (series: (typeof s.params)[number]["series"], numeric: (i: number) => Decimal): Decimal[] =>
    VERIFY_DIMENSIONS.map((d, i) => {
      const eps = new D(d).sqrt().pow(-1);
      const e = evaluateSeries(series, eps, digits).sub(numeric(i)).abs();
      return e.lt(floor) ? floor : e;
    });
  const logD = VERIFY_DIMENSIONS.map((d) => Math.log10(Number(d)));
  // All errors at the floor: the series agrees to working precision at every d (slope -Infinity).
  const quantity = (name: string, errors: Decimal[]): VerifiedQuantity => ({
    name,
    errors,
    slope: errors.every((e) => e.eq(floor)) ? -Infinity : slopeOf(logD, errors.map((e) => e.log(10).toNumber())),
  });
  const quantities = s.params
    .filter((p) => P.params[P.paramByName(p.alias)]!.kind !== "a")
    .map((p) => quantity(p.alias, errorsOf(p.series, (i) => points[i]!.x[P.paramByName(p.alias)]!)));
  quantities.push(quantity("loss", errorsOf(s.loss, (i) => points[i]!.loss)));
  return { family: f.name, order: s.order, expectedSlope: -(s.order + 1) / 2, dimensions: VERIFY_DIMENSIONS, quantities };
}
