import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * SVG from a Vega-Lite spec, in Node without a browser: compile to Vega, parse, and render with the
 * headless View (renderer "none") to an SVG string.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vgSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
