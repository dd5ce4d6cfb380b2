import type { FamilyDefinition } from "../families/definition.js";
import { LIMITS } from "../present/arguments.js";
import { MODEL_OPTIONS, oneFamilyOrInstance, parseInteger, parseModel, TEMPLATE_P_OPTION } from "./args.js";
import { modelText, type StudentModel } from "../model/studentModel.js";
import type { Command } from "./command.js";
import { textTable } from "../present/textTable.js";
import { printJson } from "./format.js";
import { progressLine } from "../present/progress.js";

/** Bounds of --digits. */
export const CROSSING_DIGITS = LIMITS.crossingDigits;

/** Locate and print the crossings: the heavy modules load here, after validation. */
async function crossingRun(family: FamilyDefinition, digits: number, json: boolean, model: StudentModel): Promise<void> {
  const { familyCrossings } = await import("../crossing/crossing.js");
  const { crossingJson } = await import("../output/crossingDocument.js");
  const progress = progressLine(`crossing ${family.name}`);
  const r = familyCrossings(family, { digits, model, onProgress: (t) => progress.update(t) });
  progress.done();
  if (json) {
    printJson(crossingJson(r));
    return;
  }
  console.log(`family ${family.name} (${modelText(model)}): scan of ${r.scan.points} log-spaced d in [${r.scan.from}, ${r.scan.to}] (range [${r.range.min}, ${r.range.max}]), joint Newton on (x, d) at ${digits} digits`);
  console.log(r.summary);
  if (r.crossings.length > 0) {
    console.log(textTable(
      ["d", "component", "direction", "from", "to", "scan bracket", "Newton steps"],
      r.crossings.map((c) => [c.d, `${c.irrep} (x ${c.multiplicity})`, c.direction, c.from.text, c.to.text, `[${c.bracket[0]}, ${c.bracket[1]}]`, c.steps.join(" ")]),
    ));
  }
  console.log(`bottom of the scan  ${r.bottom.text}`);
  if (r.lowIntegers.length > 0) {
    console.log(`below the scan      ${r.lowIntegers.map((l) => `index ${l.index} at d = ${l.d}`).join(", ")} (integer spectrum; real d from ${r.scan.from})`);
  }
  console.log(`top of the scan     ${r.top.text}; smallest eigenvalue ${r.top.smallest.value} (${r.top.smallest.irrep})`);
}

/** The crossing of a template's instance into a minimum (docs/census.md §7). */
async function templateCrossingRun(family: FamilyDefinition, digits: number, json: boolean, model: StudentModel): Promise<void> {
  const { templateCrossing } = await import("../crossing/templateCrossing.js");
  const { templateCrossingJson } = await import("../output/templateCrossingDocument.js");
  const progress = progressLine(`crossing ${family.name}`);
  const r = templateCrossing(family, { digits, model, onProgress: (t) => progress.update(t) });
  progress.done();
  if (json) {
    printJson(templateCrossingJson(r));
    return;
  }
  console.log(`template instance ${family.name} (${modelText(model)}): ${r.direction} as d grows (Young blocks at real d, regula falsi at ${digits} digits)`);
  console.log(`d*            ${r.d}   (${r.confirmedDigits} digits: the ends of the final bracket agree)`);
  console.log(`component     ${r.component}`);
  console.log(`saddle side   index ${r.saddleSide.index} at d = ${r.saddleSide.d}`);
  console.log(`bracket       [${r.bracket[0]}, ${r.bracket[1]}] (walk), ${r.evaluations} evaluations`);
}

export const crossingCommand: Command = {
  name: "crossing",
  summary: "Every real d in the family's range where the Hessian changes inertia: component, direction, bracket, d to high precision",
  positionals: "<family | template --p <int>>",
  options: [
    { name: "digits", kind: "string", value: "<int>", description: `significant digits of the joint Newton solve (${CROSSING_DIGITS.min} to ${CROSSING_DIGITS.max}); d is printed to the digits confirmed by a second solve at digits + 10`, default: "40" },
    TEMPLATE_P_OPTION,
    ...MODEL_OPTIONS,
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    const family = oneFamilyOrInstance("crossing", positionals, "spurious crossing 1b", options.p);
    const digits = options.digits === undefined ? 40 : parseInteger("digits", options.digits, CROSSING_DIGITS);
    const run = options.p === undefined ? crossingRun : templateCrossingRun;
    return run(family, digits, options.json === true, parseModel(options, family));
  },
};
