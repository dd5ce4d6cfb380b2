import type { CensusCandidate } from "../census/census.js";
import { refinePoint, type RefinedPoint } from "../census/refine.js";
import { searchType, type FoundPoint, type SearchOptions, type SearchResult } from "../census/search.js";
import { neighbourSeeds } from "../census/seeds.js";
import type { SecondLayer } from "../model/studentModel.js";
import { DecimalField } from "../numbers/decimalField.js";

// One unit of the census's work on a thread of the pool (censusPool.ts): the search of some types, or the
// refinement of some candidates. What crosses threads is plain data: the decimals of a refined point travel
// as strings (toWire, fromWire).

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
  | { readonly kind: "refine"; readonly candidates: CensusCandidate[]; readonly d: number; readonly secondLayer: SecondLayer; readonly digits: number };

/** A refined point with its decimals as strings. */
export type WirePoint = Omit<RefinedPoint, "entries" | "loss" | "gradientNorm"> & { entries: { name: string; value: string }[]; loss: string; gradientNorm: string };

export type CensusJobResult = { readonly kind: "search"; readonly results: SearchResult[] } | { readonly kind: "refine"; readonly points: (WirePoint | null)[] };

function toWire(p: RefinedPoint): WirePoint {
  return { ...p, entries: p.entries.map((e) => ({ name: e.name, value: e.value.toString() })), loss: p.loss.toString(), gradientNorm: p.gradientNorm.toString() };
}

/** The refined point back from its wire form, its decimals at `digits` digits. */
export function fromWire(p: WirePoint, digits: number): RefinedPoint {
  const F = new DecimalField(digits);
  return { ...p, entries: p.entries.map((e) => ({ name: e.name, value: F.fromDecimalString(e.value) })), loss: F.fromDecimalString(p.loss), gradientNorm: F.fromDecimalString(p.gradientNorm) };
}

export default function runCensusJob(job: CensusJob): CensusJobResult {
  if (job.kind === "search") {
    const neighbours = new Map(job.neighbours);
    return { kind: "search", results: job.types.map((sizes) => searchType(sizes, job.d, job.secondLayer, job.search, neighbourSeeds(sizes, neighbours, job.search.seed))) };
  }
  return {
    kind: "refine",
    points: job.candidates.map((c) => {
      const p = refinePoint(c.sizes, c.x, job.d, job.secondLayer, job.digits);
      return p === undefined ? null : toWire(p);
    }),
  };
}
