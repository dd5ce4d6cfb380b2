import type { Decimal } from "decimal.js";
import type { DecimalField } from "../numbers/decimalField.js";
import { F64 } from "../numbers/floatField.js";
import type { RealField } from "../numbers/field.js";
import { cellDot, cellLayout, type CellLayout } from "./cells.js";
import { fastResidualCorrelation, residualCorrelation } from "./fullResidual.js";
import { cellG, cellGradG, residualTypes, type FamilyParams } from "./residual.js";
import { minimiseOnSphere, sphereStarts, type SphereMinimum } from "./sphereSearch.js";

/**
 * The extremes of g on the unit sphere (docs/annihilation.md §3). g is invariant under the family's
 * isotropy Sigma = Delta(S_{d-p} x S_p), so a minimiser lies in the fixed-point space of its own
 * stabiliser in Sigma; we search the fixed-point spaces of the subgroups that fix up to two indices
 * (cell layouts with `bulk` distinguished bulk and `special` distinguished special indices), at real d,
 * and confirm at integer d by a multistart search over the whole sphere of R^d.
 */

/** The subgroups searched: the indices they fix (bulk, special). */
export const SEARCHED_LAYOUTS: readonly { readonly bulk: number; readonly special: number }[] = [
  { bulk: 0, special: 0 },
  { bulk: 1, special: 0 },
  { bulk: 0, special: 1 },
  { bulk: 2, special: 0 },
  { bulk: 1, special: 1 },
  { bulk: 0, special: 2 },
];

/** The largest integer d at which the full-dimensional search runs (its cost grows like d^3 per start). */
export const FULL_SEARCH_MAX_D = 40;

/** A direction given on cells: the name, size and value of each cell (|w| = 1). */
export interface CellDirection {
  readonly bulk: number;
  readonly special: number;
  readonly cells: { readonly name: string; readonly size: string; readonly value: number }[];
}

export interface SphereExtremum {
  /** g at the direction, recomputed in Decimal. */
  readonly value: Decimal;
  readonly direction: CellDirection;
}

/** The layout's cells have non-negative sizes (a fixed-point space with a positive definite metric). */
function admissible(L: CellLayout<number>): boolean {
  return L.cells.every((c) => c.size > 0);
}

/** The extreme of sign * g over the fixed-point space of one layout, at real d, in float64. */
function layoutExtremum(params: FamilyParams<number>, d: number, bulk: number, special: number, sign: 1 | -1): { layout: CellLayout<number>; best: SphereMinimum } | undefined {
  if (special > params.p) return undefined;
  const L = cellLayout(F64, d, params.p, bulk, special);
  if (!admissible(L)) return undefined;
  const types = residualTypes(F64, L, params);
  const best = minimiseOnSphere(
    {
      dimension: L.cells.length,
      dot: (u, v) => cellDot(F64, L, { values: u }, { values: v }),
      evaluate: (w) => ({ value: sign * cellG(F64, L, types, w), gradient: cellGradG(F64, L, types, w).map((x) => sign * x) }),
    },
    sphereStarts(L.cells.length, 8, 7 + bulk * 3 + special),
  );
  return { layout: L, best };
}

/**
 * The minimum (sign 1) or maximum (sign -1) of g over the searched fixed-point spaces at real d, its value
 * recomputed in the Decimal field F from the cell direction.
 */
export function reducedExtremum(F: DecimalField, params: FamilyParams<Decimal>, d: Decimal, sign: 1 | -1): SphereExtremum {
  const asNumber: FamilyParams<number> = { p: params.p, x: Object.fromEntries(Object.entries(params.x).map(([k, v]) => [k, v.toNumber()])) };
  let best: { layout: CellLayout<number>; best: SphereMinimum; bulk: number; special: number } | undefined;
  for (const { bulk, special } of SEARCHED_LAYOUTS) {
    const r = layoutExtremum(asNumber, d.toNumber(), bulk, special, sign);
    if (r !== undefined && (best === undefined || r.best.value < best.best.value - 1e-13)) best = { ...r, bulk, special };
  }
  if (best === undefined) throw new RangeError(`no fixed-point space to search at d = ${d.toString()}`);
  const L = cellLayout(F, d, params.p, best.bulk, best.special);
  const w = best.best.direction.map((x) => F.fromDecimalString(x.toPrecision(17)));
  const norm = F.sqrt(cellDot(F, L, { values: w }, { values: w }));
  const unit = w.map((x) => F.div(x, norm));
  const value = cellG(F, L, residualTypes(F, L, params), unit);
  return {
    value,
    direction: {
      bulk: best.bulk,
      special: best.special,
      cells: L.cells.map((c, k) => ({ name: c.name, size: c.size.toString(), value: unit[k]!.toNumber() })),
    },
  };
}

/**
 * The cell direction as a full vector of R^d at integer d: the distinguished bulk indices are 0, 1, ...,
 * the distinguished special indices d - p, d - p + 1, ... (the order of src/patterns/embedding.ts).
 */
export function expandDirection<T>(F: RealField<T>, direction: CellDirection, d: number, p: number): T[] {
  const value = (name: string): T => {
    const c = direction.cells.find((x) => x.name === name);
    return c === undefined ? F.zero() : F.fromDecimalString(c.value.toPrecision(17));
  };
  const w = Array.from({ length: d }, (_, j) => {
    if (j < d - p) return j < direction.bulk ? value(`A${j + 1}`) : value("A");
    const k = j - (d - p);
    return k < direction.special ? value(`B${k + 1}`) : value("B");
  });
  const n = F.sqrt(w.reduce((s, x) => F.add(s, F.mul(x, x)), F.zero()));
  return w.map((x) => F.div(x, n));
}

/** The result of the full-dimensional multistart search at integer d. */
export interface FullSearch {
  readonly d: number;
  readonly starts: number;
  /** The least value found (g on the evaluator's kernel, float64, at the direction found). */
  readonly value: number;
  readonly direction: number[];
}

/**
 * The minimum of g over the whole unit sphere of R^d at integer d, by descent from each ±e_m and from
 * `random` seeded random directions (float64; the value recomputed on the evaluator's kernel).
 */
export function fullSphereMinimum(W: readonly (readonly number[])[], a: readonly number[], random = 16, seed = 1): FullSearch {
  const d = W[0]!.length;
  const starts = sphereStarts(d, random, seed);
  const best = minimiseOnSphere(
    {
      dimension: d,
      dot: (u, v) => u.reduce((s, x, k) => s + x * v[k]!, 0),
      evaluate: (w) => fastResidualCorrelation(W, a, w),
    },
    starts,
  );
  return { d, starts: starts.length, value: residualCorrelation(F64, W, a, best.direction), direction: best.direction };
}
