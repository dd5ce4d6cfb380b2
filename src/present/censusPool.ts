import { assembleCensus, censusTypeList, mergeSearches, twoClassPoints, type CensusOptions, type CensusReport } from "../census/census.js";
import { assembleRuns, mergeRuns, type RunOutcome } from "../census/runs.js";
import type { SearchResult } from "../census/search.js";
import { fromWire, type WirePoint } from "../census/refine.js";
import type { CensusJob, CensusJobResult } from "./censusJob.js";
import { openPool, workModule, type PoolWork, type WorkerPool } from "./pool.js";

// The census (src/census/census.ts) on `jobs` worker threads (docs/census.md §5): the searches of the types,
// the training runs (with the option runs, each from its own seed, §10), then the refinement of the distinct
// points, each split into chunks that the pool runs in any order; the chunks' results are put back in the
// order of the types, of the runs and of the candidates, so the report is the same for any number of threads.

const censusWork: PoolWork<CensusJob, CensusJobResult> = {
  run: async (job) => (await import("./censusJob.js")).default(job),
  module: workModule(import.meta.url, "./censusJob.js"),
  label: (job) => (job.kind === "search" ? `census search of ${job.types.length} types` : job.kind === "train" ? `census training of ${job.runs.length} runs` : `census refinement of ${job.candidates.length} points`),
};

/** Chunks per thread: small enough that the threads finish together, large enough to spare messages. */
const CHUNKS_PER_JOB = 6;

/** Item i goes to chunk i mod n (so that each chunk has large and small types alike); with the positions. */
function deal<T>(items: readonly T[], n: number): { items: T[]; at: number[] }[] {
  const chunks = Array.from({ length: Math.max(1, Math.min(n, items.length)) }, () => ({ items: [] as T[], at: [] as number[] }));
  items.forEach((item, i) => {
    const chunk = chunks[i % chunks.length]!;
    chunk.items.push(item);
    chunk.at.push(i);
  });
  return chunks;
}

/** Run the census on `jobs` threads (1: in this thread); onProgress hears (chunks done, chunks in all, step). */
export async function runCensus(options: CensusOptions, jobs: number): Promise<CensusReport> {
  const pool = openPool(jobs);
  try {
    return await censusOn(pool, options, jobs);
  } finally {
    await pool.close();
  }
}

async function censusOn(pool: WorkerPool, options: CensusOptions, jobs: number): Promise<CensusReport> {
  const { d, secondLayer } = options;
  const digits = options.digits ?? 30;
  const types = censusTypeList(options);
  const chunks = jobs <= 1 ? 1 : jobs * CHUNKS_PER_JOB;
  const searched: SearchResult[] = new Array(types.length);
  const total = 2 * Math.min(chunks, types.length);
  let done = 0;
  // The types of at most two classes, then the three-class types seeded by their points (seeds.ts).
  for (const three of [false, true]) {
    const positions = types.map((_, t) => t).filter((t) => (types[t]!.length === 3) === three);
    if (positions.length === 0) continue;
    const typeChunks = deal(positions, chunks);
    const neighbours = three ? [...twoClassPoints(types, searched)] : [];
    await pool.run(
      censusWork,
      typeChunks.map((c): CensusJob => ({ kind: "search", types: c.items.map((t) => types[t]!), d, secondLayer, search: options.search, neighbours })),
      {
        begin: () => undefined,
        update: () => undefined,
        done(i, result) {
          if (result.kind !== "search") throw new Error("census: a search chunk returned no search");
          result.results.forEach((r, k) => (searched[typeChunks[i]!.items[k]!] = r));
          options.onProgress?.(++done, total, "search");
        },
      },
    );
  }
  const merged = mergeSearches(searched);
  const runs = options.runs;
  const outcomes: RunOutcome[] = new Array(runs?.count ?? 0);
  if (runs !== undefined) {
    const runChunks = deal(Array.from({ length: runs.count }, (_, run) => run), chunks);
    done = 0;
    await pool.run(
      censusWork,
      runChunks.map((c): CensusJob => ({ kind: "train", runs: c.items, d, secondLayer, options: runs })),
      {
        begin: () => undefined,
        update: () => undefined,
        done(i, result) {
          if (result.kind !== "train") throw new Error("census: a training chunk returned no runs");
          result.outcomes.forEach((o, k) => (outcomes[runChunks[i]!.items[k]!] = o));
          options.onProgress?.(++done, runChunks.length, "runs");
        },
      },
    );
  }
  const trained = mergeRuns(outcomes);
  // The census' candidates and then the runs', refined in one step.
  const all = [...merged.candidates, ...trained.candidates];
  const candidateChunks = deal(all, chunks);
  const refined: (WirePoint | null)[] = new Array(all.length);
  done = 0;
  await pool.run(
    censusWork,
    candidateChunks.map((c): CensusJob => ({ kind: "refine", candidates: c.items, d, secondLayer, digits })),
    {
      begin: () => undefined,
      update: () => undefined,
      done(i, result) {
        if (result.kind !== "refine") throw new Error("census: a refinement chunk returned no points");
        result.points.forEach((p, k) => (refined[candidateChunks[i]!.at[k]!] = p));
        options.onProgress?.(++done, candidateChunks.length, "refine");
      },
    },
  );
  const points = refined.map((p) => (p === null ? undefined : fromWire(p, digits)));
  const report = assembleCensus(options, types.length, merged, points.slice(0, merged.candidates.length));
  if (runs === undefined) return report;
  return { ...report, runs: assembleRuns(runs, trained, points.slice(merged.candidates.length), report.points) };
}
