import type { FamilySeries } from "../ift/familySeries.js";
import { modelJson, type StudentModel } from "../model/studentModel.js";
import { latexAlign, markdownTable, seriesTerms, powerOfD, type PublishedQuantity } from "./seriesTables.js";

/** The published forms of a family's series: JSON (exact strings and decimals), Markdown, LaTeX. */
export interface SeriesDocument {
  readonly json: object;
  readonly markdown: string;
  readonly latex: string;
}

/** x1 -> x_{1}: the LaTeX name of a parameter alias. */
export function latexNameOf(alias: string): string {
  const m = /^([a-z]+)(\d+)$/.exec(alias);
  return m === null ? alias : `${m[1]}_{${m[2]}}`;
}

/** The JSON form of a derived family series (`spurious series --json`, series/<family>.json). */
export function seriesJson(s: FamilySeries<unknown>, model: StudentModel) {
  const F = s.field;
  return {
    family: s.family,
    model: modelJson(model),
    variable: "eps = d^(-1/2)",
    order: s.order,
    error: `O(d^(${powerOfD(s.order + 1)}))`,
    field: F.name,
    exact: F.exact,
    ...(F.exact ? {} : { numericNote: "the limit values of this family leave Q(pi): coefficients are numeric, computed at 60 digits" }),
    params: Object.fromEntries(s.params.map((p) => [p.alias, seriesTerms(F, p.series)])),
    loss: seriesTerms(F, s.loss),
  };
}

/** The JSON of `spurious series --json`. */
export type SeriesJson = ReturnType<typeof seriesJson>;

/** Render a derived family series for series/ and for the `series` command. */
export function seriesDocument(s: FamilySeries<unknown>, model: StudentModel): SeriesDocument {
  const F = s.field;
  const quantities: PublishedQuantity<unknown>[] = [
    ...s.params.map((p) => ({ name: p.alias, latexName: latexNameOf(p.alias), series: p.series })),
    { name: "loss", latexName: "L", series: s.loss },
  ];
  const json = seriesJson(s, model);
  const heading = `# Family ${s.family}: series in eps = d^(-1/2), to order d^(${powerOfD(s.order)}) (error O(d^(${powerOfD(s.order + 1)})))`;
  const fieldNote = F.exact
    ? `Coefficients are exact elements of ${F.name}.`
    : "The limit values of this family leave Q(pi): every coefficient is numeric (computed at 60 digits, shown to 30).";
  const markdown = [heading, "", fieldNote, "", markdownTable(F, quantities), ""].join("\n");
  const latex = [`% Family ${s.family}: ${fieldNote}`, latexAlign(F, quantities, s.order), ""].join("\n");
  return { json, markdown, latex };
}
