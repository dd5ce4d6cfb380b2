import type { FamilyDefinition } from "../families/definition.js";
import type { SecondLayer } from "../model/studentModel.js";
import type { BifurcationJson } from "../output/bifurcationDocument.js";
import { bifurcationRows, bifurcationSpec } from "./bifurcationPlot.js";
import { lossRows, lossSpec, type LossRow } from "./lossPlot.js";
import { renderSvg } from "./render.js";
import { spectrumRows, spectrumSpec, type SpectrumRow } from "./spectrumPlot.js";
import { PLOT_DIGITS, plotGrid, sweepFamily, type FamilySweep } from "./sweep.js";

/** The spectrum plot of a family: the sweep, the rows fed to the spec, and the SVG. */
export interface FamilyPlot {
  readonly sweep: FamilySweep;
  readonly rows: SpectrumRow[];
  readonly svg: string;
}

/** Sweep family f over `grid` (default plotGrid(f)) at `digits` digits and render its spectrum plot. */
export async function plotFamilySpectrum(
  f: FamilyDefinition,
  options: { readonly grid?: readonly string[]; readonly digits?: number; readonly onProgress?: (text: string) => void; readonly secondLayer?: SecondLayer } = {},
): Promise<FamilyPlot> {
  const sweep = sweepFamily(f, options.grid ?? plotGrid(f), options.digits ?? PLOT_DIGITS, options.onProgress, options.secondLayer);
  const rows = spectrumRows(sweep);
  return { sweep, rows, svg: await renderSvg(spectrumSpec(sweep, rows)) };
}

/** The loss plot of several sweeps: its rows and the SVG. */
export async function plotLoss(sweeps: readonly FamilySweep[]): Promise<{ rows: LossRow[]; svg: string }> {
  const rows = lossRows(sweeps);
  return { rows, svg: await renderSvg(lossSpec(rows)) };
}

/** The bifurcation diagram of a `spurious bifurcation` document, as SVG. */
export async function plotBifurcation(doc: BifurcationJson): Promise<string> {
  return renderSvg(bifurcationSpec(doc, bifurcationRows(doc)));
}
