import type { FamilyDefinition } from "../families/definition.js";
import { LIMITS } from "../present/arguments.js";
import { integerOption, MODEL_OPTIONS, oneFamily, parseDimension, parseModel } from "./args.js";
import { modelText, type StudentModel } from "../model/studentModel.js";
import type { Command } from "./command.js";
import { textTable } from "../present/textTable.js";
import { printJson } from "./format.js";
import { progressLine } from "../present/progress.js";

/** Bounds of --digits. */
export const SPECTRUM_DIGITS = LIMITS.spectrumDigits;

/** Compute and print the spectrum: the heavy modules load here, after validation. */
async function spectrumRun(family: FamilyDefinition, d: string, digits: number, json: boolean, model: StudentModel): Promise<void> {
  const { familyPattern } = await import("../families/critical.js");
  const { isotropyName } = await import("../families/isotropy.js");
  const { dimensionFormula } = await import("../representations/dimension.js");
  const { familySpectrum } = await import("../hessian/spectrum.js");
  const { spectrumJson } = await import("../output/spectrumDocument.js");
  const progress = progressLine(`spectrum ${family.name}`);
  const s = familySpectrum(family, d, digits, (dd) => progress.update(`continuing, d = ${dd.toSignificantDigits(8).toString()}`), model);
  progress.done();
  if (json) {
    printJson(spectrumJson(s, d));
    return;
  }
  console.log(`family ${family.name} at d = ${d}: isotropy ${isotropyName(family.p, model.widthOffset, family.split)}, pattern ${familyPattern(family).toString()}; ${modelText(model)}${model.secondLayer === "trained" ? ", gauge |a| = 1" : " (the Hessian on W alone)"}`);
  const rows: string[][] = [];
  for (const c of s.components) {
    c.eigenvalues.forEach((v, j) => {
      rows.push([
        j === 0 ? c.component.name : "",
        j === 0 ? `${c.component.blockSize}` : "",
        j === 0 ? `${dimensionFormula(c.component.dimension)} = ${c.dimension.toFixed()}` : "",
        c.gauge.includes(j) ? "0 (gauge)" : v.toString(),
      ]);
    });
  }
  console.log(textTable(["component", "block", "multiplicity", "eigenvalue"], rows));
  for (const o of s.omitted) {
    console.log(`not present     ${o.component.name}: dimension ${dimensionFormula(o.component.dimension)} = ${o.dimension.toFixed()} <= 0 at this d`);
  }
  console.log("");
  console.log(`inertia       ${s.inertia.negative.toFixed()} negative, ${s.inertia.zero.toFixed()} zero (${s.gaugeZeros.toFixed()} gauge), ${s.inertia.positive.toFixed()} positive`);
  if (s.smallestNonzero !== undefined) {
    console.log(`smallest |nonzero eigenvalue|  ${s.smallestNonzero.value.toString()}  (${s.smallestNonzero.component})`);
  }
  console.log(`digits        ${s.confirmedDigits} confirmed (critical point and a second block computation with 10 more digits)`);
}

export const spectrumCommand: Command = {
  name: "spectrum",
  summary: "The Hessian eigenvalues of a family at any real d by isotypic component, with multiplicities, inertia and the gauge zeros",
  positionals: "<family>",
  options: [
    { name: "d", kind: "string", value: "<real>", description: "dimension: a real d > p + 2 or an integer d >= p + 2, in the family's range" },
    { name: "digits", kind: "string", value: "<int>", description: `significant digits (${SPECTRUM_DIGITS.min} to ${SPECTRUM_DIGITS.max})`, default: "40" },
    ...MODEL_OPTIONS,
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    const family = oneFamily("spectrum", positionals, "spurious spectrum 2a --d 10");
    const d = parseDimension("d", options.d, family);
    const digits = integerOption("digits", options.digits, SPECTRUM_DIGITS, 40);
    return spectrumRun(family, d, digits, options.json === true, parseModel(options, family));
  },
};
