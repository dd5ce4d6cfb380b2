import { modelJson } from "../model/studentModel.js";
import { isotropyName } from "../families/isotropy.js";
import { dimensionFormula } from "../representations/dimension.js";
import type { FamilySpectrum } from "../hessian/spectrum.js";

/** The JSON document of a spectrum (numbers as decimal strings; see docs/hessian.md). */
export function spectrumJson(s: FamilySpectrum, d: string) {
  return {
    family: s.family,
    model: modelJson(s.model),
    d,
    isotropy: { p: s.p, group: isotropyName(s.p, s.model.widthOffset, s.split) },
    digits: s.digits,
    confirmedDigits: s.confirmedDigits,
    components: s.components.map((c) => ({
      irrep: c.component.name,
      sn: c.component.sn.name,
      sp: c.component.psiName,
      blockSize: c.component.blockSize,
      dimension: c.dimension.toFixed(),
      dimensionFormula: dimensionFormula(c.component.dimension),
      eigenvalues: c.eigenvalues.map((v) => v.toString()),
      gauge: c.gauge,
    })),
    inertia: { negative: s.inertia.negative.toFixed(), zero: s.inertia.zero.toFixed(), positive: s.inertia.positive.toFixed() },
    gaugeZeros: s.gaugeZeros.toFixed(),
    omitted: s.omitted.map((o) => ({ irrep: o.component.name, dimensionFormula: dimensionFormula(o.component.dimension), dimension: o.dimension.toFixed() })),
    smallestNonzero: s.smallestNonzero === undefined ? null : { value: s.smallestNonzero.value.toString(), irrep: s.smallestNonzero.component },
  };
}

/** The JSON of `spurious spectrum --json`. */
export type SpectrumJson = ReturnType<typeof spectrumJson>;
