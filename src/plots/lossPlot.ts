import type { TopLevelSpec } from "vega-lite";
import { symlogTicks } from "./symlogTicks.js";
import type { FamilySweep } from "./sweep.js";

/**
 * The loss plot (docs/plots.md): the loss of every family's critical point against d, log scales in d
 * symlog in the loss, one line per family.
 */

export interface LossRow {
  readonly family: string;
  readonly d: number;
  readonly loss: number;
}

/** The rows of the loss plot: every sweep point of every family. */
export function lossRows(sweeps: readonly FamilySweep[]): LossRow[] {
  return sweeps.flatMap((s) => s.points.map((pt) => ({ family: s.family, d: pt.d.toNumber(), loss: pt.loss.toNumber() })));
}

/** The Vega-Lite spec of the loss plot. */
export function lossSpec(rows: readonly LossRow[]): TopLevelSpec {
  // Family 1a is the global minimum (loss 0), so the loss axis is symlog, linear below 10^-4.
  const constant = 1e-4;
  const losses = rows.map((r) => r.loss);
  const ticks = symlogTicks(Math.min(0, ...losses), Math.max(0, ...losses), constant);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Loss of each family's critical point against d" },
    width: 640,
    height: 400,
    background: "white",
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: "line", point: { size: 12 }, strokeWidth: 1.5 },
    encoding: {
      x: { field: "d", type: "quantitative", scale: { type: "log", domain: [Math.min(...rows.map((r) => r.d)), Math.max(...rows.map((r) => r.d))] }, title: "d (log scale)" },
      y: { field: "loss", type: "quantitative", scale: { type: "symlog", constant, domain: [Math.min(0, ...losses), Math.max(0, ...losses)], nice: false }, axis: { values: ticks, format: "~g" }, title: "loss (symlog scale, linear below 1e-4)" },
      color: { field: "family", type: "nominal", title: "family", sort: null },
      order: { field: "d", type: "quantitative" },
    },
  } as TopLevelSpec;
}
