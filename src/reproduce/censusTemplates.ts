import type { SecondLayer } from "../model/studentModel.js";
import type { CensusCellPoint, TemplateBoundaryPoint } from "../plots/censusPlot.js";
import type { TemplateCrossingPoint } from "../plots/templateCrossingPlot.js";
import type { CensusSweepRow } from "./censusSweep.js";
import type { InstancePoint } from "./instancePoints.js";

/**
 * The census sweep against the templates' crossings d*(p) (docs/census.md §9). A two-class minimum whose
 * classes have diagonal entries of opposite signs, with n rows negative, can lie on three template instances
 * (docs/families.md §11): a.p<n> and c.p<n> (bulk positive, the n rows of B negative) and b.p<d-n> (bulk
 * negative, the d - n rows of B positive). Where an instance's table has a crossing, it is a minimum at d
 * exactly on one side of d*(p): above for a and b (saddle to minimum), below for c (minimum to saddle), the
 * side its table row states. Each cell (d, n) where the census found such a minimum or an instance predicts
 * one gets a verdict:
 * - agrees: every predicted instance is a minimum the census found (where fewer minima were found than
 *   instances predicted, each instance's point at d is computed and matched by its loss: two instances can
 *   be one point, as a.p<d/2> and b.p<d/2>, which swapping the classes maps onto each other);
 * - missing: an instance predicts a minimum the census did not find (where its point at d is computed: a
 *   minimum by its Young blocks whose loss no census minimum of the cell has);
 * - fewer: fewer minima found than instances predicted, and an instance's point could not be computed or is
 *   not a minimum (the walk reached another branch than the table's: the cell cannot be decided);
 * - unexplained: found, no instance predicts one, and all three instances are tabled at their p;
 * - untabled: found, no tabled instance predicts one, and one of the three has no crossing in the tables
 *   (p beyond them, or a row without a crossing), so the curves cannot decide.
 */

export type CellVerdict = "agrees" | "missing" | "fewer" | "unexplained" | "untabled";

export interface TemplateCell {
  readonly model: SecondLayer;
  readonly d: number;
  /** The rows with a negative diagonal entry. */
  readonly negativeRows: number;
  /** The census's minima in this cell. */
  readonly found: number;
  /** The tabled instances that are minima at d, e.g. "a.p3", "b.p17". */
  readonly predictedBy: string[];
  /** The instances whose crossing the tables lack. */
  readonly untabled: string[];
  /** Predicted instances that are one point at d, e.g. "a.p10 = b.p10". */
  readonly coincide: string[];
  /** Predicted instances whose point at d the census lacks, with its loss. */
  readonly missed: { readonly instance: string; readonly loss: number }[];
  readonly verdict: CellVerdict;
}

/** Template instances' points by instance and d (absent: not computed, or the walk failed). */
export type InstancePoints = ReadonlyMap<string, ReadonlyMap<number, InstancePoint>>;

/** Each tabled instance's crossing, by "<template>.p<p>". */
type Crossings = ReadonlyMap<string, TemplateCrossingPoint>;

/** Two losses of one point (the census's 30 digits against a 16-digit walk). */
const sameLoss = (u: number, v: number): boolean => Math.abs(u - v) <= 1e-9 * Math.max(Math.abs(u), Math.abs(v));

/** Whether a tabled instance is a minimum at d (undefined: not tabled). */
function isMinimumAt(crossings: Crossings, template: string, p: number, d: number): boolean | undefined {
  if (p < 1) return false;
  const x = crossings.get(`${template}.p${p}`);
  if (x === undefined) return undefined;
  // The bulk keeps at least two rows (the pattern's range d >= p + 2).
  if (d < p + 2) return false;
  return x.direction === "saddle to minimum" ? d > x.d : d < x.d;
}

interface CountedCell {
  readonly row: CensusSweepRow;
  readonly n: number;
  readonly losses: number[];
  readonly predictedBy: string[];
  readonly untabled: string[];
}

