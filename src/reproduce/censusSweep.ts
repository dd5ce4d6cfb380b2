import { census, DEFAULT_SEARCH, newCensusShare, type CensusPoint, type CensusReport } from "../census/census.js";
import type { RefinedPoint } from "../census/refine.js";
import { CLASS_NAMES, typeName } from "../census/types.js";
import { FAMILY_NAMES } from "../families/registry.js";
import type { SecondLayer } from "../model/studentModel.js";
import type { CensusPlotRow } from "../plots/censusPlot.js";

/**
 * The census at every d of the reproduction's list, for one model (docs/census.md §9): per d, the critical
 * points by number of classes and by index, the minima, the range of p (rows with a negative diagonal entry)
 * of the two-class minima,
 * the declared families among the minima, and the minima whose largest class has a negative diagonal entry
 * (1b, 2b, 3b, 4b and their continuation: issue 18's runs from Xavier starts never reached a b-family).
 */

export interface CensusSweepRow {
  readonly d: number;
  readonly secondLayer: SecondLayer;
  readonly points: number;
  /** Points with 1, 2 (and 3) classes. */
  readonly byClasses: number[];
  /** [index, points with that index], ascending. */
  readonly byIndex: [number, number][];
  readonly minima: number;
  /** The least and largest p, the rows with a negative diagonal entry, of the two-class minima; null when none. */
  readonly pRange: [number, number] | null;
  /** The two-class minima whose classes have diagonal entries of opposite signs: n, the rows with a negative one, and the loss. */
  readonly mixedMinima: { readonly n: number; readonly loss: number }[];
  /** The declared families among the minima. */
  readonly families: string[];
  /** The minima named by a template instance that is not a declared family (a.p7, b.p12, ...; docs/census.md §1). */
  readonly instances: number;
  /** Minima whose largest class has a negative diagonal entry (1b, 2b, 3b, 4b and their continuation), as their types. */
  readonly bSide: string[];
  /** At the d of the runs: what random-start training reached (docs/census.md §10). */
  readonly runs?: RunsSummary;
}

/** A point in the runs' summary: its type, loss, rows with a negative diagonal entry, index and family. */
export interface SweepPoint {
  readonly type: string;
  readonly loss: string;
  readonly negative: number;
  readonly index: number;
  readonly family: string | null;
  /** Its largest class has a negative diagonal entry (the side of 1b and the b-families). */
  readonly largestNegative: boolean;
}

/** What the runs at one d reached, against the census of that d. */
export interface RunsSummary {
  readonly count: number;
  readonly seed: number;
  readonly converged: number;
  /** Each distinct point reached, with the runs that reached it and where the census has it: "census", "three classes" (the sweep's census has at most two) or "finding". */
  readonly reached: (SweepPoint & { readonly runs: number; readonly census: "census" | "three classes" | "finding" })[];
  /** The census' minima that no run reached. */
  readonly neverReached: SweepPoint[];
}

/** The runs at one d: count and seed (Xavier starts). */
export interface SweepRuns {
  readonly d: number;
  readonly count: number;
  readonly seed: number;
}

/** The rows of a point with a negative diagonal entry. */
function negativeRows(p: RefinedPoint): number {
  return p.sizes.reduce((s, n, I) => s + (p.entries.find((e) => e.name === `diag(${CLASS_NAMES[I]})`)!.value.isNegative() ? n : 0), 0);
}

function sweepPoint(p: RefinedPoint): SweepPoint {
  const largestNegative = p.entries.find((e) => e.name === "diag(A)")!.value.isNegative();
  return { type: typeName(p.sizes), loss: p.loss.toFixed(10), negative: negativeRows(p), index: p.index, family: p.family ?? null, largestNegative };
}

/**
 * The sweep's d in `parts` runs of consecutive d of about equal cost (a census costs about in proportion to d:
 * its types, and their points, grow linearly with d), one pool task each; fewer parts when there are fewer d.
 */
export function censusParts(ds: readonly number[], parts: number): number[][] {
  const total = ds.reduce((s, d) => s + d, 0);
  const out: number[][] = [];
  let part: number[] = [];
  let done = 0;
  for (const d of ds) {
    part.push(d);
    done += d;
    if (done >= (total * (out.length + 1)) / parts && out.length < parts - 1) {
      out.push(part);
      part = [];
    }
  }
  if (part.length > 0) out.push(part);
  return out;
}

/**
 * The census rows at each d of `ds`, in both models: the trained model's rows, then the fixed model's. At each
 * d the two censuses share their searches under a = 1 and their Newton solves (CensusShare, docs/census.md §1):
 * the same rows as two separate censuses, at about two thirds of the cost.
 */
