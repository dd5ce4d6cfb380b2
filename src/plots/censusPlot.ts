import type { TopLevelSpec } from "vega-lite";

/**
 * The plots of the census sweep (docs/census.md §9, series/census.md): the number of minima against d, and
 * the two-class minima in the (d, n) plane beside the templates' crossing curves.
 */

/** One d of one model: its number of minima. */
export interface CensusPlotRow {
  readonly model: string;
  readonly d: number;
  readonly minima: number;
}

/** One cell (d, n) of the comparison with the templates (docs/census.md §9), n the rows with a negative diagonal entry. */
export interface CensusCellPoint {
  readonly d: number;
  readonly n: number;
  /** agrees, missing, unexplained or untabled. */
  readonly verdict: string;
}

/** A point of a template's boundary in the (d, n) plane: d = d*(p), n the negative rows of its instance at p. */
export interface TemplateBoundaryPoint {
  readonly template: string;
  readonly d: number;
  readonly n: number;
}

const BASE = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", width: 640, height: 360, background: "white" } as const;

/** The number of minima against d. */
export function censusMinimaSpec(rows: readonly CensusPlotRow[]): TopLevelSpec {
  return {
    ...BASE,
    title: { text: "Minima found by the census (at most two classes) against d" },
    data: { values: rows.map((r) => ({ model: r.model, d: r.d, minima: r.minima })) },
    mark: { type: "line", point: { size: 14 }, strokeWidth: 1.5 },
    encoding: {
      x: { field: "d", type: "quantitative", title: "d" },
      y: { field: "minima", type: "quantitative", title: "number of minima (up to S_d x S_d)" },
      color: { field: "model", type: "nominal", title: "second layer" },
      order: { field: "d", type: "quantitative" },
    },
  } as TopLevelSpec;
}

/**
 * The two-class minima of one model in the (d, n) plane (n: rows with a negative diagonal entry), coloured by
 * their verdict against the templates, a cross where a template predicts a minimum the census lacks, and the
 * templates' boundaries d = d*(p): n = p for a and c, n = d*(p) - p for b.
 */
export function censusPSpec(model: string, cells: readonly CensusCellPoint[], boundaries: readonly TemplateBoundaryPoint[]): TopLevelSpec {
  const x = { field: "d", type: "quantitative", title: "d" };
  const y = { field: "n", type: "quantitative", title: "n (rows with a negative diagonal entry)" };
  return {
    ...BASE,
    height: 480,
    title: { text: `Two-class minima (${model} second layer) and the templates' crossings d*(p)` },
    layer: [
      {
        data: { values: boundaries.map((b) => ({ ...b })) },
        mark: { type: "line", strokeWidth: 1.2, strokeDash: [4, 3] },
        encoding: { x, y, detail: { field: "template" }, strokeDash: { field: "template", type: "nominal", title: "d*(p) of template" }, order: { field: "d", type: "quantitative" } },
      },
      {
        data: { values: cells.map((c) => ({ ...c })) },
        mark: { type: "point", size: 12, filled: true },
        encoding: { x, y, color: { field: "verdict", type: "nominal", title: "against the templates" }, shape: { field: "verdict", type: "nominal" } },
      },
    ],
  } as TopLevelSpec;
}
