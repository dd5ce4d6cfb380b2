import { join } from "node:path";
import { templateRay } from "../crossing/templateRay.js";
import { TEMPLATES } from "../families/templates.js";
import { templateRaysJson, templateRaysMarkdown } from "../output/templateRayDocument.js";
import { renderSvg } from "../plots/render.js";
import { templateRaySpec } from "../plots/templateRayPlot.js";
import type { ReproduceConfig } from "./config.js";

/** The start of a ray p = d / k: the instance at p0 with d = k p0 near 80, inside the template's range of p. */
function startP(t: (typeof TEMPLATES)[number], k: number): number {
  return Math.min(t.p.max, Math.max(t.p.min, Math.round(80 / k)));
}

/**
 * Every template along p = d / k for the configured k (docs/census.md §8): series/templates.rays.json, .md and
 * series/plots/templates-rays-loss.svg (the loss limit against alpha = 1/k).
 */
export async function rayStep(c: ReproduceConfig, progress: (text: string) => void): Promise<{ files: Map<string, string>; outcome: number }> {
  const rays = TEMPLATES.flatMap((t) => c.rays.ks.map((k) => templateRay(t, k, { top: c.rays.top, digits: c.rays.digits, p0: startP(t, k), onProgress: (text) => progress(`${t.name}, p = d/${k}: ${text}`) })));
  const json = templateRaysJson(rays, c.rays.digits);
  const points = json.rays.flatMap((r) => (r.limits?.loss == null ? [] : [{ template: r.template, alpha: 1 / Number(r.alpha.slice(2)), loss: Number(r.limits.loss.value) }]));
  return {
    files: new Map([
      [join("series", "templates.rays.json"), `${JSON.stringify(json, null, 2)}\n`],
      [join("series", "templates.rays.md"), templateRaysMarkdown(json)],
      [join("series", "plots", "templates-rays-loss.svg"), await renderSvg(templateRaySpec(points))],
    ]),
    outcome: rays.length,
  };
}
