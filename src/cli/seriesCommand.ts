import { availableParallelism } from "node:os";
import type { FamilyDefinition } from "../families/definition.js";
import { COMMITTED_SERIES_ORDER } from "../output/committedOrders.js";
import { LIMITS } from "../present/arguments.js";
import { familyOrAll, integerOption, MODEL_OPTIONS, oneFamilyOrInstance, parseModel, parseOutDir, parseSymbolicTemplate } from "./args.js";
import { join } from "node:path";
import type { StudentModel } from "../model/studentModel.js";
import { UsageError, type Command } from "./command.js";
import { chosenFormat, documentOptions, printDocument } from "./documentOutput.js";
import { progressLine } from "../present/progress.js";

/** The largest order the `series` command accepts. */
export const MAX_SERIES_ORDER = LIMITS.seriesOrder.max;

/**
 * The order in which the pool starts the families of `series all`: the longest first (as measured at order
 * 20, docs/series-derivation.md "Cost"), so that no long family starts last while the other workers sit idle.
 */
const POOL_ORDER: readonly string[] = ["3a", "3a.d+1", "4", "4b.d-1", "3b.d-1", "2a.d+1", "4b", "3b", "2b.d-1", "2b", "2a", "1b.d-1", "1a.d-1", "1b", "1a"];

function longestFirst(families: readonly FamilyDefinition[]): FamilyDefinition[] {
  const rank = (f: FamilyDefinition): number => (POOL_ORDER.includes(f.name) ? POOL_ORDER.indexOf(f.name) : POOL_ORDER.length);
  return [...families].sort((a, b) => rank(a) - rank(b));
}

/** Derive and write (into `out`) or print the series: the heavy modules load here, after validation. */
async function seriesRun(families: readonly FamilyDefinition[], order: number, format: "json" | "md" | "latex" | undefined, out: string | undefined, model: StudentModel): Promise<void> {
  if (out !== undefined) {
    const { runPool } = await import("../present/pool.js");
    const { seriesWork } = await import("./seriesWork.js");
    const { writeFilesAtomically } = await import("../output/atomicWrite.js");
    // Derive everything first (several families on worker threads, one per core; one in this thread), then
    // write: an interrupted run leaves the folder as it was. The files are the same bytes whatever the threads.
    const jobs = longestFirst(families).map((f) => ({ family: f.name, order, dir: out }));
    const results = new Map<string, Map<string, string>>();
    const lines = jobs.map((job) => progressLine(`series ${job.family}`));
    await runPool(seriesWork, jobs, Math.min(availableParallelism(), jobs.length), {
      begin: (i) => lines[i]!.update("started"),
      update: (i, text) => lines[i]!.update(text),
      done(i, files) {
        lines[i]!.done();
        results.set(jobs[i]!.family, files);
      },
    });
    const files = new Map<string, string>();
    for (const f of families) for (const [path, text] of results.get(f.name)!) files.set(path, text);
    writeFilesAtomically(files);
    console.log(`wrote ${files.size} files to ${out}`);
    return;
  }
  const { deriveFamilySeries } = await import("../ift/familySeries.js");
  const { seriesDocument } = await import("../output/seriesDocument.js");
  const family = families[0]!;
  const progress = progressLine(`series ${family.name}`);
  const derived = deriveFamilySeries(family, order, (what) => progress.update(what));
  progress.done();
  printDocument(seriesDocument(derived, model), format);
}

/** `series <template> --p symbolic`: the coefficients as functions of p, checked against the committed fixed-p series. */
async function templateSeriesRun(name: string, order: number, format: "json" | "md" | "latex" | undefined, out: string | undefined): Promise<void> {
  const { templateSeriesAgainstCommitted } = await import("../present/templateSeries.js");
  const progress = progressLine(`series ${name} --p symbolic`);
  const doc = templateSeriesAgainstCommitted(name, order, (what) => progress.update(what));
  progress.done();
  if (out === undefined) return printDocument(doc, format);
  const { documentFiles } = await import("../output/documentFiles.js");
  const { writeFilesAtomically } = await import("../output/atomicWrite.js");
  const files = documentFiles(doc, join(out, `${name}.p`));
  writeFilesAtomically(files);
  console.log(`wrote ${files.size} files to ${out}`);
}

export const seriesCommand: Command = {
  name: "series",
  summary: "A family's parameters and loss as series in eps = d^(-1/2), exact in Q(pi) where they are",
  positionals: "<family|all>",
  options: [
    { name: "order", kind: "string", value: "<int>", description: `highest power of eps kept (0 to ${MAX_SERIES_ORDER}); the error is O(d^(-(order+1)/2))`, default: String(COMMITTED_SERIES_ORDER) },
    {
      name: "p",
      kind: "string",
      value: "<int>|symbolic",
      description: `with a template (a, b, c): its instance at this p (e.g. a --p 7), or with 'symbolic' (a, b) the coefficients as exact functions of p, order 0 to ${LIMITS.templateSeriesOrder.max}, checked against the committed fixed-p series (docs/census.md §7)`,
    },
    ...MODEL_OPTIONS,
    ...documentOptions("<family>.json, .md and .tex (the series are those of every model the family has: docs/models.md; with --p symbolic <template>.p.json, .md, .tex)"),
  ],
  run(positionals, options) {
    const format = chosenFormat("series", options);
    if (options.p === "symbolic") {
      if (positionals.length !== 1) throw new UsageError("series: give exactly one template with --p symbolic, e.g. spurious series a --p symbolic");
      const name = parseSymbolicTemplate(positionals[0]!);
      const order = integerOption("order", options.order, LIMITS.templateSeriesOrder, COMMITTED_SERIES_ORDER);
      if (options["second-layer"] !== undefined || options.width !== undefined) throw new UsageError("--p symbolic: the series in p is that of the trained model at width d; leave out --second-layer and --width");
      return templateSeriesRun(name, order, format, options.out === undefined ? undefined : parseOutDir("out", options.out));
    }
    // 'all': the families with a series declaration (a bounded family has none: docs/models.md §5.1)
    const families =
      options.p === undefined
        ? familyOrAll("series", positionals, "spurious series 1b --order 6").filter((f, _, all) => all.length === 1 || f.series !== undefined)
        : [oneFamilyOrInstance("series", positionals, "spurious series a --p 7", options.p)];
    const order = integerOption("order", options.order, { min: 0, max: MAX_SERIES_ORDER }, COMMITTED_SERIES_ORDER);
    const out = options.out === undefined ? undefined : parseOutDir("out", options.out);
    if (families.length > 1 && out === undefined) throw new UsageError("series: 'all' needs --out <dir>");
    const model = families.map((f) => parseModel(options, f))[0]!;
    return seriesRun(families, order, format, out, model);
  },
};
