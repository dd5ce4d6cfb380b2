import type { FamilyDefinition } from "../families/definition.js";
import { PLOT_DIGITS, PLOT_POINTS, PLOT_TOP } from "../plots/defaults.js";
import { familyOrAll, integerOption, MODEL_OPTIONS, parseModel, parseOutDir } from "./args.js";
import type { StudentModel } from "../model/studentModel.js";
import { UsageError, type Command } from "./command.js";

/** Bounds of --points and --digits. */
export const PLOT_POINTS_RANGE = { min: 4, max: 200 } as const;
export const PLOT_DIGITS_RANGE = { min: 15, max: 100 } as const;

/** Sweep, render and write the plots: the heavy modules (vega, vega-lite) load here, after validation. */
async function plotRun(families: readonly FamilyDefinition[], out: string, points: number, digits: number, model: StudentModel): Promise<void> {
  const { plotFiles } = await import("../present/plotFiles.js");
  const { writeFilesAtomically } = await import("../output/atomicWrite.js");
  const files = await plotFiles(families, out, { points, digits, model, loss: true });
  writeFilesAtomically(files);
  for (const path of files.keys()) console.log(`wrote ${path}`);
}

export const plotCommand: Command = {
  name: "plot",
  summary: "SVG plots: each family's block eigenvalues against d with its crossings, and the loss of the families against d",
  positionals: "<family|all>",
  options: [
    { name: "out", kind: "string", value: "<dir>", description: "directory for <family>-spectrum.svg (<family>-fixed-spectrum.svg with a fixed second layer) and loss.svg" },
    { name: "points", kind: "string", value: "<int>", description: `log-spaced d from just above p + 2 to ${PLOT_TOP} (${PLOT_POINTS_RANGE.min} to ${PLOT_POINTS_RANGE.max})`, default: String(PLOT_POINTS) },
    { name: "digits", kind: "string", value: "<int>", description: `working digits (${PLOT_DIGITS_RANGE.min} to ${PLOT_DIGITS_RANGE.max})`, default: String(PLOT_DIGITS) },
    ...MODEL_OPTIONS,
  ],
  run(positionals, options) {
    const families = familyOrAll("plot", positionals, "spurious plot all --out series/plots");
    if (options.out === undefined) throw new UsageError("plot: --out <dir> is required");
    const out = parseOutDir("out", options.out);
    const points = integerOption("points", options.points, PLOT_POINTS_RANGE, PLOT_POINTS);
    const digits = integerOption("digits", options.digits, PLOT_DIGITS_RANGE, PLOT_DIGITS);
    const model = families.map((f) => parseModel(options, f))[0]!;
    return plotRun(families, out, points, digits, model);
  },
};
