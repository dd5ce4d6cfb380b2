import { workModule, type PoolWork } from "../present/pool.js";
import type { SeriesJob } from "./seriesJob.js";

// The families of `spurious series all --out <dir>` as work for the pool (src/present/pool.ts). This module
// is light: the derivation (seriesJob.ts) is loaded by the thread that runs it, so the main thread of a
// parallel run never loads the engine.

export const seriesWork: PoolWork<SeriesJob, Map<string, string>> = {
  run: async (job, progress) => (await import("./seriesJob.js")).default(job, progress),
  module: workModule(import.meta.url, "./seriesJob.js"),
  label: (job) => `series ${job.family}`,
};
