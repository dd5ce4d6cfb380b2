import type { SecondLayer } from "../model/studentModel.js";
import type { FamilyDefinition } from "../families/definition.js";
import { findBrackets, scanFamily, scanGrid, type ScanSample } from "../crossing/scan.js";
import { locateCrossing } from "../crossing/locate.js";
import { PLOT_POINTS, PLOT_TOP } from "./defaults.js";

/**
 * A family's plot data (docs/plots.md): the walk of the crossing scan (scanFamily, src/crossing/scan.ts)
 * over a log-spaced grid of real d, keeping the loss and the non-gauge block eigenvalues at each d; the
 * sign changes between neighbouring grid points are then located by the crossing solver
 * (src/crossing/locate.ts), exactly as `spurious crossing` does on its own scan.
 */

/** A located crossing: d to digits - 5 significant digits and the component that carries it. */
export interface SweepCrossing {
  readonly d: string;
  readonly irrep: string;
}

export interface FamilySweep {
  readonly family: string;
  /** The model's second layer whose blocks were swept. */
  readonly secondLayer: SecondLayer;
  readonly p: number;
  readonly digits: number;
  /** Ascending in d. */
  readonly points: ScanSample[];
  readonly crossings: SweepCrossing[];
}

export { PLOT_DIGITS, PLOT_POINTS, PLOT_TOP } from "./defaults.js";

/** The default plot grid of a family (the crossing scan's grid, src/crossing/scan.ts, with 25 points to 10^3). */
export function plotGrid(f: FamilyDefinition, count: number = PLOT_POINTS, top: string = PLOT_TOP): string[] {
  return scanGrid(f, top, count);
}

/** Walk family f over `grid` (scanFamily) at `digits` digits, and locate the crossings between grid points. */
export function sweepFamily(f: FamilyDefinition, grid: readonly string[], digits: number, onProgress?: (text: string) => void, secondLayer: SecondLayer = "trained"): FamilySweep {
  const points = scanFamily(
    f,
    grid,
    digits,
    {
      onContinue: (d) => onProgress?.(`continuing, d = ${d.toSignificantDigits(6).toString()}`),
      onBlocks: (d) => onProgress?.(`blocks at d = ${d.toSignificantDigits(6).toString()}`),
    },
    secondLayer,
  );
  const crossings = findBrackets(points).map((b) => {
    onProgress?.(`locating the crossing of ${b.component.name} in [${b.lo.d.toSignificantDigits(6).toString()}, ${b.hi.d.toSignificantDigits(6).toString()}]`);
    const r = locateCrossing(f, b, digits);
    return { d: r.d.toSignificantDigits(Math.max(1, digits - 5)).toString(), irrep: b.component.name };
  });
  crossings.sort((u, v) => Number(u.d) - Number(v.d));
  return { family: f.name, secondLayer, p: f.p, digits, points, crossings };
}
