import { COMMITTED_EIGEN_ORDER, COMMITTED_SERIES_ORDER } from "../output/committedOrders.js";
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
  /** What bifurcates at the crossings (docs/bifurcation.md): digits of the branch points and the largest d followed. */
  readonly bifurcation: { readonly digits: number; readonly top: string };
  /** The integer d of the annihilation table and its numbers of added neurons (docs/annihilation.md). */
  readonly annihilation: { readonly d: string; readonly neurons: readonly number[] };
  readonly plot: { readonly points: number; readonly digits: number };
}

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
  bifurcation: { digits: 20, top: "20" },
  annihilation: { d: "10", neurons: [1, 2, 3] },
  plot: { points: PLOT_POINTS, digits: PLOT_DIGITS },
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
  bifurcation: { digits: 20, top: "6" },
  annihilation: { d: "6", neurons: [1] },
  plot: { points: 6, digits: 15 },
};
