import { modelJson, modelText } from "../model/studentModel.js";
import { DECIMAL_DIGITS, powerOfD, seriesTerms } from "./seriesTables.js";
import type { EigenvalueSeries, FamilyEigenSeries } from "../eigenseries/eigenSeries.js";
import { componentWithName } from "../representations/componentNames.js";

/**
 * The published forms of a family's eigenvalue series (JSON, Markdown, LaTeX), in the style of
 * src/output/seriesDocument.ts. (Belongs in src/output/; kept here while that folder is edited elsewhere.)
 */
export interface EigenSeriesDocument {
  readonly json: object;
  readonly markdown: string;
  readonly latex: string;
}

function latexSeries(e: EigenvalueSeries, order: number): string {
  if (e.gauge) return "0 \\quad \\text{(gauge)}";
  const F = e.field;
  const terms: string[] = [];
  for (let k = e.series.val; !e.series.isZero() && k < e.series.prec; k++) {
    const c = e.series.coeff(k);
    if (F.isZero(c)) continue;
    let text = e.exact ? F.toLatex(c) : F.toDecimal(c, DECIMAL_DIGITS).toString();
    const negative = text.startsWith("-");
    if (negative) text = text.slice(1);
    const p = powerOfD(k);
    const power = p === "0" ? "" : `d^{${p}}`;
    const factor = power === "" ? text : text === "1" ? power : `${/[+-]/.test(text.slice(1)) ? `\\left(${text}\\right)` : text}\\,${power}`;
    terms.push(`${negative ? (terms.length === 0 ? "-" : " - ") : terms.length === 0 ? "" : " + "}${factor}`);
  }
  return `${terms.length === 0 ? "0" : terms.join("")} + O\\!\\left(d^{${powerOfD(Math.min(order + 1, e.series.prec))}}\\right)${e.exact ? "" : " \\quad \\text{(numeric)}"}`;
}

/** The JSON form of a family's eigenvalue series (`spurious eigen-series --json`, series/<family>.eigen.json). */
export function eigenSeriesJson(r: FamilyEigenSeries) {
  return {
    family: r.family,
    model: modelJson(r.model),
    variable: "eps = d^(-1/2)",
    order: r.order,
    error: `O(d^(${powerOfD(r.order + 1)}))`,
    field: r.field.name,
    familyOrder: r.familyOrder,
    components: r.components.map((c) => ({
      irrep: c.component.name,
      dimensionFormula: c.dimensionFormula,
      ...(c.unresolved === undefined ? {} : { unresolved: c.unresolved }),
      eigenvalues: c.eigenvalues.map((e) => ({
        exact: e.exact,
        gauge: e.gauge,
        terms: e.gauge ? [] : seriesTerms(e.field, e.series),
        // A fitted eigenvalue whose coefficients stop short of the order has its own error term.
        ...(e.gauge || e.series.prec > r.order ? {} : { error: `O(d^(${powerOfD(e.series.prec)}))` }),
      })),
    })),
  };
}

/** The JSON of `spurious eigen-series --json`. */
export type EigenSeriesJson = ReturnType<typeof eigenSeriesJson>;

/** Render eigenvalue series for the `eigen-series` command. */
export function eigenSeriesDocument(r: FamilyEigenSeries): EigenSeriesDocument {
  const json = eigenSeriesJson(r);
  const heading = `# Family ${r.family} (${modelText(r.model)}): Hessian eigenvalues as series in eps = d^(-1/2), to order d^(${powerOfD(r.order)}) (error O(d^(${powerOfD(r.order + 1)})))`;
  const note = r.fitted === undefined
    ? `Exact coefficients lie in ${r.field.name}; eigenvalues marked numeric have leading terms outside it (computed at 60 digits, shown to ${DECIMAL_DIGITS}). Each eigenvalue has the multiplicity of its component.`
    : `${r.fitted} Each eigenvalue has the multiplicity of its component.`;
  const rows = ["| component | multiplicity | eigenvalue | exact | power of d | coefficient | decimal |", "| --- | --- | --- | --- | --- | --- | --- |"];
  for (const c of r.components) {
    const name = componentWithName(c.component.name);
    if (c.unresolved !== undefined) rows.push(`| ${name} | ${c.dimensionFormula} | unresolved | | | ${c.unresolved.replace(/\|/g, "\\|")} | |`);
    c.eigenvalues.forEach((e, i) => {
      if (e.gauge) {
        rows.push(`| ${name} | ${c.dimensionFormula} | ${i + 1} (gauge) | yes | | 0 | 0 |`);
        return;
      }
      const terms = seriesTerms(e.field, e.series);
      if (terms.length === 0) rows.push(`| ${name} | ${c.dimensionFormula} | ${i + 1} | ${e.exact ? "yes" : "numeric"} | | 0 | 0 |`);
      for (const t of terms) rows.push(`| ${name} | ${c.dimensionFormula} | ${i + 1} | ${e.exact ? "yes" : "numeric"} | ${t.power} | ${t.exact === null ? "numeric" : `\`${t.exact}\``} | ${t.decimal} |`);
    });
  }
  const markdown = [heading, "", note, "", rows.join("\n"), ""].join("\n");
  const lines: string[] = [];
  for (const c of r.components) {
    if (c.unresolved !== undefined) lines.push(`  % ${c.component.name}: unresolved (${c.unresolved})`);
    c.eigenvalues.forEach((e, i) => lines.push(`  \\lambda_{${i + 1}}^{${c.component.name.replace(/ x /g, "\\otimes ")}} &= ${latexSeries(e, r.order)} && \\text{mult. } ${c.dimensionFormula}`));
  }
  const latex = [`% Family ${r.family}: ${note}`, "\\begin{align}", lines.join(" \\\\\n"), "\\end{align}", ""].join("\n");
  return { json, markdown, latex };
}
