import type { SecondLayer } from "../model/studentModel.js";
import { coarsen, samePoint, samePointAs } from "./points.js";
import { refinePoint, type RefinedPoint, type RefineShare } from "./refine.js";
import { assembleRuns, mergeRuns, trainRun, type RunsOptions, type RunsReport } from "./runs.js";
import { neighbourSeeds } from "./seeds.js";
import { searchType, type FoundPoint, type SearchOptions, type SearchResult, type SearchShare, type Seed } from "./search.js";
import { censusPattern, censusTypes } from "./types.js";

/**
 * The census at an integer d (docs/census.md): for every isotropy type of at most `maxClasses` classes (three
 * classes only with the smallest of at most 3 rows unless `all`), the critical points found by descent in
 * its fixed-point space (search.ts), each moved to the type of its own isotropy (coarsen) and counted once
 * up to permutations of equal classes; then, per point, Newton to `digits` digits, the spectrum by
 * isotypic component, index, orbit size and family (refine.ts). The three steps (searchType per type,
 * mergeSearches, refinePoint per candidate, assembleCensus) are separate so that a pool of threads can run
 * the first and third (src/present/censusPool.ts); the result does not depend on how they are split.
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
  /** Random-start training in the full space beside the census (runs.ts), if any. */
  readonly runs?: RunsOptions;
  /** The searches and Newton solves of a census of the other second layer at the same d, to take over (newCensusShare). */
  readonly share?: CensusShare;
}

/**
 * What the censuses of the two second layers at one d have in common: the searches under the all-plus sign
 * vector of a and the Newton solves in W (docs/census.md §1). Pass one to both; each result is the same as
 * without it.
 */
export interface CensusShare {
  readonly searches: SearchShare;
  readonly points: RefineShare;
}

export function newCensusShare(): CensusShare {
  return { searches: new Map(), points: new Map() };
}

export interface CensusPoint extends RefinedPoint {
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
  /** What random-start training reached (with the option `runs`). */
  readonly runs?: RunsReport;
}

/**
 * The starts of the command and the library, per sign vector of a: every diagonal sign pattern once, and 64
 * random starts in a type of at most two classes (4 and 16 missed minima that the comparison with the
 * templates found, docs/census.md §9; 256 find no more at d = 100), 16 there under a sign vector of a with a
 * negative class (a trained model's saddles; 64 find the same points at d = 20, 45, 70, 95), 4 in a type of
 * three (which also starts from its two-class neighbours' points); in a two-class type, also each point
 * found with its classes' entries exchanged (search.ts).
 */
export const DEFAULT_SEARCH: SearchOptions = { random: 64, randomMixedSigns: 16, randomThreeClasses: 4, signed: 1, seed: 1 };

/** The types of the census (class sizes, descending). */
export function censusTypeList(options: CensusOptions): number[][] {
  return (options.types ?? censusTypes(options.d, options.maxClasses, options.all ? undefined : 3)).map((t) => t.slice());
}

/** A distinct float64 point after the search, in the type of its own isotropy, with the starts that reached it. */
export type CensusCandidate = FoundPoint;

/**
 * The distinct points of the searches (given in the order of the types): each moved to its own type
 * (coarsen) and kept once up to permutations of equal classes and row moves, in order of first finding.
 */
export function mergeSearches(results: readonly SearchResult[]): { candidates: CensusCandidate[]; starts: number; failed: number } {
  const found = new Map<string, { sizes: number[]; x: number[]; starts: number }[]>();
  let starts = 0;
  let failed = 0;
  for (const result of results) {
    starts += result.starts;
    failed += result.failed;
    for (const p of result.points) {
      const own = coarsen(p, 1e-7);
      const key = own.sizes.join(",");
      const list = found.get(key) ?? [];
      found.set(key, list);
      const P = censusPattern(own.sizes);
      const sameAsOwn = samePointAs(P, own.sizes, own.x, 1e-7);
      const same = list.find((q) => sameAsOwn(q.x));
      if (same !== undefined) same.starts += p.starts;
      else list.push({ sizes: own.sizes, x: own.x, starts: p.starts });
    }
  }
  return { candidates: [...found.values()].flat(), starts, failed };
}

/**
 * The report from the candidates and their refined points (undefined where Newton failed), in the same
 * order: Newton may have moved two candidates to one point (the float64 clusters are looser than its
 * digits), which is then counted once.
 */
export function assembleCensus(options: CensusOptions, types: number, merged: ReturnType<typeof mergeSearches>, refined: readonly (RefinedPoint | undefined)[]): CensusReport {
  let failed = merged.failed;
  const points: CensusPoint[] = [];
  merged.candidates.forEach((p, i) => {
    const r = refined[i];
    if (r === undefined) {
      failed += p.starts;
      return;
    }
    const x = r.entries.map((e) => e.value.toNumber());
    const same = points.find((q) => q.sizes.join() === r.sizes.join() && samePoint(censusPattern(q.sizes), q.sizes, x, q.entries.map((e) => e.value.toNumber()), 1e-12));
    if (same !== undefined) (same as { starts: number }).starts += p.starts;
    else points.push({ ...r, starts: p.starts });
  });
  points.sort((u, v) => u.loss.cmp(v.loss));
  const { d, secondLayer, maxClasses, all } = options;
  return { d, secondLayer, maxClasses, all, digits: options.digits ?? 30, types, starts: merged.starts, failed, points };
}

/**
 * The points of the searches of the types of at most two classes, by their sizes joined with ",": the
 * neighbours that seed the three-class types (seeds.ts), which are searched after them.
 */
export function twoClassPoints(types: readonly (readonly number[])[], results: readonly (SearchResult | undefined)[]): Map<string, FoundPoint[]> {
  const out = new Map<string, FoundPoint[]>();
  types.forEach((sizes, t) => {
    if (sizes.length === 2) out.set(sizes.join(","), results[t]!.points);
  });
  return out;
}

/** Run the census in this thread. */
export function census(options: CensusOptions): CensusReport {
  const { d, secondLayer } = options;
  const types = censusTypeList(options);
  const results: SearchResult[] = new Array(types.length);
  let done = 0;
  const search = (t: number, seeds: readonly Seed[]): void => {
    results[t] = searchType(types[t]!, d, secondLayer, options.search, seeds, options.share?.searches);
    options.onProgress?.(++done, types.length, types[t]!.join("|"));
  };
  types.forEach((sizes, t) => sizes.length < 3 && search(t, []));
  const neighbours = twoClassPoints(types, results);
  types.forEach((sizes, t) => sizes.length === 3 && search(t, neighbourSeeds(sizes, neighbours, options.search.seed)));
  const merged = mergeSearches(results);
  const refine = (p: CensusCandidate): RefinedPoint | undefined => refinePoint(p.sizes, p.x, d, secondLayer, options.digits ?? 30, options.share?.points);
  const report = assembleCensus(options, types.length, merged, merged.candidates.map(refine));
  if (options.runs === undefined) return report;
  const runs = options.runs;
  const trained = mergeRuns(Array.from({ length: runs.count }, (_, run) => trainRun(d, secondLayer, runs, run)));
  return { ...report, runs: assembleRuns(runs, trained, trained.candidates.map(refine), report.points) };
}

/** Decimal entries of a point as plain numbers (for tests and checks against the evaluator). */
export function entryValues(point: CensusPoint): number[] {
  return point.entries.map((e) => e.value.toNumber());
}
