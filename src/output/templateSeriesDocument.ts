import type { FamilySeries } from "../ift/familySeries.js";
import type { InstanceCheck } from "../ift/templateSeries.js";
import { latexNameOf } from "./seriesDocument.js";
import { latexAlignOfTerms, powerOfD } from "./seriesTables.js";

/**
 * A template's series with p a symbol as plain data (it crosses worker threads): the nonzero terms of each
 * quantity, power of d with the exact coefficient as text and as LaTeX (docs/census.md §7).
 */
export interface TemplateSeriesData {
  readonly template: string;
  readonly order: number;
  readonly field: string;
  /** The integers p at which the signs the derivation decided were checked (the class comment of RationalFunctionField). */
  readonly pDomain: { readonly min: number; readonly max: number };
  readonly quantities: readonly { readonly name: string; readonly latexName: string; readonly terms: readonly { power: string; exact: string; latex: string }[] }[];
}

export function templateSeriesData(template: string, s: FamilySeries<unknown>, pDomain: { min: number; max: number }): TemplateSeriesData {
  const F = s.field;
  const quantities = [...s.params.map((q) => ({ name: q.alias, series: q.series })), { name: "loss", series: s.loss }].map(({ name, series }) => {
    const terms: { power: string; exact: string; latex: string }[] = [];
    for (let k = series.val; !series.isZero() && k < series.prec; k++) {
      const c = series.coeff(k);
      if (!F.isZero(c)) terms.push({ power: powerOfD(k), exact: F.toString(c), latex: F.toLatex(c) });
    }
    return { name, latexName: name === "loss" ? "L" : latexNameOf(name), terms };
  });
  return { template, order: s.order, field: F.name, pDomain, quantities };
}

/** The published forms of a template's series with p a symbol (series/<template>.p.json, .md, .tex). */
export interface TemplateSeriesDocument {
  readonly json: TemplateSeriesJson;
  readonly markdown: string;
  readonly latex: string;
}

/**
 * The JSON of `spurious series <template> --p symbolic --json`: the coefficients as exact texts in p and pi
 * (mathjs syntax, sqrt(p) for the square root of p), and the checks against the fixed-p series.
 */
export function templateSeriesJson(data: TemplateSeriesData, checks: readonly InstanceCheck[]) {
  const terms = (name: string) => data.quantities.find((q) => q.name === name)!.terms.map((t) => ({ power: t.power, exact: t.exact }));
  return {
    template: data.template,
    variable: "eps = d^(-1/2)",
    order: data.order,
    error: `O(d^(${powerOfD(data.order + 1)}))`,
    field: data.field,
    exact: true,
    validFor: `every integer p = ${data.pDomain.min} to ${data.pDomain.max}, where the signs the derivation decided hold (docs/census.md §7)`,
    params: Object.fromEntries(data.quantities.filter((q) => q.name !== "loss").map((q) => [q.name, terms(q.name)])),
    loss: terms("loss"),
    checks: checks.map((c) => ({ p: c.p, compared: c.compared, agree: c.mismatches.length === 0, mismatches: c.mismatches })),
  };
}

export type TemplateSeriesJson = ReturnType<typeof templateSeriesJson>;

export function templateSeriesDocument(data: TemplateSeriesData, checks: readonly InstanceCheck[]): TemplateSeriesDocument {
  const json = templateSeriesJson(data, checks);
  const heading = `# Template ${data.template}: series in eps = d^(-1/2) with coefficients functions of p, to order d^(${powerOfD(data.order)}) (error O(d^(${powerOfD(data.order + 1)})))`;
  const note = `Coefficients are exact elements of ${data.field}, valid for ${json.validFor}.`;
  const rows = ["| quantity | power of d | coefficient |", "| --- | --- | --- |"];
  for (const q of data.quantities) {
    if (q.terms.length === 0) rows.push(`| ${q.name} | | 0 |`);
    for (const t of q.terms) rows.push(`| ${q.name} | ${t.power} | \`${t.exact}\` |`);
  }
  const checkLines =
    checks.length === 0
      ? ["", "Not checked: no fixed-p series of the same or a higher order was found."]
      : [
          "",
          `Taken at p and compared with the fixed-p series series/${data.template}.p<p>.json, every coefficient exactly:`,
          "",
          "| p | coefficients compared | agree |",
          "| --- | --- | --- |",
          ...checks.map((c) => `| ${c.p} | ${c.compared} | ${c.mismatches.length === 0 ? "yes" : `no (${c.mismatches.length} differ)`} |`),
        ];
  const markdown = [heading, "", note, "", rows.join("\n"), ...checkLines, ""].join("\n");
  const latex = [`% Template ${data.template}: ${note}`, latexAlignOfTerms(data.quantities, data.order), ""].join("\n");
  return { json, markdown, latex };
}
