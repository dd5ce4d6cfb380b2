import { findFamily } from "../families/registry.js";
import { deriveFamilySeries } from "../ift/familySeries.js";
import { seriesDocument } from "../output/seriesDocument.js";
import { parseInteger } from "./args.js";
import { UsageError, type Command } from "./command.js";
import { printJson } from "./format.js";
import { progressLine } from "./progress.js";

/** The largest order the `series` command accepts. */
export const MAX_SERIES_ORDER = 40;

export const seriesCommand: Command = {
  name: "series",
  summary: "A family's parameters and loss as series in eps = d^(-1/2), exact in Q(pi) where they are",
  positionals: "<family>",
  options: [
    { name: "order", kind: "string", value: "<int>", description: `highest power of eps kept (0 to ${MAX_SERIES_ORDER}); the error is O(d^(-(order+1)/2))`, default: "10" },
    { name: "json", kind: "boolean", description: "print JSON (exact strings and decimals)" },
    { name: "md", kind: "boolean", description: "print a Markdown table" },
    { name: "latex", kind: "boolean", description: "print a LaTeX align block" },
  ],
  run(positionals, options) {
    if (positionals.length !== 1) throw new UsageError("series: give exactly one family, e.g. spurious series 1b --order 6");
    const family = findFamily(positionals[0]!);
    const order = options.order === undefined ? 10 : parseInteger("order", options.order, { min: 0, max: MAX_SERIES_ORDER });
    const formats = ["json", "md", "latex"].filter((k) => options[k] === true);
    if (formats.length > 1) throw new UsageError(`series: choose one output format, got --${formats.join(" and --")}`);
    const progress = progressLine(`series ${family.name}`);
    const derived = deriveFamilySeries(family, order, (what) => progress.update(what));
    progress.done();
    const doc = seriesDocument(derived);
    if (options.json === true) printJson(doc.json);
    else if (options.latex === true) process.stdout.write(doc.latex);
    else process.stdout.write(doc.markdown);
  },
};
