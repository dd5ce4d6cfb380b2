import { familyByName } from "../families/templates.js";
import { seriesFiles } from "../output/seriesFiles.js";

// One family of `spurious series all --out <dir>`, run by a worker thread of the pool (src/present/pool.ts)
// or in the main thread: plain data in (the family, or a template's instance such as a.p7, is looked up by name), the family's three files out.

/** One family to derive at `order`, its files named under `dir`. */
export interface SeriesJob {
  readonly family: string;
  readonly order: number;
  readonly dir: string;
}

/** Derive a family's series and render its files (<dir>/<family>.json, .md, .tex). */
export default function seriesJobFiles(job: SeriesJob, progress: (text: string) => void): Map<string, string> {
  return seriesFiles(familyByName(job.family), job.order, job.dir, progress);
}