/** The cells (d, n) with a minimum found or predicted, before identification. */
function countedCells(rows: readonly CensusSweepRow[], points: readonly TemplateCrossingPoint[]): CountedCell[] {
  const crossings: Crossings = new Map(points.map((x) => [`${x.template}.p${x.p}`, x]));
  const cells: CountedCell[] = [];
  for (const row of rows) {
    for (let n = 1; n < row.d; n++) {
      const losses = row.mixedMinima.filter((m) => m.n === n).map((m) => m.loss);
      const predictedBy: string[] = [];
      const untabled: string[] = [];
      for (const [t, p] of [["a", n], ["c", n], ["b", row.d - n]] as const) {
        const minimum = isMinimumAt(crossings, t, p, row.d);
        if (minimum === undefined) untabled.push(`${t}.p${p}`);
        else if (minimum) predictedBy.push(`${t}.p${p}`);
      }
      if (losses.length > 0 || predictedBy.length > 0) cells.push({ row, n, losses, predictedBy, untabled });
    }
  }
  return cells;
}

/** The instances whose points must be computed, with the d at which: those of the cells where some but fewer minima were found than predicted. */
export function instancesToIdentify(rows: readonly CensusSweepRow[], points: readonly TemplateCrossingPoint[]): Map<string, number[]> {
  const needed = new Map<string, Set<number>>();
  for (const c of countedCells(rows, points)) {
    if (c.losses.length === 0 || c.losses.length >= c.predictedBy.length) continue;
    for (const instance of c.predictedBy) {
      if (!needed.has(instance)) needed.set(instance, new Set());
      needed.get(instance)!.add(c.row.d);
    }
  }
  return new Map([...needed].map(([instance, ds]) => [instance, [...ds].sort((u, v) => v - u)]));
}

/** The verdict of every cell of every row of the sweep, the instances' losses matching where counts differ. */
export function templateCells(rows: readonly CensusSweepRow[], points: readonly TemplateCrossingPoint[], instances: InstancePoints): TemplateCell[] {
  return countedCells(rows, points).map(({ row, n, losses, predictedBy, untabled }): TemplateCell => {
    const base = { model: row.secondLayer, d: row.d, negativeRows: n, found: losses.length, predictedBy, untabled, coincide: [] as string[], missed: [] as { instance: string; loss: number }[] };
    if (predictedBy.length === 0) return { ...base, verdict: untabled.length > 0 ? "untabled" : "unexplained" };
    if (losses.length === 0) return { ...base, verdict: "missing" };
    if (losses.length >= predictedBy.length) return { ...base, verdict: "agrees" };
    const known = predictedBy.map((instance) => ({ instance, point: instances.get(instance)?.get(row.d) }));
    if (known.some((k) => k.point === undefined || !k.point.minimum)) return { ...base, verdict: "fewer" };
    const coincide: string[] = [];
    const distinct: { instance: string; loss: number }[] = [];
    for (const k of known.map(({ instance, point }) => ({ instance, loss: point!.loss }))) {
      const same = distinct.find((u) => sameLoss(u.loss, k.loss));
      if (same === undefined) distinct.push(k);
      else coincide.push(`${same.instance} = ${k.instance}`);
    }
    const missed = distinct.filter((k) => !losses.some((l) => sameLoss(l, k.loss)));
    return { ...base, coincide, missed, verdict: missed.length > 0 ? "missing" : "agrees" };
  });
}

