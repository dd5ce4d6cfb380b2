import { join } from "node:path";
import { FAMILIES, findFamily } from "../families/registry.js";
import { writeFilesAtomically } from "../output/atomicWrite.js";
import { plotFamilySpectrum, plotLoss } from "../plots/plotFamily.js";
import { PLOT_DIGITS, PLOT_POINTS, PLOT_TOP, plotGrid, type FamilySweep } from "../plots/sweep.js";
import { parseInteger } from "./args.js";
import { UsageError, type Command } from "./command.js";
import { progressLine } from "./progress.js";

/** Bounds of --points and --digits. */
export const PLOT_POINTS_RANGE = { min: 4, max: 200 } as const;
export const PLOT_DIGITS_RANGE = { min: 15, max: 100 } as const;

export const plotCommand: Command = {
  name: "plot",
  summary: "SVG plots: each family's block eigenvalues against d with its crossings, and the loss of the families against d",
  positionals: "<family|all>",
  options: [
    { name: "out", kind: "string", value: "<dir>", description: "directory for <family>-spectrum.svg and loss.svg" },
    { name: "points", kind: "string", value: "<int>", description: `log-spaced d from just above p + 3 to ${PLOT_TOP} (${PLOT_POINTS_RANGE.min} to ${PLOT_POINTS_RANGE.max})`, default: String(PLOT_POINTS) },
    { name: "digits", kind: "string", value: "<int>", description: `working digits (${PLOT_DIGITS_RANGE.min} to ${PLOT_DIGITS_RANGE.max})`, default: String(PLOT_DIGITS) },
  ],
  async run(positionals, options) {
    if (positionals.length !== 1) throw new UsageError("plot: give exactly one family or 'all', e.g. spurious plot all --out docs/plots");
    const families = positionals[0] === "all" ? FAMILIES : [findFamily(positionals[0]!)];
    if (typeof options.out !== "string" || options.out === "") throw new UsageError("plot: --out <dir> is required");
    const points = options.points === undefined ? PLOT_POINTS : parseInteger("points", options.points, PLOT_POINTS_RANGE);
    const digits = options.digits === undefined ? PLOT_DIGITS : parseInteger("digits", options.digits, PLOT_DIGITS_RANGE);
    const files = new Map<string, string>();
    const sweeps: FamilySweep[] = [];
    for (const f of families) {
      const progress = progressLine(`plot ${f.name}`);
      const start = Date.now();
      const plot = await plotFamilySpectrum(f, { grid: plotGrid(f, points), digits, onProgress: (t) => progress.update(t) });
      progress.done();
      sweeps.push(plot.sweep);
      files.set(join(options.out, `${f.name}-spectrum.svg`), plot.svg);
      const crossings = plot.sweep.crossings.map((c) => `${Number(c.d).toPrecision(8)} (${c.irrep})`).join(", ");
      process.stderr.write(`plot ${f.name}: ${points} points in ${((Date.now() - start) / 1000).toFixed(1)} s; crossings: ${crossings === "" ? "none" : crossings}\n`);
    }
    files.set(join(options.out, "loss.svg"), (await plotLoss(sweeps)).svg);
    writeFilesAtomically(files);
    for (const path of files.keys()) console.log(`wrote ${path}`);
  },
};
