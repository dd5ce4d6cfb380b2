import type { CensusCandidate } from "../census/census.js";
import { refinePoint, toWire, type WirePoint } from "../census/refine.js";
import { trainRun, type RunOutcome, type RunsOptions } from "../census/runs.js";
import { searchType, type FoundPoint, type SearchOptions, type SearchResult } from "../census/search.js";
import { neighbourSeeds } from "../census/seeds.js";
import type { SecondLayer } from "../model/studentModel.js";

// One unit of the census's work on a thread of the pool (censusPool.ts): the search of some types, or the
// refinement of some candidates, or some training runs (each from its own seed). What crosses threads is plain data: the decimals of a refined point travel
// as strings (toWire, fromWire in src/census/refine.ts).

export type CensusJob =
  | {
      readonly kind: "search";
      readonly types: number[][];
      readonly d: number;
      readonly secondLayer: SecondLayer;
      readonly search: SearchOptions;
      /** The points of the two-class types, by sizes, that seed the three-class types (twoClassPoints). */
      readonly neighbours: [string, FoundPoint[]][];
    }
  | { readonly kind: "refine"; readonly candidates: CensusCandidate[]; readonly d: number; readonly secondLayer: SecondLayer; readonly digits: number }
  | { readonly kind: "train"; readonly runs: number[]; readonly d: number; readonly secondLayer: SecondLayer; readonly options: RunsOptions };

export type CensusJobResult =
  | { readonly kind: "search"; readonly results: SearchResult[] }
  | { readonly kind: "refine"; readonly points: (WirePoint | null)[] }
  | { readonly kind: "train"; readonly outcomes: RunOutcome[] };

export default function runCensusJob(job: CensusJob): CensusJobResult {
  if (job.kind === "search") {
    const neighbours = new Map(job.neighbours);
    return { kind: "search", results: job.types.map((sizes) => searchType(sizes, job.d, job.secondLayer, job.search, neighbourSeeds(sizes, neighbours, job.search.seed))) };
  }
  if (job.kind === "train") return { kind: "train", outcomes: job.runs.map((run) => trainRun(job.d, job.secondLayer, job.options, run)) };
  return {
    kind: "refine",
    points: job.candidates.map((c) => {
      const p = refinePoint(c.sizes, c.x, job.d, job.secondLayer, job.digits);
      return p === undefined ? null : toWire(p);
    }),
  };
}
