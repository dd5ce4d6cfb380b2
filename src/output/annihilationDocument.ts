import type { Decimal } from "decimal.js";
import type { Annihilation } from "../annihilation/annihilation.js";
import type { Embedding } from "../annihilation/embeddings.js";
import { modelJson } from "../model/studentModel.js";

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
    })),
    embeddings: r.embeddings.map(embeddingJson),
    embeddingNote: r.embeddingNote ?? null,
    survives: r.survives,
    smallestH: r.smallestH,
  };
}

/** The JSON of `spurious annihilation --json`. */
export type AnnihilationJson = ReturnType<typeof annihilationJson>;
