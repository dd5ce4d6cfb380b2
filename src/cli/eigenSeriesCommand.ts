import { findFamily } from "../families/registry.js";
import { familyEigenSeries } from "../hessian/eigenSeries.js";
import { eigenSeriesDocument } from "../output/eigenSeriesDocument.js";
import { writeFilesAtomically } from "../output/atomicWrite.js";
import { join } from "node:path";
import { parseInteger } from "./args.js";
import { UsageError, type Command } from "./command.js";
import { printJson } from "./format.js";
import { progressLine } from "./progress.js";

/** The largest order the `eigen-series` command accepts (the family series is derived ~10 orders higher). */
export const MAX_EIGEN_SERIES_ORDER = 20;

export const eigenSeriesCommand: Command = {
  name: "eigen-series",
  summary: "The Hessian block eigenvalues of a family as series in eps = d^(-1/2), by component with multiplicities",
  positionals: "<family>",
  options: [
    { name: "order", kind: "string", value: "<int>", description: `highest power of eps kept (0 to ${MAX_EIGEN_SERIES_ORDER}); the error is O(d^(-(order+1)/2))`, default: "4" },
    { name: "json", kind: "boolean", description: "print JSON (exact strings and decimals)" },
    { name: "md", kind: "boolean", description: "print a Markdown table" },
    { name: "latex", kind: "boolean", description: "print a LaTeX align block" },
    { name: "out", kind: "string", value: "<dir>", description: "write <family>.eigen.json, .md and .tex into this folder instead (atomically)" },
  ],
  run(positionals, options) {
    if (positionals.length !== 1) throw new UsageError("eigen-series: give exactly one family, e.g. spurious eigen-series 1b --order 4");
    const order = options.order === undefined ? 4 : parseInteger("order", options.order, { min: 0, max: MAX_EIGEN_SERIES_ORDER });
    const formats = ["json", "md", "latex"].filter((k) => options[k] === true);
    if (formats.length > 1) throw new UsageError(`eigen-series: choose one output format, got --${formats.join(" and --")}`);
    const family = findFamily(positionals[0]!);
    const progress = progressLine(`eigen-series ${family.name}`);
    const result = familyEigenSeries(family, order, (what) => progress.update(what));
    progress.done();
    const doc = eigenSeriesDocument(result);
    if (typeof options.out === "string") {
      if (formats.length > 0) throw new UsageError(`eigen-series: --out writes all three formats; drop --${formats[0]}`);
      const base = join(options.out, `${family.name}.eigen`);
      writeFilesAtomically(new Map([
        [`${base}.json`, `${JSON.stringify(doc.json, null, 2)}\n`],
        [`${base}.md`, doc.markdown],
        [`${base}.tex`, doc.latex],
      ]));
      console.log(`wrote ${base}.json, .md, .tex`);
      return;
    }
    if (options.json === true) printJson(doc.json);
    else if (options.latex === true) process.stdout.write(doc.latex);
    else process.stdout.write(doc.markdown);
  },
};