export function censusSweep(ds: readonly number[], classes: number, progress: (text: string) => void, runs?: SweepRuns): CensusSweepRow[] {
  const rows = ds.flatMap((d) => {
    const share = newCensusShare();
    return (["fixed", "trained"] as const).map((secondLayer) => {
      progress(`d = ${d}, ${secondLayer}`);
      const withRuns = runs !== undefined && runs.d === d ? { runs: { count: runs.count, seed: runs.seed, init: "xavier" as const } } : {};
      return sweepRow(census({ d, maxClasses: classes, all: false, secondLayer, search: DEFAULT_SEARCH, share, ...withRuns }), classes);
    });
  });
  return [...rows.filter((r) => r.secondLayer === "trained"), ...rows.filter((r) => r.secondLayer === "fixed")];
}

const isDeclared = (name: string): boolean => (FAMILY_NAMES as readonly string[]).includes(name);

/** The row of one census. */
function sweepRow(report: CensusReport, classes: number): CensusSweepRow {
  const { d, secondLayer } = report;
  const byClasses = Array.from({ length: classes }, (_, c) => report.points.filter((p) => p.sizes.length === c + 1).length);
  const indices = new Map<number, number>();
  for (const p of report.points) indices.set(p.index, (indices.get(p.index) ?? 0) + 1);
  const minima = report.points.filter((p) => p.minimum);
  const diagonal = (p: (typeof minima)[number], I: number): number => p.entries.find((e) => e.name === `diag(${CLASS_NAMES[I]})`)!.value.toNumber();
  const negativeBulk = (p: (typeof minima)[number]): boolean => diagonal(p, 0) < 0;
  // p: the rows with a negative diagonal entry, over the two-class minima (issue 18's count).
  const twoClass = minima.filter((p) => p.sizes.length === 2);
  const ps = twoClass.map((p) => p.sizes.reduce((s, n, I) => s + (diagonal(p, I) < 0 ? n : 0), 0));
  const mixed = twoClass.filter((p) => diagonal(p, 0) * diagonal(p, 1) < 0);
  return {
    d,
    secondLayer,
    points: report.points.length,
    byClasses,
    byIndex: [...indices].sort((u, v) => u[0] - v[0]),
    minima: minima.length,
    pRange: ps.length === 0 ? null : [Math.min(...ps), Math.max(...ps)],
    mixedMinima: mixed.map((p) => ({ n: p.sizes[diagonal(p, 0) < 0 ? 0 : 1]!, loss: p.loss.toNumber() })).sort((u, v) => u.n - v.n || u.loss - v.loss),
    families: minima.map((p) => p.family).filter((f): f is string => f !== undefined && isDeclared(f)),
    instances: minima.filter((p) => p.family !== undefined && !isDeclared(p.family)).length,
    bSide: minima.filter(negativeBulk).map((p) => typeName(p.sizes)),
    ...(report.runs === undefined ? {} : { runs: runsSummary(report.runs, report.points, classes) }),
  };
}

function runsSummary(runs: NonNullable<ReturnType<typeof census>["runs"]>, points: readonly CensusPoint[], classes: number): RunsSummary {
  const reachedCensus = new Set(runs.points.map((p) => p.censusPoint).filter((i) => i !== undefined));
  return {
    count: runs.count,
    seed: runs.seed,
    converged: runs.converged,
    reached: runs.points.map((p) => ({ ...sweepPoint(p), runs: p.runs, census: p.censusPoint !== undefined ? "census" : p.sizes.length > classes ? "three classes" : "finding" })),
    neverReached: points.filter((p, i) => p.minimum && !reachedCensus.has(i)).map(sweepPoint),
  };
}

/** The plot rows of the sweep. */
export function censusPlotRows(rows: readonly CensusSweepRow[]): CensusPlotRow[] {
  return rows.map((r) => ({ model: r.secondLayer, d: r.d, minima: r.minima }));
}

