import type { Decimal } from "decimal.js";
import { identifyFamily } from "../families/identify.js";
import { newtonCriticalPoint } from "../families/newton.js";
import { precisionContext } from "../families/precision.js";
import { youngBlockEigenvalues, youngBlocks } from "../hessian/youngBlocks.js";
import type { SecondLayer } from "../model/studentModel.js";
import { DecimalField } from "../numbers/decimalField.js";
import { F64 } from "../numbers/floatField.js";
import type { YoungComponent } from "../representations/youngDecomposition.js";
import { coarsen, samePoint } from "./points.js";
import { searchType, type SearchOptions } from "./search.js";
import { censusPattern, censusTypes, orbitSize } from "./types.js";

/**
 * The census at an integer d (docs/census.md): for every isotropy type of at most `maxClasses` classes (three
 * classes only with the smallest of at most 3 rows unless `all`), the critical points found by descent in
 * its fixed-point space (search.ts), each moved to the type of its own isotropy (coarsen) and counted once
 * up to permutations of equal classes; then, per point, Newton to `digits` digits in BigFloat, the spectrum
 * by isotypic component of the Young subgroup (youngBlocks.ts, in float64 at the refined point), index,
 * orbit size and the declared family it lies on.
 */

export interface CensusOptions {
  readonly d: number;
  /** The most classes of a type: 1, 2 or 3. */
  readonly maxClasses: number;
  /** Every three-class type, not only those whose smallest class has at most 3 rows. */
  readonly all: boolean;
  readonly secondLayer: SecondLayer;
  /** Starts per type and sign vector of a (search.ts). */
  readonly search: SearchOptions;
  /** Digits of the refined points (30 by default). */
  readonly digits?: number;
  /** Called after each type with (types done, types in all, the type's name). */
  readonly onProgress?: (done: number, total: number, what: string) => void;
  /** Only these types (class sizes, descending), for tests and for splitting the work; default: all of the census. */
  readonly types?: readonly (readonly number[])[];
}

/** One block's eigenvalues (ascending, without gauge zeros) and its component. */
export interface CensusComponentSpectrum {
  readonly component: YoungComponent;
  readonly eigenvalues: number[];
}

export interface CensusPoint {
  /** Class sizes, descending; classes A, B, C in this order. */
  readonly sizes: number[];
  /** The pattern's parameters by name (diag(A), off(A,B), ..., a(A)): W entries and the gauge signs of a. */
  readonly entries: { readonly name: string; readonly value: Decimal }[];
  readonly loss: Decimal;
  /** Norm of the full gradient at the embedded point (d^2 + d or d^2 coordinates). */
  readonly gradientNorm: Decimal;
  readonly spectrum: CensusComponentSpectrum[];
  /** Negative eigenvalues of the full Hessian, with multiplicity. */
  readonly index: number;
  /** Non-gauge eigenvalues within the zero tolerance, with multiplicity (a degenerate point when > 0). */
  readonly zero: number;
  /** The least non-gauge eigenvalue and its component. */
  readonly smallestEigenvalue: number;
  readonly smallestComponent: string;
  /** Index 0 and no zero eigenvalue besides the gauge. */
  readonly minimum: boolean;
  /** Points in its orbit under S_d x S_d (rows and columns permuted separately). */
  readonly orbitSize: bigint;
  /** The declared family (derivations/) it lies on, if any. */
  readonly family?: string;
  /** Starts whose descent reached it (over all types searched). */
  readonly starts: number;
}

export interface CensusReport {
  readonly d: number;
  readonly secondLayer: SecondLayer;
  readonly maxClasses: number;
  readonly all: boolean;
  readonly digits: number;
  readonly types: number;
  readonly starts: number;
  /** Starts that reached no isolated critical point (or whose point Newton could not refine). */
  readonly failed: number;
  /** Sorted by loss. */
  readonly points: CensusPoint[];
}

/** The starts of the command and the library: every diagonal sign pattern once and 4 random starts, per sign vector of a. */
export const DEFAULT_SEARCH: SearchOptions = { random: 4, signed: 1, seed: 1 };

/** Eigenvalues below this times max(1, max |eigenvalue|) in absolute value count as zero. */
const ZERO_TOLERANCE = 1e-9;

