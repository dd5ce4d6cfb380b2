import { COMMITTED_EIGEN_ORDER, COMMITTED_SERIES_ORDER } from "../output/committedOrders.js";
import type { PhaseConfig } from "./annihilationPhase.js";
import type { SweepRuns } from "./censusSweep.js";
import { PLOT_DIGITS, PLOT_POINTS } from "../plots/defaults.js";

/** What a reproduction computes (docs/reproduce.md). */
export interface ReproduceConfig {
  readonly name: "full" | "quick";
  readonly discovery: { readonly d: number; readonly runs: number; readonly seed: number };
  /** Order of the family and loss series, and the digits of the Newton points they are verified against. */
  readonly seriesOrder: number;
  readonly verifyDigits: number;
  /** Spectra at the smallest integer of each family's range and at these d; digits of the spectra. */
  readonly spectrumDs: readonly string[];
  readonly spectrumDigits: number;
  /** The integer d of the full-Hessian check (one of spectrumDs). */
  readonly fullHessianD: number;
  /** Order (in eps) of the eigenvalue series. */
  readonly eigenOrder: number;
  readonly crossingDigits: number;
  /**
   * What bifurcates at the crossings (docs/bifurcation.md): digits of the branch points, the largest d
   * followed, and the families whose every axial subgroup gets a branch (the others: the kernel vector's own,
   * docs/bifurcation.md §7, "Cost").
   */
  readonly bifurcation: { readonly digits: number; readonly top: string; readonly allAxial: readonly string[] };
  /** The integer d of the annihilation table and its numbers of added neurons (docs/annihilation.md). */
  readonly annihilation: { readonly d: string; readonly neurons: readonly number[] };
  /** The phase diagrams of the splits in the (d, h) plane (docs/annihilation.md §7). */
  readonly annihilationPhase: PhaseConfig;
  readonly plot: { readonly points: number; readonly digits: number };
  /**
   * The templates (docs/census.md §7): crossing tables d*(p) for p from 1 (or the template's first) to pMax at
   * `digits`, and the series at fixed p of the templates with a series declaration for p = 1 to seriesPMax.
   */
  readonly templates: { readonly pMax: number; readonly digits: number; readonly seriesPMax: number };
  /** The templates along p = d / k (docs/census.md §8): the k, the largest d and the digits of the Newton solves. */
  readonly rays: { readonly ks: readonly number[]; readonly top: number; readonly digits: number };
  /**
   * The census sweep (docs/census.md §9): the integer d, the most classes of a type, the tasks per model it is
   * split into (consecutive d of about equal cost, for the pool), and the runs at one of the d (§10).
   */
  readonly census: { readonly ds: readonly number[]; readonly classes: number; readonly tasks: number; readonly runs: SweepRuns };
}

/** d = from, from + 1, ..., to. */
const range = (from: number, to: number, step = 1): number[] => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/** The committed results: `npm run reproduce`. */
export const FULL_CONFIG: ReproduceConfig = {
  name: "full",
  discovery: { d: 14, runs: 50, seed: 1 },
  seriesOrder: COMMITTED_SERIES_ORDER,
  verifyDigits: 60,
  spectrumDs: ["20", "1e4"],
  spectrumDigits: 40,
  fullHessianD: 20,
  eigenOrder: COMMITTED_EIGEN_ORDER,
  crossingDigits: 40,
  bifurcation: { digits: 20, top: "20", allAxial: ["1a", "2a", "1b", "3a", "4", "1a.d-1", "2b", "1b.d-1", "2a.d+1", "3c.d+1", "3a.d+1", "3b", "2b.d-1", "4b", "3b.d-1", "4b.d-1", "2c.d+1"] },
  annihilation: { d: "10", neurons: [1, 2, 3] },
  annihilationPhase: { dRange: [3, 200], hMax: 3, points: 10, digits: 20 },
  plot: { points: PLOT_POINTS, digits: PLOT_DIGITS },
  templates: { pMax: 40, digits: 30, seriesPMax: 10 },
  rays: { ks: [10, 5, 4, 3, 2], top: 1e4, digits: 20 },
  census: { ds: range(6, 100), classes: 2, tasks: 6, runs: { d: 20, count: 100, seed: 1 } },
};

/** A fast check of the pipeline (--quick): low orders and few points; never for the committed files. */
export const QUICK_CONFIG: ReproduceConfig = {
  name: "quick",
  discovery: { d: 6, runs: 10, seed: 1 },
  seriesOrder: 4,
  verifyDigits: 40,
  spectrumDs: ["20", "1e4"],
  spectrumDigits: 20,
  fullHessianD: 20,
  eigenOrder: 2,
  crossingDigits: 20,
  bifurcation: { digits: 20, top: "6", allAxial: ["1b"] },
  annihilation: { d: "6", neurons: [1] },
  annihilationPhase: { dRange: [3, 8], hMax: 3, points: 3, digits: 12 },
  plot: { points: 6, digits: 15 },
  templates: { pMax: 2, digits: 15, seriesPMax: 1 },
  rays: { ks: [10], top: 1e3, digits: 15 },
  census: { ds: [6], classes: 2, tasks: 1, runs: { d: 6, count: 4, seed: 1 } },
};
