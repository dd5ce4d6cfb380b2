import { join } from "node:path";
import type { FamilyDefinition } from "../families/definition.js";
import { plotFamilySpectrum, plotLoss } from "../plots/plotFamily.js";
import { plotGrid, type FamilySweep } from "../plots/sweep.js";
import { progressLine, type ProgressStream } from "./progress.js";

/**
 * The plot files of `families` in `dir`: <family>-spectrum.svg each, and loss.svg of them all when `loss`.
 * Progress and a line per family (time, crossings) on `out` (stderr by default).
 */
export async function plotFiles(
  families: readonly FamilyDefinition[],
  dir: string,
  options: { readonly points: number; readonly digits: number; readonly loss: boolean },
  out: ProgressStream = process.stderr,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const sweeps: FamilySweep[] = [];
  for (const f of families) {
    const progress = progressLine(`plot ${f.name}`, 2000, out);
    const start = Date.now();
    const plot = await plotFamilySpectrum(f, { grid: plotGrid(f, options.points), digits: options.digits, onProgress: (t) => progress.update(t) });
    progress.done();
    sweeps.push(plot.sweep);
    files.set(join(dir, `${f.name}-spectrum.svg`), plot.svg);
    const crossings = plot.sweep.crossings.map((c) => `${Number(c.d).toPrecision(8)} (${c.irrep})`).join(", ");
    out.write(`plot ${f.name}: ${options.points} points in ${((Date.now() - start) / 1000).toFixed(1)} s; crossings: ${crossings === "" ? "none" : crossings}\n`);
  }
  if (options.loss) files.set(join(dir, "loss.svg"), (await plotLoss(sweeps)).svg);
  return files;
}
