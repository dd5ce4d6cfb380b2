import { availableParallelism } from "node:os";
import { FAMILIES } from "../families/registry.js";
import { FULL_CONFIG, QUICK_CONFIG } from "../reproduce/config.js";
import { integerOption, noPositionals, parseFamilies, parseOutDir } from "./args.js";
import { UsageError, type Command } from "./command.js";

/** The allowed --jobs. */
const JOBS = { min: 1, max: 256 } as const;

/**
 * The `reproduce` command; `reference` gives docs/cli.md, the reference of every command including this one
 * (src/cli/commands.ts passes it: this file cannot import the list it belongs to).
 */
export const reproduceCommand = (reference: () => string): Command => ({
  name: "reproduce",
  summary:
    "Regenerate every result (= npm run reproduce): discovery, series and loss, spectra, eigenvalue series, crossings and what bifurcates at them, the annihilation table and phase diagrams, plots, docs, and a summary table; atomically",
  options: [
    { name: "families", kind: "string", value: "<list>", description: `comma-separated families, e.g. 1b,2a (of ${FAMILIES.map((f) => f.name).join(", ")})`, default: "all" },
    { name: "out", kind: "string", value: "<dir>", description: "folder to hold series/ and docs/; the default, the current folder, holds the committed files", default: "." },
    {
      name: "jobs",
      kind: "string",
      value: "<N>",
      description: `worker threads running the families' steps, discovery and the tutorial at once (${JOBS.min} to ${JOBS.max}); 1 runs them one after another in one thread; the files are the same bytes`,
      default: "the number of cores",
    },
    { name: "quick", kind: "boolean", description: `low orders and few points, to check the pipeline (series order ${QUICK_CONFIG.seriesOrder}, eigen-series order ${QUICK_CONFIG.eigenOrder}); needs --out` },
  ],
  async run(positionals, options) {
    noPositionals("reproduce", positionals);
    const families = options.families === undefined ? FAMILIES : parseFamilies("families", options.families);
    if (options.quick === true && options.out === undefined) throw new UsageError("reproduce: --quick needs --out <dir> (it must not replace the committed files)");
    const root = parseOutDir("out", options.out === undefined ? "." : options.out);
    const jobs = integerOption("jobs", options.jobs, JOBS, availableParallelism());
    const config = options.quick === true ? QUICK_CONFIG : FULL_CONFIG;
    // The pipeline (and its heavy modules) loads after validation.
    const { reproduce } = await import("../reproduce/pipeline.js");
    const { summaryText, verifiedMeaning } = await import("../reproduce/summary.js");
    const { rows, written } = await reproduce({ families, root, config, jobs, cliReference: reference() });
    console.log(summaryText(rows));
    console.log("");
    console.log(verifiedMeaning(config));
    console.log(`wrote ${written.length} files under ${root} (series/, docs/)`);
  },
});
