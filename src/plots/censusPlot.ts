import type { TopLevelSpec } from "vega-lite";

/**
 * The plots of the census sweep (docs/census.md §7, series/census.md): the number of minima against d, and
 * the range of p (rows with a negative diagonal entry) of the two-class minima against d, one line per model.
 */

/** One d of one model: its number of minima and the least and largest p of its two-class minima. */
export interface CensusPlotRow {
  readonly model: string;
  readonly d: number;
  readonly minima: number;
  readonly pMin: number | null;
  readonly pMax: number | null;
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

/** The range of p of the two-class minima against d: a band from the least to the largest p. */
export function censusPRangeSpec(rows: readonly CensusPlotRow[]): TopLevelSpec {
  const values = rows.filter((r) => r.pMin !== null).map((r) => ({ model: r.model, d: r.d, pMin: r.pMin, pMax: r.pMax }));
  return {
    ...BASE,
    title: { text: "Rows with a negative diagonal entry (p) of the two-class minima against d: least to largest" },
    data: { values },
    layer: [
      { mark: { type: "area", opacity: 0.25 }, encoding: { x: { field: "d", type: "quantitative", title: "d" }, y: { field: "pMin", type: "quantitative", title: "p (rows with a negative diagonal entry)" }, y2: { field: "pMax" }, color: { field: "model", type: "nominal", title: "second layer" } } },
      { mark: { type: "line", point: { size: 10 } }, encoding: { x: { field: "d", type: "quantitative" }, y: { field: "pMax", type: "quantitative" }, color: { field: "model", type: "nominal" }, order: { field: "d", type: "quantitative" } } },
    ],
  } as TopLevelSpec;
}
