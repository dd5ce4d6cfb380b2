import type { FamilyDefinition } from "../families/definition.js";
import { join } from "node:path";
import { writeFilesAtomically } from "../output/atomicWrite.js";
import { plotFamilySpectrum, plotLoss } from "../plots/plotFamily.js";
import { PLOT_DIGITS, PLOT_POINTS, PLOT_TOP, plotGrid, type FamilySweep } from "../plots/sweep.js";
import { familyOrAll, integerOption, parseOutDir } from "./args.js";
import { UsageError, type Command } from "./command.js";
import { progressLine, type ProgressStream } from "./progress.js";

/** Bounds of --points and --digits. */
export const PLOT_POINTS_RANGE = { min: 4, max: 200 } as const;
export const PLOT_DIGITS_RANGE = { min: 15, max: 100 } as const;

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

export const plotCommand: Command = {
  name: "plot",
  summary: "SVG plots: each family's block eigenvalues against d with its crossings, and the loss of the families against d",
  positionals: "<family|all>",
  options: [
    { name: "out", kind: "string", value: "<dir>", description: "directory for <family>-spectrum.svg and loss.svg" },
    { name: "points", kind: "string", value: "<int>", description: `log-spaced d from just above p + 2 to ${PLOT_TOP} (${PLOT_POINTS_RANGE.min} to ${PLOT_POINTS_RANGE.max})`, default: String(PLOT_POINTS) },
    { name: "digits", kind: "string", value: "<int>", description: `working digits (${PLOT_DIGITS_RANGE.min} to ${PLOT_DIGITS_RANGE.max})`, default: String(PLOT_DIGITS) },
  ],
  async run(positionals, options) {
    const families = familyOrAll("plot", positionals, "spurious plot all --out series/plots");
    if (options.out === undefined) throw new UsageError("plot: --out <dir> is required");
    const out = parseOutDir("out", options.out);
    const points = integerOption("points", options.points, PLOT_POINTS_RANGE, PLOT_POINTS);
    const digits = integerOption("digits", options.digits, PLOT_DIGITS_RANGE, PLOT_DIGITS);
    const files = await plotFiles(families, out, { points, digits, loss: true });
    writeFilesAtomically(files);
    for (const path of files.keys()) console.log(`wrote ${path}`);
  },
};
