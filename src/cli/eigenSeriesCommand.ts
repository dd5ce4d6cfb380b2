import { join } from "node:path";
import type { FamilyDefinition } from "../families/definition.js";
import { COMMITTED_EIGEN_ORDER } from "../output/committedOrders.js";
import { LIMITS } from "../present/arguments.js";
import { integerOption, MODEL_OPTIONS, oneFamily, parseModel, parseOutDir } from "./args.js";
import type { StudentModel } from "../model/studentModel.js";
import { eigenSeriesFileBase } from "../output/fileNames.js";
import type { Command } from "./command.js";
import { chosenFormat, documentOptions, printDocument } from "./documentOutput.js";
import { progressLine } from "../present/progress.js";
import { declaredSeries } from "../families/seriesDeclaration.js";

/** The largest order the `eigen-series` command accepts (the family series is derived ~10 orders higher). */
export const MAX_EIGEN_SERIES_ORDER = LIMITS.eigenOrder.max;

/** Derive the eigenvalue series and write or print them: the heavy modules load here, after validation. */
async function eigenSeriesRun(family: FamilyDefinition, order: number, format: "json" | "md" | "latex" | undefined, out: string | undefined, model: StudentModel): Promise<void> {
  const { familyEigenSeries } = await import("../eigenseries/eigenSeries.js");
  const { eigenSeriesDocument } = await import("../output/eigenSeriesDocument.js");
  const progress = progressLine(`eigen-series ${family.name}`);
  const result = familyEigenSeries(family, order, (what) => progress.update(what), model);
  progress.done();
  const doc = eigenSeriesDocument(result);
  if (out !== undefined) {
    const { writeFilesAtomically } = await import("../output/atomicWrite.js");
    const { documentFiles } = await import("../output/documentFiles.js");
    const base = join(out, eigenSeriesFileBase(family.name, model));
    writeFilesAtomically(documentFiles(doc, base));
    console.log(`wrote ${base}.json, .md, .tex`);
    return;
  }
  printDocument(doc, format);
}

export const eigenSeriesCommand: Command = {
  name: "eigen-series",
  summary: "The Hessian block eigenvalues of a family as series in eps = d^(-1/2), by component with multiplicities",
  positionals: "<family>",
  options: [
    { name: "order", kind: "string", value: "<int>", description: `highest power of eps kept (0 to ${MAX_EIGEN_SERIES_ORDER}); the error is O(d^(-(order+1)/2))`, default: String(COMMITTED_EIGEN_ORDER) },
    ...MODEL_OPTIONS,
    ...documentOptions("<family>.eigen.json, .md and .tex (<family>.fixed.eigen.* with a fixed second layer)"),
  ],
  run(positionals, options) {
    const family = oneFamily("eigen-series", positionals, "spurious eigen-series 1b --order 4");
    declaredSeries(family);
    const order = integerOption("order", options.order, { min: 0, max: MAX_EIGEN_SERIES_ORDER }, COMMITTED_EIGEN_ORDER);
    const format = chosenFormat("eigen-series", options);
    const out = options.out === undefined ? undefined : parseOutDir("out", options.out);
    return eigenSeriesRun(family, order, format, out, parseModel(options, family));
  },
};
