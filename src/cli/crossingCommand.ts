import type { FamilyDefinition } from "../families/definition.js";
import { findFamily } from "../families/registry.js";
import { LIMITS } from "../present/arguments.js";
import { MODEL_OPTIONS, parseInteger, parseModel } from "./args.js";
import { modelText, type StudentModel } from "../model/studentModel.js";
import { UsageError, type Command } from "./command.js";
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

export const crossingCommand: Command = {
  name: "crossing",
  summary: "Every real d in the family's range where the Hessian changes inertia: component, direction, bracket, d to high precision",
  positionals: "<family>",
  options: [
    { name: "digits", kind: "string", value: "<int>", description: `significant digits of the joint Newton solve (${CROSSING_DIGITS.min} to ${CROSSING_DIGITS.max}); d is printed to the digits confirmed by a second solve at digits + 10`, default: "40" },
    ...MODEL_OPTIONS,
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    if (positionals.length !== 1) throw new UsageError("crossing: give exactly one family, e.g. spurious crossing 1b");
    const family = findFamily(positionals[0]!);
    const digits = options.digits === undefined ? 40 : parseInteger("digits", options.digits, CROSSING_DIGITS);
    return crossingRun(family, digits, options.json === true, parseModel(options, family));
  },
};
