import { join } from "node:path";
import { templateCrossingTable } from "../crossing/templateCrossing.js";
import { templateFamily } from "../families/template.js";
import { findTemplate } from "../families/templates.js";
import { templateTableJson, templateTableMarkdown } from "../output/templateTableDocument.js";
import type { TemplateCrossingPoint } from "../plots/templateCrossingPlot.js";
import type { ReproduceConfig } from "./config.js";

/** The table of d*(p) of one template, series/templates.<name>.json and .md, and its points for the plot (docs/census.md §7). */
export function templateStep(name: string, c: ReproduceConfig, progress: (text: string) => void): { files: Map<string, string>; outcome: TemplateCrossingPoint[] } {
  const t = findTemplate(name);
  const ps: number[] = [];
  for (let p = t.p.min; p <= Math.min(t.p.max, c.templates.pMax); p++) ps.push(p);
  const model = { secondLayer: "trained" as const, widthOffset: 0 };
  const rows = templateCrossingTable((p) => templateFamily(t, p), ps, { digits: c.templates.digits, model, onProgress: progress });
  const json = templateTableJson(name, model, c.templates.digits, rows);
  return {
    files: new Map([
      [join("series", `templates.${name}.json`), `${JSON.stringify(json, null, 2)}\n`],
      [join("series", `templates.${name}.md`), templateTableMarkdown(json)],
    ]),
    outcome: rows.flatMap((r) => (r.crossing === undefined ? [] : [{ template: name, p: r.p, d: Number(r.crossing.d), direction: r.crossing.direction }])),
  };
}
