import { trainByGradient } from "../discovery/gradientTrain.js";
import { initialPoint, type InitKind } from "../discovery/initialisation.js";
import { mulberry32, runSeed } from "../discovery/random.js";
import type { SecondLayer } from "../model/studentModel.js";
import { coarsen, samePoint } from "./points.js";
import type { RefinedPoint } from "./refine.js";
import { polishInType, type FoundPoint } from "./search.js";
import { trainedIsotropy } from "./trainedPoint.js";
import { censusPattern } from "./types.js";

/**
 * Random-start training in the full space beside the census (`census --runs`, docs/census.md §10): each run
 * trains (W, a) (k = d) from its own seeded start without a Hessian (gradientTrain.ts), its isotropy is
 * detected and the point written in the census pattern of its classes (trainedPoint.ts), where the search's
 * float64 Newton settles it; the distinct points, up to S_d x S_d, are then refined like the census' own
 * (refine.ts: Newton to 30 digits, one spectrum by Young blocks per point) and compared with the census.
 */

export interface RunsOptions {
  readonly count: number;
  readonly seed: number;
  readonly init: InitKind;
}

/** What one run reached: a point of a census type, a converged point that fits no type of at most MAX_CLASSES classes, or nothing. */
export type RunOutcome =
  | { readonly kind: "point"; readonly sizes: number[]; readonly x: number[] }
  | { readonly kind: "unclassified"; readonly sizes: number[] }
  | { readonly kind: "not converged"; readonly reason: string };

/** A run converged when its full gradient (gauge |a_i| = 1) is below this. */
export const RUN_GRADIENT = 1e-10;
/** Relative tolerance of equal entries in the isotropy detection (the trained point is good to about 1e-8). */
const ISOTROPY_TOLERANCE = 1e-5;
/** The restricted Newton may move the projected point by at most this (relative), or the run is unclassified. */
const SETTLE = 1e-5;
/** Classes of a detected isotropy type at most (the census' own types have 3). */
export const MAX_RUN_CLASSES = 4;
/** Settled points of one type closer than this (relative) are one candidate for refinement. */
const SAME = 1e-7;

/** Run `run` of the runs with seed `seed`: its start depends on (seed, run) only, never on the other runs. */
export function trainRun(d: number, secondLayer: SecondLayer, options: RunsOptions, run: number): RunOutcome {
  const x0 = initialPoint(options.init, d, mulberry32(runSeed(options.seed, run)), run);
  const result = trainByGradient(x0, d, options.init, { secondLayer, gradientTolerance: RUN_GRADIENT });
  if (!result.converged) return { kind: "not converged", reason: result.failureKind ?? "newton" };
  return settleTrained(result.W, result.a);
}

/**
 * A converged trained point (W, a), gauge |a_i| = 1, in the census pattern of its isotropy (trainedPoint.ts),
 * settled there by the search's float64 Newton and moved to the type of its own isotropy (coarsen).
 */
export function settleTrained(W: readonly (readonly number[])[], a: readonly number[]): RunOutcome {
  const d = a.length;
  const found = trainedIsotropy(W, a, ISOTROPY_TOLERANCE, MAX_RUN_CLASSES);
  if (found.point === undefined) return { kind: "unclassified", sizes: found.sizes };
  const { sizes, x } = found.point;
  const settled = polishInType(sizes, d, x);
  if (settled === undefined || settled.some((v, k) => Math.abs(v - x[k]!) > SETTLE * Math.max(1, Math.abs(x[k]!)))) return { kind: "unclassified", sizes };
  const own = coarsen({ sizes, x: settled }, SAME);
  return { kind: "point", sizes: own.sizes, x: own.x };
}

/** The runs' outcomes merged: distinct candidates (with the runs that reached each, as `starts`), and the counts of the others. */
export interface MergedRuns {
  readonly candidates: FoundPoint[];
  readonly notConverged: Record<string, number>;
  /** Converged runs whose point fits no census type of at most MAX_RUN_CLASSES classes, by class sizes. */
  readonly unclassified: Record<string, number>;
}

/** The outcomes in run order, merged up to S_d x S_d (permutations of equal classes and row moves, points.ts). */
export function mergeRuns(outcomes: readonly RunOutcome[]): MergedRuns {
  const candidates: { sizes: number[]; x: number[]; starts: number }[] = [];
  const notConverged: Record<string, number> = {};
  const unclassified: Record<string, number> = {};
  for (const o of outcomes) {
    if (o.kind === "not converged") notConverged[o.reason] = (notConverged[o.reason] ?? 0) + 1;
    else if (o.kind === "unclassified") unclassified[o.sizes.join("|")] = (unclassified[o.sizes.join("|")] ?? 0) + 1;
    else {
      const same = candidates.find((c) => c.sizes.join() === o.sizes.join() && samePoint(censusPattern(o.sizes), o.sizes, o.x, c.x, SAME));
      if (same !== undefined) same.starts++;
      else candidates.push({ sizes: o.sizes, x: o.x, starts: 1 });
    }
  }
  return { candidates, notConverged, unclassified };
}

/** A distinct point that training reached. */
export interface RunPoint extends RefinedPoint {
  /** Runs that reached it. */
  readonly runs: number;
  /** Its position among the census' points (sorted by loss), when the census has it. */
  readonly censusPoint?: number;
}

export interface RunsReport {
  readonly count: number;
  readonly seed: number;
  readonly init: InitKind;
  /** Runs that reached a point of a census type (refined). */
  readonly converged: number;
  readonly notConverged: Record<string, number>;
  readonly unclassified: Record<string, number>;
  /** Sorted by loss. */
  readonly points: RunPoint[];
}

/** Whether two refined points are one point: same type, losses to 1e-20 and entries (a included) to 1e-12 up to S_d x S_d. */
export function sameRefined(p: RefinedPoint, q: RefinedPoint): boolean {
  if (p.sizes.join() !== q.sizes.join()) return false;
  if (p.loss.minus(q.loss).abs().gt(1e-20)) return false;
  const values = (r: RefinedPoint): number[] => r.entries.map((e) => e.value.toNumber());
  return samePoint(censusPattern(p.sizes), p.sizes, values(p), values(q), 1e-12);
}

/**
 * The report from the merged runs and the refined candidates (undefined where Newton failed: those runs
 * count as not converged, "refinement"), compared with the census' points (sorted by loss).
 */
export function assembleRuns(options: RunsOptions, merged: MergedRuns, refined: readonly (RefinedPoint | undefined)[], census: readonly RefinedPoint[]): RunsReport {
  const notConverged = { ...merged.notConverged };
  const points: { point: RefinedPoint; runs: number }[] = [];
  merged.candidates.forEach((c, i) => {
    const r = refined[i];
    if (r === undefined) {
      notConverged["refinement"] = (notConverged["refinement"] ?? 0) + c.starts;
      return;
    }
    const same = points.find((p) => sameRefined(p.point, r));
    if (same !== undefined) same.runs += c.starts;
    else points.push({ point: r, runs: c.starts });
  });
  points.sort((u, v) => u.point.loss.cmp(v.point.loss));
  const out = points.map(({ point, runs }): RunPoint => {
    const at = census.findIndex((q) => sameRefined(point, q));
    return at < 0 ? { ...point, runs } : { ...point, runs, censusPoint: at };
  });
  const converged = out.reduce((s, p) => s + p.runs, 0);
  return { count: options.count, seed: options.seed, init: options.init, converged, notConverged, unclassified: merged.unclassified, points: out };
}
