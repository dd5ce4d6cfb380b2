import type { SecondLayer } from "../model/studentModel.js";
import {
  DEFAULT_EIGENVALUE_TOLERANCE,
  describeCriticalPoint,
  hessianInertia,
  type CriticalPointAnalysis,
  type CriticalPointDescription,
} from "./classify.js";
import { INIT_KINDS, type InitKind } from "./initialisation.js";
import { DEFAULT_ISOTROPY_TOLERANCE } from "./isotropy.js";
import { mulberry32, runSeed } from "./random.js";
import { DEFAULT_GRADIENT_TOLERANCE, trainFromRandom } from "./train.js";

/**
 * Discovery (docs/discovery.md): train the full model (width k = d + h) from many seeded random starts,
 * analyse each limit and group the runs by the critical point they reached.
 */

export type InitChoice = InitKind | "all";
export const INIT_CHOICES: readonly InitChoice[] = ["all", ...INIT_KINDS];

export interface DiscoveryOptions {
  readonly d: number;
  readonly runs: number;
  readonly seed: number;
  /** "all" cycles xavier, minus, mixed run by run. */
  readonly init: InitChoice;
  /** Called after every run with the number of runs done. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The second layer trained (default) or fixed at a = 1 (docs/models.md). */
  readonly secondLayer?: SecondLayer;
  /** h in the student width k = d + h (default 0). */
  readonly widthOffset?: number;
}

/** The tolerances a discovery uses (all documented in docs/discovery.md). */
export interface DiscoveryTolerances {
  /** A run converged when the full gradient norm (gauge |a_i| = 1) is below this. */
  readonly gradient: number;
  /** Relative tolerance of the isotropy test (and of equal entries in colour refinement). */
  readonly isotropy: number;
  /** Relative tolerance below which a Hessian eigenvalue counts as zero. */
  readonly eigenvalue: number;
  /** Two runs reached the same point when their losses agree to this (relative to max(1, |loss|)) ... */
  readonly loss: number;
  /** ... and their pattern parameters to this (relative to max(1, |x|)). */
  readonly params: number;
}

export const DISCOVERY_TOLERANCES: DiscoveryTolerances = {
  gradient: DEFAULT_GRADIENT_TOLERANCE,
  isotropy: DEFAULT_ISOTROPY_TOLERANCE,
  eigenvalue: DEFAULT_EIGENVALUE_TOLERANCE,
  loss: 1e-8,
  params: 1e-6,
};

/** One distinct critical point, with the runs that reached it. */
export interface DiscoveredPoint extends CriticalPointAnalysis {
  /** Number of runs that reached it. */
  readonly count: number;
  /** Runs that reached it, by initialisation. */
  readonly foundBy: Record<InitKind, number>;
  /** The first run (0-based) that reached it; the reported point is the run with the smallest gradient. */
  readonly firstRun: number;
}

export interface DiscoveryReport {
  readonly d: number;
  readonly secondLayer: SecondLayer;
  /** h in k = d + h. */
  readonly widthOffset: number;
  readonly runs: number;
  readonly seed: number;
  readonly init: InitChoice;
  readonly tolerances: DiscoveryTolerances;
  /** Distinct points, by increasing loss. */
  readonly points: DiscoveredPoint[];
  /** Runs that did not reach the gradient tolerance, and how many of each TrainFailure kind. */
  readonly notConverged: number;
  readonly failures: Record<string, number>;
}

/** The initialisation of run `run`. */
export function initOfRun(init: InitChoice, run: number): InitKind {
  return init === "all" ? INIT_KINDS[run % INIT_KINDS.length]! : init;
}

function sameDescription(
  x: CriticalPointDescription,
  y: CriticalPointDescription,
  tol: DiscoveryTolerances,
): boolean {
  if (x.p !== y.p || x.signs.join("") !== y.signs.join("") || x.classSizes.join(",") !== y.classSizes.join(",")) return false;
  if (Math.abs(x.loss - y.loss) > tol.loss * Math.max(1, Math.abs(x.loss))) return false;
  return Object.keys(x.params).every((k) => Math.abs(x.params[k]! - y.params[k]!) <= tol.params * Math.max(1, Math.abs(x.params[k]!)));
}

/** Run a discovery. Deterministic: the same options give the same report. */
export function discover(options: DiscoveryOptions): DiscoveryReport {
  const { d, runs, seed, init } = options;
  const secondLayer = options.secondLayer ?? "trained";
  const widthOffset = options.widthOffset ?? 0;
  if (!Number.isInteger(d) || d < 2) throw new RangeError(`discover: d must be an integer >= 2, got ${d}`);
  if (!Number.isInteger(widthOffset) || d + widthOffset < 1) throw new RangeError(`discover: the width k = d + h needs an integer h with k >= 1, got h = ${widthOffset} at d = ${d}`);
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`discover: runs must be a positive integer, got ${runs}`);
  const tol = DISCOVERY_TOLERANCES;
  const groups: {
    best: CriticalPointDescription;
    count: number;
    foundBy: Record<InitKind, number>;
    firstRun: number;
  }[] = [];
  const failures: Record<string, number> = {};
  let notConverged = 0;
  for (let run = 0; run < runs; run++) {
    const kind = initOfRun(init, run);
    // the run's number among the runs of its kind: "mixed" takes its sign structures in turn
    const variant = init === "all" ? Math.floor(run / INIT_KINDS.length) : run;
    const result = trainFromRandom(d, kind, mulberry32(runSeed(seed, run)), { gradientTolerance: tol.gradient, secondLayer, width: d + widthOffset }, variant);
    let description: CriticalPointDescription | undefined;
    if (result.converged) {
      description = describeCriticalPoint(result.W, result.a, tol.isotropy);
      // the canonical frame is a permutation of the polished point: same gradient up to rounding
      if (!(description.gradientNorm < tol.gradient)) description = undefined;
    }
    if (description === undefined) {
      notConverged++;
      const reason = result.failureKind ?? "newton";
      failures[reason] = (failures[reason] ?? 0) + 1;
    } else {
      const group = groups.find((g) => sameDescription(g.best, description!, tol));
      if (group === undefined) {
        groups.push({ best: description, count: 1, foundBy: { xavier: 0, minus: 0, mixed: 0, [kind]: 1 }, firstRun: run });
      } else {
        group.count++;
        group.foundBy[kind]++;
        if (description.gradientNorm < group.best.gradientNorm) group.best = description;
      }
    }
    options.onProgress?.(run + 1, runs);
  }
  // The Hessian (the expensive part) once per distinct point.
  const points: DiscoveredPoint[] = groups.map((g) => ({
    ...g.best,
    ...hessianInertia(g.best.W, g.best.a, tol.eigenvalue, secondLayer),
    count: g.count,
    foundBy: g.foundBy,
    firstRun: g.firstRun,
  }));
  points.sort((x, y) => x.loss - y.loss || (x.p ?? Infinity) - (y.p ?? Infinity) || x.firstRun - y.firstRun);
  return { d, secondLayer, widthOffset, runs, seed, init, tolerances: tol, points, notConverged, failures };
}