/** series/census.md: what was computed, the plots, and a table per model. */
export function censusSweepMarkdown(rows: readonly CensusSweepRow[], ds: readonly number[], classes: number): string {
  const lines = [
    "# The census at every d (generated by `npm run reproduce`; docs/census.md §9)",
    "",
    `Computed: \`spurious census --d <d> --classes ${classes} --second-layer <model>\` (every isotropy type of at most ${classes} classes, the command's default starts, Newton to 30 digits) for d = ${compactList(ds)}, both models.`,
    "Three-class types are left out here to keep the reproduction within its time (a census of all default types at d = 100 alone takes about 90 s of CPU in the trained model); `spurious census --d <d>` adds them at any one d.",
    "Counts are of points up to S_d x S_d found by descent from the census's starts: a lower bound, not a proof of absence.",
    "",
    "![minima against d](plots/census-minima.svg)",
    "",
    "![p of the two-class minima against d](plots/census-p.svg)",
    "",
    "Columns: points (with 1 | 2 classes), their index (the number of negative eigenvalues of the full Hessian) as index: count, the minima, p of the two-class minima (the rows with a negative diagonal entry, issue 18's count: from 18 to 51 over the minima of the published runs at d = 100), the declared families among the minima, the number of the other minima that lie on a template instance (a.p<n>, b.p<n>, named by the census, docs/census.md §1), and the number of minima whose largest class has a negative diagonal entry (1b, 2b, 3b, 4b and their continuation to larger p; the published runs from Xavier starts never reached 1b or a b-family).",
  ];
  for (const model of ["trained", "fixed"] as const) {
    const own = rows.filter((r) => r.secondLayer === model);
    if (own.length === 0) continue;
    lines.push("", `## ${model === "trained" ? "Trained second layer" : "Fixed second layer a = 1"}`, "");
    lines.push("| d | points | by classes | by index | minima | p (two-class minima) | declared families (minima) | other minima on a template instance | minima, largest class negative |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const r of own) {
      const p = r.pRange === null ? "" : `${r.pRange[0]}..${r.pRange[1]}`;
      lines.push(`| ${r.d} | ${r.points} | ${r.byClasses.join(" \\| ")} | ${r.byIndex.map(([i, n]) => `${i}: ${n}`).join(", ")} | ${r.minima} | ${p} | ${r.families.join(", ")} | ${r.instances} | ${r.bSide.length} |`);
    }
  }
  for (const r of rows) if (r.runs !== undefined) lines.push(...runsMarkdown(r, r.runs, classes));
  return `${lines.join("\n")}\n`;
}

/** The section "what random training reaches" of one model (docs/census.md §10). */
function runsMarkdown(row: CensusSweepRow, runs: RunsSummary, classes: number): string[] {
  const model = row.secondLayer === "trained" ? "trained second layer" : "fixed second layer a = 1";
  const family = (p: SweepPoint): string => p.family ?? "";
  const lines = [
    "",
    `## What random training reaches: d = ${row.d}, ${model}`,
    "",
    `\`spurious census --d ${row.d} --classes ${classes} --second-layer ${row.secondLayer} --runs ${runs.count} --seed ${runs.seed}\`: ${runs.count} trainings of the full model from Xavier starts, ` +
      `${runs.converged} of which reached a critical point that the engine refined (the others: no convergence, or no census pattern of at most 4 classes). ` +
      `Each distinct point, with the runs that reached it and whether this census (at most ${classes} classes) lists it:`,
    "",
    "| type | loss | negative rows | index | family | runs | census |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...runs.reached.map((p) => `| ${p.type.replaceAll("|", "\\|")} | ${p.loss} | ${p.negative} | ${p.index} | ${family(p)} | ${p.runs} | ${p.census === "census" ? "yes" : p.census === "three classes" ? "three classes (not searched here)" : "**finding** (not in this census)"} |`),
    "",
    `The census' minima that no run reached: ${runs.neverReached.length} of ${row.minima}, ${runs.neverReached.filter((p) => p.largestNegative).length} of them with a negative largest class ` +
      `(1b, 2b, 3b, 4b and their continuation; runs reached ${runs.reached.filter((p) => p.largestNegative).length} point${runs.reached.filter((p) => p.largestNegative).length === 1 ? "" : "s"} of that side):`,
    "",
    "| type | loss | negative rows | family | largest class negative |",
    "| --- | --- | --- | --- | --- |",
    ...runs.neverReached.map((p) => `| ${p.type.replaceAll("|", "\\|")} | ${p.loss} | ${p.negative} | ${family(p)} | ${p.largestNegative ? "yes" : ""} |`),
  ];
  return lines;
}

/** "6..30, 35, 40, ..." : runs of consecutive integers joined. */
function compactList(ds: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ds.length; ) {
    let j = i;
    while (j + 1 < ds.length && ds[j + 1] === ds[j]! + 1) j++;
    parts.push(j > i + 1 ? `${ds[i]}..${ds[j]}` : ds.slice(i, j + 1).join(", "));
    i = j + 1;
  }
  return parts.join(", ");
}
