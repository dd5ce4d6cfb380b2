import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findTemplate } from "../families/templates.js";
import { compareWithFixed, deriveTemplateSeries, specializeAt, type InstanceCheck, type PublishedTerms, type SpecializedSeries } from "../ift/templateSeries.js";
import { templateSeriesData, templateSeriesDocument, type TemplateSeriesData, type TemplateSeriesDocument } from "../output/templateSeriesDocument.js";

/** The package root: series/ holds the committed fixed-p series. */
const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * A template's series with p a symbol to `order`, as plain data, and taken at p = first..pMax (the template's
 * p from its first), for the comparison with the fixed-p series (docs/census.md §7).
 */
export function templateSeriesWork(name: string, order: number, pMax: number, onProgress?: (what: string) => void): { data: TemplateSeriesData; specialized: SpecializedSeries[] } {
  const t = findTemplate(name);
  const { series, field } = deriveTemplateSeries(t, order, onProgress);
  const specialized: SpecializedSeries[] = [];
  for (let p = t.p.min; p <= Math.min(pMax, t.p.max); p++) specialized.push(specializeAt(series, field, p));
  return { data: templateSeriesData(name, series, field.K.domain), specialized };
}

/** The comparisons with series/<name>.p<p>.json under `root` of every p that has a file of the same or a higher order. */
export function instanceChecks(name: string, specialized: readonly SpecializedSeries[], root: string = PACKAGE_ROOT): InstanceCheck[] {
  return specialized.flatMap((s) => {
    const file = join(root, "series", `${name}.p${s.p}.json`);
    if (!existsSync(file)) return [];
    const check = compareWithFixed(s, JSON.parse(readFileSync(file, "utf8")) as PublishedTerms);
    return check === undefined ? [] : [check];
  });
}

/** The largest p whose fixed-p series the command and the library compare with (the committed ones: p = 1..10). */
const CHECKED_P_MAX = 10;

/** `spurious series <template> --p symbolic` and the library's templateSeries: derived, checked against the committed fixed-p series. */
export function templateSeriesAgainstCommitted(name: string, order: number, onProgress?: (what: string) => void): TemplateSeriesDocument {
  const { data, specialized } = templateSeriesWork(name, order, CHECKED_P_MAX, onProgress);
  onProgress?.("comparing with the fixed-p series");
  return templateSeriesDocument(data, instanceChecks(name, specialized));
}
