import { COMMITTED_EIGEN_ORDER } from "../output/seriesFiles.js";
import { familyEigenSeries } from "../eigenseries/eigenSeries.js";
import { eigenSeriesDocument } from "../output/eigenSeriesDocument.js";
import { writeFilesAtomically } from "../output/atomicWrite.js";
import { join } from "node:path";
import { integerOption, oneFamily, parseOutDir } from "./args.js";
import type { Command } from "./command.js";
import { chosenFormat, documentOptions, printDocument } from "./documentOutput.js";
import { documentFiles } from "../output/documentFiles.js";
import { progressLine } from "../present/progress.js";

/** The largest order the `eigen-series` command accepts (the family series is derived ~10 orders higher). */
export const MAX_EIGEN_SERIES_ORDER = 20;

export const eigenSeriesCommand: Command = {
  name: "eigen-series",
  summary: "The Hessian block eigenvalues of a family as series in eps = d^(-1/2), by component with multiplicities",
  positionals: "<family>",
  options: [
    { name: "order", kind: "string", value: "<int>", description: `highest power of eps kept (0 to ${MAX_EIGEN_SERIES_ORDER}); the error is O(d^(-(order+1)/2))`, default: String(COMMITTED_EIGEN_ORDER) },
    ...documentOptions("<family>.eigen.json, .md and .tex"),
  ],
  run(positionals, options) {
    const family = oneFamily("eigen-series", positionals, "spurious eigen-series 1b --order 4");
    const order = integerOption("order", options.order, { min: 0, max: MAX_EIGEN_SERIES_ORDER }, COMMITTED_EIGEN_ORDER);
    const format = chosenFormat("eigen-series", options);
    const out = options.out === undefined ? undefined : parseOutDir("out", options.out);
    const progress = progressLine(`eigen-series ${family.name}`);
    const result = familyEigenSeries(family, order, (what) => progress.update(what));
    progress.done();
    const doc = eigenSeriesDocument(result);
    if (out !== undefined) {
      const base = join(out, `${family.name}.eigen`);
      writeFilesAtomically(documentFiles(doc, base));
      console.log(`wrote ${base}.json, .md, .tex`);
      return;
    }
    printDocument(doc, format);
  },
};
