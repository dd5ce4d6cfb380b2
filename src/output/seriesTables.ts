import type { Field } from "../numbers/field.js";
import type { Series } from "../series/series.js";

/** Significant digits of the decimal column of every series table. */
export const DECIMAL_DIGITS = 30;

/** One term c * eps^k = c * d^(-k/2) of a published series. */
export interface SeriesTerm {
  /** The exponent of d, e.g. "-3/2". */
  readonly power: string;
  /** The exact coefficient in Q(pi) (mathjs syntax), or null when the coefficient is numeric. */
  readonly exact: string | null;
  readonly decimal: string;
}

/** The exponent of d of eps^k, eps = d^(-1/2): "-k/2" in lowest terms. */
export function powerOfD(k: number): string {
  if (k === 0) return "0";
  return k % 2 === 0 ? `${-k / 2}` : `${-k}/2`;
}

/** seriesTerms of each series already shown (the JSON, Markdown of a family show the same terms). */
const shownTerms = new WeakMap<Series<unknown>, { readonly F: Field<unknown>; readonly terms: readonly SeriesTerm[] }>();

/**
 * The nonzero known terms of a series, eps^0 .. eps^(prec-1). The exact and decimal forms of a series'
 * terms are computed once (series are immutable) and shared by the documents that show them.
 */
export function seriesTerms<T>(F: Field<T>, s: Series<T>): SeriesTerm[] {
  const shown = shownTerms.get(s as Series<unknown>);
  if (shown !== undefined && shown.F === F) return [...shown.terms];
  const terms = termsOf(F, s);
  shownTerms.set(s as Series<unknown>, { F: F as Field<unknown>, terms: [...terms] });
  return terms;
}

function termsOf<T>(F: Field<T>, s: Series<T>): SeriesTerm[] {
  const terms: SeriesTerm[] = [];
  if (s.isZero()) return terms;
  for (let k = s.val; k < s.prec; k++) {
    const c = s.coeff(k);
    if (F.isZero(c)) continue;
    terms.push({
      power: powerOfD(k),
      exact: F.exact ? F.toString(c) : null,
      decimal: F.toDecimal(c, DECIMAL_DIGITS).toString(),
    });
  }
  return terms;
}

function latexPower(power: string): string {
  if (power === "0") return "";
  return `d^{${power}}`;
}

/** A term in LaTeX, given the coefficient's LaTeX (or its decimal digits). */
function latexTerm(coefficient: string, power: string, first: boolean): string {
  const negative = coefficient.startsWith("-");
  const body = negative ? coefficient.slice(1) : coefficient;
  const sign = negative ? "-" : first ? "" : "+";
  const p = latexPower(power);
  const factor = p === "" ? body : body === "1" ? p : `${/[+-]/.test(body.slice(1)) ? `\\left(${body}\\right)` : body}\\,${p}`;
  return `${first ? sign : ` ${sign} `}${factor}`;
}

export interface PublishedQuantity<T> {
  readonly name: string;
  readonly latexName: string;
  readonly series: Series<T>;
}

/** A LaTeX align block, one line per quantity, with the error term O(d^(-(order+1)/2)). */
export function latexAlign<T>(F: Field<T>, quantities: readonly PublishedQuantity<T>[], order: number): string {
  return latexAlignOfTerms(
    quantities.map((q) => {
      const terms: { power: string; latex: string }[] = [];
      for (let k = q.series.val; !q.series.isZero() && k < q.series.prec; k++) {
        const c = q.series.coeff(k);
        if (F.isZero(c)) continue;
        terms.push({ power: powerOfD(k), latex: F.exact ? F.toLatex(c) : F.toDecimal(c, DECIMAL_DIGITS).toString() });
      }
      return { latexName: q.latexName, terms };
    }),
    order,
  );
}

/** latexAlign from the terms' LaTeX texts (power of d, coefficient), one line per quantity. */
export function latexAlignOfTerms(quantities: readonly { latexName: string; terms: readonly { power: string; latex: string }[] }[], order: number): string {
  const lines = quantities.map((q) => {
    const body = q.terms.length === 0 ? "0" : q.terms.map((t, i) => latexTerm(t.latex, t.power, i === 0)).join("");
    return `  ${q.latexName} &= ${body} + O\\!\\left(d^{${powerOfD(order + 1)}}\\right)`;
  });
  return ["\\begin{align}", lines.join(" \\\\\n"), "\\end{align}"].join("\n");
}

/** A Markdown table: quantity, power of d, exact coefficient, decimal value. */
export function markdownTable<T>(F: Field<T>, quantities: readonly PublishedQuantity<T>[]): string {
  const rows = ["| quantity | power of d | exact coefficient | decimal |", "| --- | --- | --- | --- |"];
  for (const q of quantities) {
    const terms = seriesTerms(F, q.series);
    if (terms.length === 0) rows.push(`| ${q.name} | | 0 | 0 |`);
    for (const t of terms) rows.push(`| ${q.name} | ${t.power} | ${t.exact === null ? "numeric" : `\`${t.exact}\``} | ${t.decimal} |`);
  }
  return rows.join("\n");
}
