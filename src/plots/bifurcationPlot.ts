import type { TopLevelSpec } from "vega-lite";
import type { BifurcationJson } from "../output/bifurcationDocument.js";
import { symlogTicks } from "./symlogTicks.js";

/**
 * The bifurcation diagram of a family (docs/plots.md, docs/bifurcation.md §5): the loss minus the family's
 * loss against d, the family itself (the line at zero) and every branch computed at its crossings, coloured
 * by isotropy, solid where the curve is a minimum (index 0) and dashed where it is a saddle, with a labelled
 * vertical rule at each crossing d*. Built from the JSON document, so the command, the library and the
 * reproduction draw the same bytes.
 */

export type Stability = "minimum" | "saddle";

/** One plotted point; consecutive rows of one `segment` are joined by a line. */
export interface BifurcationRow {
  readonly d: number;
  /** Loss minus the family's loss at the same d (0 on the family). */
  readonly value: number;
  readonly isotropy: string;
  readonly stability: Stability;
  /** The curve (family or branch) and the piece of it with one stability. */
  readonly segment: string;
}

interface CurvePoint {
  readonly d: number;
  readonly value: number;
  /** Undefined at d*, where the branch meets the family (its stability is that of the edge). */
  readonly stability?: Stability;
}

/**
 * Cut a curve (points ascending in d) into pieces of one stability: an edge takes the stability of its
 * endpoint other than d* (or, when both have one, of the endpoint farther from d*); the point where the
 * stability changes ends one piece and starts the next.
 */
function pieces(curve: string, isotropy: string, points: readonly CurvePoint[], dStar: number): BifurcationRow[] {
  const rows: BifurcationRow[] = [];
  let piece = 0;
  let current: Stability | undefined;
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1]!;
    const q = points[i]!;
    const far = Math.abs(q.d - dStar) >= Math.abs(p.d - dStar) ? q : p;
    const edge = far.stability ?? (far === q ? p : q).stability ?? "saddle";
    if (edge !== current) {
      if (current !== undefined) piece++;
      current = edge;
      rows.push({ d: p.d, value: p.value, isotropy, stability: edge, segment: `${curve} #${piece}` });
    }
    rows.push({ d: q.d, value: q.value, isotropy, stability: edge, segment: `${curve} #${piece}` });
  }
  return rows;
}

/** The rows of the diagram: the family's stretches, then each branch with its crossing point added. */
export function bifurcationRows(doc: BifurcationJson): BifurcationRow[] {
  const rows: BifurcationRow[] = doc.stability.flatMap((t, i) => {
    const stability: Stability = t.minimum ? "minimum" : "saddle";
    const segment = `family ${doc.family} #${i}`;
    return [Number(t.from), Number(t.to)].map((d) => ({ d, value: 0, isotropy: doc.isotropy, stability, segment }));
  });
  for (const c of doc.crossings) {
    const dStar = Number(c.d);
    c.branches.forEach((b, j) => {
      const points: CurvePoint[] = b.points.map((p) => ({ d: Number(p.d), value: Number(p.lossMinusFamily), stability: Number(p.index) === 0 ? "minimum" : "saddle" }));
      points.push({ d: dStar, value: 0 });
      points.sort((u, v) => u.d - v.d);
      rows.push(...pieces(`branch ${j} at d* = ${dStar.toPrecision(6)}`, b.isotropy, points, dStar));
    });
  }
  return rows;
}

/** The label of a crossing rule: d* to 6 digits and the carrying component. */
function starLabel(d: string, component: string): string {
  return `d* = ${Number(d).toPrecision(6)} (${component})`;
}

/** The Vega-Lite spec of the diagram of `doc` from its rows. */
export function bifurcationSpec(doc: BifurcationJson, rows: readonly BifurcationRow[]): TopLevelSpec {
  const values = rows.map((r) => r.value);
  // Linear within 1e-6 of zero, where the branches leave the family; logarithmic beyond.
  const constant = 1e-6;
  const ticks = symlogTicks(Math.min(0, ...values), Math.max(0, ...values), constant);
  const x = { field: "d", type: "quantitative", scale: { type: "log", domain: [Math.min(...rows.map((r) => r.d)), Math.max(...rows.map((r) => r.d))] }, title: "d (log scale)" } as const;
  const stars = doc.crossings.map((c, i) => ({ d: Number(c.d), label: starLabel(c.d, c.component), row: i }));
  const model = doc.model.secondLayer === "fixed" ? " (fixed second layer)" : "";
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `Family ${doc.family}${model}: the branches bifurcating at its crossings`,
      subtitle: ["loss minus the family's loss against d; the family is the line at zero", "solid: minimum (index 0), dashed: saddle; dashed rules: the crossings d*"],
      anchor: "start",
    },
    width: 640,
    height: 400,
    background: "white",
    layer: [
      {
        data: { values: rows.map((r) => ({ ...r })) },
        mark: { type: "line", point: { size: 10 }, strokeWidth: 1.5, clip: true },
        encoding: {
          x,
          y: { field: "value", type: "quantitative", scale: { type: "symlog", constant, domain: [Math.min(0, ...values), Math.max(0, ...values)], nice: false }, axis: { values: ticks, format: "~g" }, title: "loss - family's loss (symlog scale, linear below 1e-6)" },
          color: { field: "isotropy", type: "nominal", title: "isotropy", sort: null, legend: { labelLimit: 0 } },
          strokeDash: { field: "stability", type: "nominal", title: "stability", scale: { domain: ["minimum", "saddle"], range: [[1, 0], [6, 4]] } },
          detail: { field: "segment", type: "nominal" },
          order: { field: "d", type: "quantitative" },
        },
      },
      ...(stars.length === 0
        ? []
        : [
            { data: { values: stars }, mark: { type: "rule", color: "black", strokeDash: [2, 3] }, encoding: { x } } as const,
            {
              data: { values: stars },
              mark: { type: "text", align: "left", baseline: "top", dx: 4, fontSize: 10 },
              encoding: { x, y: { value: 0 }, yOffset: { field: "row", type: "quantitative", scale: { range: [4, 4 + 14 * Math.max(1, stars.length - 1)] } }, text: { field: "label" } },
            } as const,
          ]),
    ],
  } as unknown as TopLevelSpec;
}
