import type { TopLevelSpec } from "vega-lite";

/** One point of the d*(p) plot (docs/plots.md). */
export interface TemplateCrossingPoint {
  readonly template: string;
  readonly p: number;
  readonly d: number;
  /** The side of d*(p) on which the instance is a minimum: above ("saddle to minimum") or below. */
  readonly direction: "saddle to minimum" | "minimum to saddle";
}

/** The Vega-Lite spec of d*(p) against p, one line per template (series/plots/templates-crossing.svg). */
export function templateCrossingSpec(points: readonly TemplateCrossingPoint[]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "d*(p): where each template's instance at p changes between saddle and minimum (a, b: a minimum above; c: below)" },
    width: 640,
    height: 400,
    background: "white",
    data: { values: points.map((r) => ({ ...r })) },
    mark: { type: "line", point: { size: 16 }, strokeWidth: 1.5 },
    encoding: {
      x: { field: "p", type: "quantitative", title: "p (rows of class B)" },
      y: { field: "d", type: "quantitative", title: "d*(p)" },
      color: { field: "template", type: "nominal", title: "template", sort: null },
      order: { field: "p", type: "quantitative" },
    },
  } as TopLevelSpec;
}
