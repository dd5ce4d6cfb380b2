import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * SVG from a Vega-Lite spec, in Node without a browser: compile to Vega, parse, and render with the
 * headless View (renderer "none") to an SVG string. Vega numbers the clip paths of its SVGs with a counter
 * global to the process; it is reset first, so that a plot is the same bytes whatever was drawn before it
 * in the process (a reproduction draws each family's plot in whichever worker thread is free).
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  vega.resetSVGDefIds();
  const vgSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
