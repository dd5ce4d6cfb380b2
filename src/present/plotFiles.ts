import { censusMinimaSpec, censusPSpec, type CensusCellPoint, type CensusPlotRow, type TemplateBoundaryPoint } from "../plots/censusPlot.js";
import { join } from "node:path";
import type { FamilyDefinition } from "../families/definition.js";
import { lossRows, lossSpec, type LossRow } from "../plots/lossPlot.js";
import { plotFamilySpectrum } from "../plots/plotFamily.js";
import { renderSvg } from "../plots/render.js";
import { templateCrossingSpec, type TemplateCrossingPoint } from "../plots/templateCrossingPlot.js";
import { plotGrid } from "../plots/sweep.js";
import { progressLine, type ProgressStream } from "./progress.js";
import type { StudentModel } from "../model/studentModel.js";
import { defaultModel } from "../families/models.js";
import { spectrumPlotFileName } from "../output/fileNames.js";

/** The options of the plot files: grid points and working digits. */
export interface PlotOptions {
  readonly points: number;
  readonly digits: number;
  /** The model (default: trained second layer); plots of another model are named <family>-<second layer>-spectrum.svg. */
  readonly model?: StudentModel;
}

/**
 * One family's plot, <family>-spectrum.svg in `dir`, with the rows it adds to the loss plot (plain numbers,
 * so that a worker thread can return them) and its crossings as text ("none" if none).
 */
export async function familyPlotFile(
  f: FamilyDefinition,
  dir: string,
  options: PlotOptions,
  onProgress?: (text: string) => void,
): Promise<{ files: Map<string, string>; lossRows: LossRow[]; crossings: string }> {
  const model = options.model ?? defaultModel(f);
  const plot = await plotFamilySpectrum(f, { grid: plotGrid(f, options.points), digits: options.digits, secondLayer: model.secondLayer, ...(onProgress === undefined ? {} : { onProgress }) });
  const crossings = plot.sweep.crossings.map((c) => `${Number(c.d).toPrecision(8)} (${c.irrep})`).join(", ");
  return {
    files: new Map([[join(dir, spectrumPlotFileName(f.name, model)), plot.svg]]),
    lossRows: lossRows([plot.sweep]),
    crossings: crossings === "" ? "none" : crossings,
  };
}

/** templates-crossing.svg in `dir`: d*(p) of the tabled templates (docs/census.md §7). */
export async function templateCrossingPlotFile(points: readonly TemplateCrossingPoint[], dir: string): Promise<Map<string, string>> {
  return new Map([[join(dir, "templates-crossing.svg"), await renderSvg(templateCrossingSpec(points))]]);
}

/** loss.svg in `dir` from the loss rows of the families, in their order. */
export async function lossPlotFile(rows: readonly LossRow[], dir: string): Promise<Map<string, string>> {
  return new Map([[join(dir, "loss.svg"), await renderSvg(lossSpec(rows))]]);
}

/** census-minima.svg and census-p.svg of the census sweep in `dir` (docs/census.md §7). */
export async function censusPlotFiles(rows: readonly CensusPlotRow[], cells: { readonly model: string; readonly points: readonly CensusCellPoint[] }, boundaries: readonly TemplateBoundaryPoint[], dir: string): Promise<Map<string, string>> {
  return new Map([
    [join(dir, "census-minima.svg"), await renderSvg(censusMinimaSpec(rows))],
    [join(dir, "census-p.svg"), await renderSvg(censusPSpec(cells.model, cells.points, boundaries))],
  ]);
}

/**
 * The plot files of `families` in `dir`: <family>-spectrum.svg each, and loss.svg of them all when `loss`.
 * Progress and a line per family (time, crossings) on `out` (stderr by default).
 */
export async function plotFiles(
  families: readonly FamilyDefinition[],
  dir: string,
  options: PlotOptions & { readonly loss: boolean },
  out: ProgressStream = process.stderr,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const rows: LossRow[] = [];
  for (const f of families) {
    const progress = progressLine(`plot ${f.name}`, 2000, out);
    const start = Date.now();
    const plot = await familyPlotFile(f, dir, options, (t) => progress.update(t));
    progress.done();
    for (const [path, text] of plot.files) files.set(path, text);
    rows.push(...plot.lossRows);
    out.write(`plot ${f.name}: ${options.points} points in ${((Date.now() - start) / 1000).toFixed(1)} s; crossings: ${plot.crossings}\n`);
  }
  if (options.loss) for (const [path, text] of await lossPlotFile(rows, dir)) files.set(path, text);
  return files;
}
