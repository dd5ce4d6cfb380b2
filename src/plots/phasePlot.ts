import type { TopLevelSpec } from "vega-lite";

/**
 * The annihilation phase diagrams (docs/annihilation.md §7, docs/plots.md): for each family (a row) and
 * each split branch (a column: neuron class, weights, second layer), the (d, h) plane with the region where
 * the split into 1 + h copies is a minimum (h > 0), the d where the family itself is one (the thick line at
 * h = 0), and the computed crossings (vertical rules, the same for every h).
 */

/** One mark of the plot: a region, a stretch of the line h = 0, or a crossing. */
export interface PhaseRow {
  readonly family: string;
  /** The column, e.g. "bulk, weights (1+h, -1, ..), trained". */
  readonly panel: string;
  readonly kind: "split a minimum" | "family a minimum" | "crossing";
  readonly d: number;
  /** The right end (regions and stretches; equal to d for a crossing). */
  readonly d2: number;
}

/** The Vega-Lite spec: a grid of layered panels, rows families, columns branches. */
export function phaseSpec(rows: readonly PhaseRow[], dRange: readonly [number, number], hMax: number): TopLevelSpec {
  const x = { field: "d", type: "quantitative" as const, scale: { type: "log" as const, domain: [dRange[0], dRange[1]], nice: false }, title: "d (log scale)" };
  const x2 = { field: "d2" };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Where the split of a neuron into 1 + h copies is a minimum (shaded), in the (d, h) plane" },
    background: "white",
    data: { values: rows.map((r) => ({ ...r })) },
    facet: { row: { field: "family", type: "nominal", title: "family", sort: null }, column: { field: "panel", type: "nominal", title: null, sort: null } },
    spec: {
      width: 150,
      height: 90,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'split a minimum'" }],
          mark: { type: "rect", opacity: 0.45 },
          encoding: { x, x2, y: { datum: 0, type: "quantitative", scale: { domain: [0, hMax] }, title: "h (added neurons)" }, y2: { datum: hMax }, color: { field: "kind", type: "nominal", title: null } },
        },
        {
          transform: [{ filter: "datum.kind === 'family a minimum'" }],
          mark: { type: "rule", strokeWidth: 5 },
          encoding: { x, x2, y: { datum: 0, type: "quantitative" }, color: { field: "kind", type: "nominal", title: null } },
        },
        {
          transform: [{ filter: "datum.kind === 'crossing'" }],
          mark: { type: "rule", strokeDash: [4, 3] },
          encoding: { x, y: { datum: 0, type: "quantitative" }, y2: { datum: hMax }, color: { field: "kind", type: "nominal", title: null } },
        },
      ],
    },
    resolve: { scale: { x: "shared", y: "shared" } },
  } as TopLevelSpec;
}