/** Run the census. */
export function census(options: CensusOptions): CensusReport {
  const { d, secondLayer } = options;
  const digits = options.digits ?? 30;
  const types = options.types ?? censusTypes(d, options.maxClasses, options.all ? undefined : 3);
  // Distinct float64 points by type (after coarsening), with the starts that reached them.
  const found = new Map<string, { sizes: number[]; x: number[]; starts: number }[]>();
  let starts = 0;
  let failed = 0;
  types.forEach((sizes, t) => {
    const result = searchType(sizes, d, secondLayer, options.search);
    starts += result.starts;
    failed += result.failed;
    for (const p of result.points) {
      const own = coarsen(p, 1e-7);
      const key = own.sizes.join(",");
      const list = found.get(key) ?? [];
      found.set(key, list);
      const P = censusPattern(own.sizes);
      const same = list.find((q) => samePoint(P, own.sizes, own.x, q.x, 1e-7));
      if (same !== undefined) same.starts += p.starts;
      else list.push({ sizes: own.sizes, x: own.x, starts: p.starts });
    }
    options.onProgress?.(t + 1, types.length, sizes.join("|"));
  });
  const points: CensusPoint[] = [];
  for (const list of found.values()) {
    for (const p of list) {
      const refined = refine(p.sizes, p.x, d, secondLayer, digits);
      if (refined === undefined) {
        failed += p.starts;
        continue;
      }
      // Newton may have moved to a point found already (the float64 clusters are looser than its digits).
      const x = refined.entries.map((e) => e.value.toNumber());
      const same = points.find((q) => q.sizes.join() === refined.sizes.join() && samePoint(censusPattern(q.sizes), q.sizes, x, q.entries.map((e) => e.value.toNumber()), 1e-12));
      if (same !== undefined) (same as { starts: number }).starts += p.starts;
      else points.push({ ...refined, starts: p.starts });
    }
  }
  points.sort((u, v) => u.loss.cmp(v.loss));
  return { d, secondLayer, maxClasses: options.maxClasses, all: options.all, digits, types: types.length, starts, failed, points };
}

/** Newton to `digits` digits, then everything a census point reports; undefined when Newton fails. */
function refine(sizes: number[], x: readonly number[], d: number, secondLayer: SecondLayer, digits: number): Omit<CensusPoint, "starts"> | undefined {
  const P = censusPattern(sizes);
  const precision = precisionContext(digits);
  const F = precision.working(d);
  let point;
  try {
    point = newtonCriticalPoint(F, precision, P, x.map((v) => F.fromDecimalString(String(v))), F.fromInt(d));
  } catch {
    return undefined;
  }
  const x64 = point.x.map((v) => v.toNumber());
  const own = coarsen({ sizes, x: x64 }, 1e-12);
  // Newton ended at a point of larger isotropy: report it in the pattern of its own type.
  if (own.sizes.length < sizes.length) return refine(own.sizes, own.x, d, secondLayer, digits);
  const spectrum = youngBlocks(F64, P, x64, d, secondLayer).map((block) => ({ component: block.component, eigenvalues: youngBlockEigenvalues(F64, block).values }));
  let largest = 1;
  for (const c of spectrum) for (const v of c.eigenvalues) largest = Math.max(largest, Math.abs(v));
  const tolerance = ZERO_TOLERANCE * largest;
  let index = 0;
  let zero = 0;
  let smallest = { value: Number.POSITIVE_INFINITY, component: "" };
  for (const c of spectrum) {
    for (const v of c.eigenvalues) {
      if (v < -tolerance) index += c.component.dimension;
      else if (v <= tolerance) zero += c.component.dimension;
      if (v < smallest.value) smallest = { value: v, component: c.component.name };
    }
  }
  const out = new DecimalField(digits);
  const entries = P.params.map((q, k) => ({ name: q.name, value: out.from(point.x[k]!) }));
  const family = sizes.length <= 2 && (sizes[1] ?? 0) <= 3 ? declaredFamily(P.params.map((q) => q.alias ?? q.name), x64, sizes, d, secondLayer) : undefined;
  const base = {
    sizes,
    entries,
    loss: out.from(point.loss),
    gradientNorm: out.from(point.gradientNorm),
    spectrum,
    index,
    zero,
    smallestEigenvalue: smallest.value,
    smallestComponent: smallest.component,
    minimum: index === 0 && zero === 0,
    orbitSize: orbitSize(sizes),
  };
  return family === undefined ? base : { ...base, family };
}

/** The declared family of (d-p | p), p <= 3, that the point lies on (identifyFamily), if any. */
function declaredFamily(aliases: readonly string[], x: readonly number[], sizes: readonly number[], d: number, secondLayer: SecondLayer): string | undefined {
  const params: Record<string, number> = {};
  aliases.forEach((name, k) => (params[name] = x[k]!));
  const signs = [params["y1"]!, ...(sizes.length > 1 ? [params["y2"]!] : [])].map((s) => (s > 0 ? "+" : "-"));
  return identifyFamily({ p: sizes[1] ?? 0, signs, params }, d, { secondLayer, widthOffset: 0 });
}

/** Decimal entries of a point as plain numbers (for tests and checks against the evaluator). */
export function entryValues(point: CensusPoint): number[] {
  return point.entries.map((e) => e.value.toNumber());
}
