import type { FamilyDefinition } from "../families/definition.js";
import { LIMITS } from "../present/arguments.js";
import { integerOption, MODEL_OPTIONS, oneFamilyOrInstance, parseDimension, parseModel, TEMPLATE_P_OPTION } from "./args.js";
import { modelText, type StudentModel } from "../model/studentModel.js";
import type { Command } from "./command.js";
import { textTable } from "../present/textTable.js";
import { printJson } from "./format.js";
import { progressLine } from "../present/progress.js";

/** Bounds of --digits. */
export const CRITICAL_DIGITS = LIMITS.criticalDigits;

/** Solve and print: the heavy modules load here, after validation. */
async function criticalRun(family: FamilyDefinition, d: string, digits: number, json: boolean, model: StudentModel): Promise<void> {
  const { familyCriticalPoint, familyPattern } = await import("../families/critical.js");
  const { criticalJson } = await import("../output/criticalDocument.js");
  const progress = progressLine(`critical ${family.name}`);
  const point = familyCriticalPoint(family, d, digits, (dd) => progress.update(`continuing, d = ${dd.toSignificantDigits(8).toString()}`));
  progress.done();
  const report = criticalJson(family, d, digits, point, model);
  if (json) {
    printJson(report);
    return;
  }
  const P = familyPattern(family);
  console.log(`family ${family.name} at d = ${d} (${modelText(model)}): isotropy ${report.isotropy.group}, pattern ${P.toString()}`);
  console.log(textTable(
    ["param", "entry", "value (gauge |a| = 1)", "effective a_i W_ij"],
    P.params.map((q) => [q.alias!, q.name, report.params[q.alias!]!, report.effective[q.alias!] ?? ""]),
  ));
  console.log(`loss          ${report.loss}`);
  console.log(`|grad L|      ${report.gradientNorm}   (full ${model.widthOffset === 0 ? "(d^2+d)" : "(kd+k)"}-dimensional gradient${model.secondLayer === "fixed" ? "; with a = 1 it vanishes with the W-gradient, docs/models.md" : ""})`);
  console.log(`digits        ${report.digits} confirmed by a second solve with 10 more digits`);
}

export const criticalCommand: Command = {
  name: "critical",
  summary: "The family's critical point at any real d: parameters (gauge |a| = 1), effective entries, loss, gradient norm",
  positionals: "<family | template --p <int>>",
  options: [
    { name: "d", kind: "string", value: "<real>", description: "dimension (any real number in the family's range, see `spurious families`; e.g. 7.25 or 1e6)" },
    { name: "digits", kind: "string", value: "<int>", description: `significant digits (${CRITICAL_DIGITS.min} to ${CRITICAL_DIGITS.max})`, default: "40" },
    TEMPLATE_P_OPTION,
    ...MODEL_OPTIONS,
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    const family = oneFamilyOrInstance("critical", positionals, "spurious critical 2a --d 7.25", options.p);
    const d = parseDimension("d", options.d, family);
    const digits = integerOption("digits", options.digits, CRITICAL_DIGITS, 40);
    return criticalRun(family, d, digits, options.json === true, parseModel(options, family));
  },
};
