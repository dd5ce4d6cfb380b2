import type { Decimal } from "decimal.js";
import type { Annihilation } from "../annihilation/annihilation.js";
import type { Embedding } from "../annihilation/embeddings.js";
import { modelJson } from "../model/studentModel.js";
import type { SplitSeries } from "../annihilation/splitSeries.js";
import type { EigenvalueSeries } from "../eigenseries/eigenSeries.js";
import { powerOfD, seriesTerms } from "./seriesTables.js";

/**
 * The JSON document of `spurious annihilation` (docs/annihilation.md §6): numbers of the derivation as
 * decimal strings (20 significant digits; the arrays of the embedded points and directions too).
 */

const DIGITS = 20;

function text(x: Decimal): string {
  return x.toSignificantDigits(DIGITS).toString();
}

function arrays(p: { W: Decimal[][]; a: Decimal[] }): { W: string[][]; a: string[] } {
  return { W: p.W.map((r) => r.map(text)), a: p.a.map(text) };
}

function embeddingJson(e: Embedding) {
  return {
    kind: e.kind,
    class: e.class,
    t: e.t,
    neurons: e.neurons,
    verdict: e.verdict,
    order: e.order,
    reason: e.reason,
    inertia: e.inertia,
    point: arrays(e.point),
    direction: e.direction === null ? null : arrays(e.direction),
    step: e.step,
    lossDecrease: e.lossDecrease === null ? null : text(e.lossDecrease),
    predictedDecrease: e.predictedDecrease === null ? null : text(e.predictedDecrease),
  };
}

/** An eigenvalue series as text: exact coefficients as they are, numeric ones to 10 digits and marked. */
export function eigenvalueSeriesText(e: EigenvalueSeries): string {
  if (e.exact) return e.series.toString();
  const s = e.series;
  const terms: string[] = [];
  for (let k = s.val; k < s.prec; k++) if (!e.field.isZero(s.coeff(k))) terms.push(`${e.field.toDecimal(s.coeff(k), 10).toString()}*eps^${k}`);
  return `${terms.length === 0 ? "0" : terms.join(" + ")} + O(eps^${s.prec}) (numeric)`;
}

/** The split test's eigenvalue series of one class (exact terms where the field is exact, else numeric). */
function splitSeriesJson(s: SplitSeries) {
  return {
    variable: "eps = d^(-1/2)",
    order: s.order,
    error: `O(d^(${powerOfD(s.order + 1)}))`,
    familyOrder: s.familyOrder,
    components: s.components.map((c) => ({
      component: c.name,
      dimensionFormula: c.dimensionFormula,
      ...(c.unresolved === undefined ? {} : { unresolved: c.unresolved }),
      eigenvalues: c.eigenvalues.map((e) => ({ exact: e.exact, terms: seriesTerms(e.field, e.series) })),
    })),
  };
}

export function annihilationJson(r: Annihilation) {
  return {
    family: r.family,
    model: modelJson(r.model),
    d: r.d,
    neurons: r.neurons,
    loss: text(r.loss),
    familyHessian: {
      inertia: { negative: r.familyInertia.negative.toFixed(), zero: r.familyInertia.zero.toFixed(), positive: r.familyInertia.positive.toFixed() },
      gaugeZeros: r.familyInertia.gaugeZeros.toFixed(),
      minimum: r.familyIsMinimum,
    },
    euler: { maxAbsGAtNeurons: text(r.euler.neuronResidual), sumGAtTeacherRows: text(r.euler.teacherSum), minusTwiceLoss: text(r.euler.twiceLoss.neg()) },
    minG: {
      value: text(r.minG.value),
      direction: r.minG.direction,
      fullSearch: r.minG.full === undefined ? null : { d: r.minG.full.d, starts: r.minG.full.starts, value: r.minG.full.value, agrees: r.minG.full.agrees },
    },
    maxG: r.maxG === undefined ? null : { value: text(r.maxG.value), direction: r.maxG.direction },
    splits: r.splits.map((s) => ({
      class: s.class,
      weight: s.weight.toString(),
      eigenvalues: s.components.map((c) => ({ component: c.name, dimension: c.dimension.toFixed(), dimensionFormula: c.dimensionFormula, values: c.eigenvalues.map(text) })),
      least: text(s.least),
      greatest: text(s.greatest),
      tRange: s.tRange,
      verdict: s.verdict,
      series: r.splitSeries === undefined ? null : splitSeriesJson(r.splitSeries.find((x) => x.class === s.class)!),
    })),
    embeddings: r.embeddings.map(embeddingJson),
    embeddingNote: r.embeddingNote ?? null,
    survives: r.survives,
    smallestH: r.smallestH,
  };
}

/** The JSON of `spurious annihilation --json`. */
export type AnnihilationJson = ReturnType<typeof annihilationJson>;
