import { findFamily } from "../families/registry.js";
import { seriesFiles } from "../output/seriesFiles.js";
import { workModule, type PoolWork } from "../present/pool.js";

// One family of `spurious series all --out <dir>` as work for the pool of worker threads (src/present/pool.ts):
// plain data in (a worker looks the family up by name), the family's three files out.

export interface SeriesJob {
  readonly family: string;
  readonly order: number;
  readonly dir: string;
}

/** Derive a family's series and render its files (<dir>/<family>.json, .md, .tex). */
export default function seriesJobFiles(job: SeriesJob, progress: (text: string) => void): Map<string, string> {
  return seriesFiles(findFamily(job.family), job.order, job.dir, progress);
}

export const seriesWork: PoolWork<SeriesJob, Map<string, string>> = {
  run: seriesJobFiles,
  module: workModule(import.meta.url, "./seriesWork.js"),
  label: (job) => `series ${job.family}`,
};