/** The section of series/census.md: a count per verdict and model, the coincidences, and every cell that is not an agreement or untabled. */
export function templateCellsMarkdown(cells: readonly TemplateCell[]): string[] {
  const lines = [
    "## Against the crossings d*(p) of the templates",
    "",
    "A two-class minimum with n rows of negative diagonal entry (the other class positive) can lie on a.p<n>, c.p<n> or b.p<d-n> (docs/families.md §11). From the tables series/templates.<t>.json (trained model; the crossings of the fixed model are the same, docs/models.md), each tabled instance is a minimum on one side of its d*(p): above for a and b, below for c. Where the census found fewer minima in a cell than instances predict, each instance's point at d is computed (walked from its seed at d = 200, 16 digits) in steps of 10%, its Young blocks say whether it is a minimum, and it is matched to the census's minima by its loss. Per cell (d, n): *agrees* (every predicted instance is a minimum found), *missing* (a predicted instance's minimum is not among those found), *fewer* (fewer found than predicted, and an instance's point could not be computed or its walk reached a saddle: undecided), *unexplained* (found, all three instances tabled, none predicts it), *untabled* (found, and an instance it could lie on has no crossing in the tables: p beyond them, or c at p = 3, 4, 5, which has no crossing).",
    "",
    "| model | cells | agrees | missing | fewer | unexplained | untabled |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  const models = [...new Set(cells.map((c) => c.model))];
  for (const model of models) {
    const own = cells.filter((c) => c.model === model);
    const count = (v: CellVerdict): number => own.filter((c) => c.verdict === v).length;
    lines.push(`| ${model} | ${own.length} | ${count("agrees")} | ${count("missing")} | ${count("fewer")} | ${count("unexplained")} | ${count("untabled")} |`);
  }
  // c.p<n> = b.p<d-n> is the rule (docs/census.md §9): counted with its range of d; any other pair listed.
  const pairs = [...new Map(cells.flatMap((c) => c.coincide.map((x) => [`${x} at d = ${c.d}`, { x, d: c.d }] as const))).values()];
  const isCB = ({ x, d }: { x: string; d: number }): boolean => {
    const m = /^c\.p(\d+) = b\.p(\d+)$/.exec(x);
    return m !== null && Number(m[1]) + Number(m[2]) === d;
  };
  const cb = pairs.filter(isCB);
  const other = pairs.filter((q) => !isCB(q));
  if (cb.length > 0) lines.push("", `Instances found to be one point: c.p<n> = b.p<d-n>, in ${cb.length} cells (d = ${Math.min(...cb.map((q) => q.d))} to ${Math.max(...cb.map((q) => q.d))}).`);
  if (other.length > 0) lines.push("", `Other instances found to be one point: ${other.map((q) => `${q.x} at d = ${q.d}`).join("; ")}.`);
  const odd = cells.filter((c) => c.verdict !== "agrees" && c.verdict !== "untabled");
  lines.push("");
  if (odd.length === 0) {
    lines.push("No cell is missing, fewer or unexplained: wherever the tables decide, the census and the curves agree.");
  } else {
    lines.push("The cells where the census and the curves disagree (a missed minimum is a minimum the census's starts did not reach):", "", "| model | d | n | minima found | instances predicting a minimum | missed (loss) | verdict |", "| --- | --- | --- | --- | --- | --- | --- |");
    for (const c of odd) lines.push(`| ${c.model} | ${c.d} | ${c.negativeRows} | ${c.found} | ${c.predictedBy.join(", ")} | ${c.missed.map((m) => `${m.instance} (${m.loss.toPrecision(10)})`).join(", ")} | ${c.verdict} |`);
  }
  return lines;
}

/** The boundaries d = d*(p) in the (d, n) plane: n = p for a and c, n = d*(p) - p for b (its B rows are positive). */
export function templateBoundaries(points: readonly TemplateCrossingPoint[]): TemplateBoundaryPoint[] {
  return points.map((x) => ({ template: x.template, d: x.d, n: x.template === "b" ? x.d - x.p : x.p }));
}

/** The cells of one model as plot points. */
export function cellPoints(cells: readonly TemplateCell[], model: SecondLayer): CensusCellPoint[] {
  return cells.filter((c) => c.model === model).map((c) => ({ d: c.d, n: c.negativeRows, verdict: c.verdict }));
}
