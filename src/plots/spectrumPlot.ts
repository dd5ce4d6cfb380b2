import type { TopLevelSpec } from "vega-lite";
import { symlogTicks } from "./symlogTicks.js";
import type { FamilySweep, SweepCrossing } from "./sweep.js";

/**
 * The spectrum plot of one family (docs/plots.md): every non-gauge block eigenvalue against d, log scale
 * in d, symlog scale in the eigenvalue, one line per eigenvalue coloured by component, a rule at zero and
 * a labelled vertical rule at each crossing.
 */

/** One plotted point: the j-th (ascending, non-gauge) eigenvalue of a component's block at d. */
export interface SpectrumRow {
  readonly d: number;
  readonly component: string;
  /** Position among the component's non-gauge eigenvalues, ascending. */
  readonly index: number;
  /** "component #index": one line per series. */
  readonly series: string;
  readonly eigenvalue: number;
}

/** The rows of the spectrum plot, in the order of the sweep (ascending d, components in block order). */
export function spectrumRows(sweep: FamilySweep): SpectrumRow[] {
  const rows: SpectrumRow[] = [];
  for (const pt of sweep.points) {
    const d = pt.d.toNumber();
    for (const b of pt.blocks) {
      b.values.forEach((v, index) => {
        rows.push({ d, component: b.component.name, index, series: `${b.component.name} #${index}`, eigenvalue: v.toNumber() });
      });
    }
  }
  return rows;
}

/** The label of a crossing rule. */
export function crossingLabel(c: SweepCrossing): string {
  return `d = ${Number(c.d).toPrecision(6)} (${c.irrep})`;
}

/** The Vega-Lite spec of the spectrum plot of `sweep`. */
export function spectrumSpec(sweep: FamilySweep, rows: readonly SpectrumRow[]): TopLevelSpec {
  const dMin = Math.min(...rows.map((r) => r.d));
  const dMax = Math.max(...rows.map((r) => r.d));
  const values = rows.map((r) => r.eigenvalue);
  const ticks = symlogTicks(Math.min(0, ...values), Math.max(0, ...values), 0.01);
  const x = { field: "d", type: "quantitative", scale: { type: "log", domain: [dMin, dMax] }, title: "d (log scale)" } as const;
  const crossings = sweep.crossings.map((c, i) => ({ d: Number(c.d), label: crossingLabel(c), row: i }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: `Family ${sweep.family}: Hessian block eigenvalues against d${sweep.secondLayer === "fixed" ? " (fixed second layer)" : ""}`, subtitle: [sweep.secondLayer === "fixed" ? "the Hessian on W alone (a = 1); one line per eigenvalue, coloured by isotypic component" : "gauge zeros excluded; one line per eigenvalue, coloured by isotypic component", "dashed rules: the crossings (a block eigenvalue through zero)"], anchor: "start" },
    width: 640,
    height: 400,
    background: "white",
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: "rule", color: "#888", strokeWidth: 1 },
        encoding: { y: { field: "zero", type: "quantitative" } },
      },
      {
        data: { values: rows.map((r) => ({ ...r })) },
        mark: { type: "line", point: { size: 12 }, strokeWidth: 1.5, clip: true },
        encoding: {
          x,
          y: { field: "eigenvalue", type: "quantitative", scale: { type: "symlog", constant: 0.01, domain: [Math.min(0, ...values), Math.max(0, ...values)], nice: false }, axis: { values: ticks, format: "~g" }, title: "block eigenvalue (symlog scale)" },
          color: { field: "component", type: "nominal", title: "component", legend: { labelLimit: 0 } },
          detail: { field: "series", type: "nominal" },
          order: { field: "d", type: "quantitative" },
        },
      },
      ...(crossings.length === 0
        ? []
        : [
            {
              data: { values: crossings },
              mark: { type: "rule", color: "black", strokeDash: [4, 3] },
              encoding: { x },
            } as const,
            {
              data: { values: crossings },
              mark: { type: "text", align: "left", baseline: "top", dx: 4, fontSize: 10 },
              encoding: { x, y: { value: 0 }, yOffset: { field: "row", type: "quantitative", scale: { range: [4, 4 + 14 * Math.max(1, crossings.length - 1)] } }, text: { field: "label" } },
            } as const,
          ]),
    ],
  } as TopLevelSpec;
}
