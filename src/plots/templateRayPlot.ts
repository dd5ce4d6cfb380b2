import type { TopLevelSpec } from "vega-lite";

/** One point of the plot of the loss limit along p = alpha d against alpha (docs/plots.md). */
export interface RayLimitPoint {
  readonly template: string;
  readonly alpha: number;
  readonly loss: number;
}

/** The Vega-Lite spec of the loss limit against alpha, one line per template (series/plots/templates-rays-loss.svg). */
export function templateRaySpec(points: readonly RayLimitPoint[]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Loss as d -> infinity along p = alpha d, each template" },
    width: 640,
    height: 400,
    background: "white",
    data: { values: points.map((r) => ({ ...r })) },
    mark: { type: "line", point: { size: 30 }, strokeWidth: 1.5 },
    encoding: {
      x: { field: "alpha", type: "quantitative", title: "alpha = p / d", scale: { domain: [0, 0.5] } },
      y: { field: "loss", type: "quantitative", title: "limit of the loss", scale: { zero: true } },
      color: { field: "template", type: "nominal", title: "template", sort: null },
      order: { field: "alpha", type: "quantitative" },
    },
  } as TopLevelSpec;
}
