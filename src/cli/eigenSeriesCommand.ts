import { findFamily } from "../families/registry.js";
import { familyEigenSeries } from "../hessian/eigenSeries.js";
import { eigenSeriesDocument } from "../output/eigenSeriesDocument.js";
import { writeFilesAtomically } from "../output/atomicWrite.js";
import { join } from "node:path";
import { parseInteger } from "./args.js";
import { UsageError, type Command } from "./command.js";
import { chosenFormat, documentOptions, printDocument } from "./documentOutput.js";
import { documentFiles } from "../output/documentFiles.js";
import { progressLine } from "./progress.js";

/** The largest order the `eigen-series` command accepts (the family series is derived ~10 orders higher). */
export const MAX_EIGEN_SERIES_ORDER = 20;

export const eigenSeriesCommand: Command = {
  name: "eigen-series",
  summary: "The Hessian block eigenvalues of a family as series in eps = d^(-1/2), by component with multiplicities",
  positionals: "<family>",
  options: [
    { name: "order", kind: "string", value: "<int>", description: `highest power of eps kept (0 to ${MAX_EIGEN_SERIES_ORDER}); the error is O(d^(-(order+1)/2))`, default: "4" },
    ...documentOptions("<family>.eigen.json, .md and .tex"),
  ],
  run(positionals, options) {
    if (positionals.length !== 1) throw new UsageError("eigen-series: give exactly one family, e.g. spurious eigen-series 1b --order 4");
    const order = options.order === undefined ? 4 : parseInteger("order", options.order, { min: 0, max: MAX_EIGEN_SERIES_ORDER });
    const format = chosenFormat("eigen-series", options);
    const family = findFamily(positionals[0]!);
    const progress = progressLine(`eigen-series ${family.name}`);
    const result = familyEigenSeries(family, order, (what) => progress.update(what));
    progress.done();
    const doc = eigenSeriesDocument(result);
    if (typeof options.out === "string") {
      const base = join(options.out, `${family.name}.eigen`);
      writeFilesAtomically(documentFiles(doc, base));
      console.log(`wrote ${base}.json, .md, .tex`);
      return;
    }
    printDocument(doc, format);
  },
};
