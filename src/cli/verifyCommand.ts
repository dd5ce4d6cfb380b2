import type { FamilyDefinition } from "../families/definition.js";
import { LIMITS } from "../present/arguments.js";
import { integerOption, MODEL_OPTIONS, oneFamily, parseModel } from "./args.js";
import { modelJson, modelText, type StudentModel } from "../model/studentModel.js";
import type { Command } from "./command.js";
import { textTable } from "../present/textTable.js";
import { printJson } from "./format.js";
import { progressLine } from "../present/progress.js";
import { MAX_SERIES_ORDER } from "./seriesCommand.js";

/** Bounds of --digits. */
export const VERIFY_DIGITS = LIMITS.verifyDigits;

/** Derive, verify and print: the heavy modules load here, after validation. */
async function verifyRun(family: FamilyDefinition, order: number, digits: number, json: boolean, model: StudentModel): Promise<void> {
  const { deriveFamilySeries } = await import("../ift/familySeries.js");
  const { verifyFamilySeries } = await import("../ift/verify.js");
  const progress = progressLine(`verify ${family.name}`);
  const series = deriveFamilySeries(family, order, (w) => progress.update(w));
  const v = verifyFamilySeries(family, series, digits, (w) => progress.update(w));
  progress.done();
  const slope = (s: number): string => (s === -Infinity ? "exact" : s.toFixed(2));
  if (json) {
    printJson({
      model: modelJson(model),
      ...v,
      quantities: v.quantities.map((q) => ({ name: q.name, errors: q.errors.map((e) => e.toSignificantDigits(3).toString()), slope: slope(q.slope) })),
    });
    return;
  }
  console.log(`family ${family.name} (${modelText(model)}): series to order d^(${-order / 2}) against Newton at ${digits} digits; expected slope <= ${v.expectedSlope}`);
  console.log(textTable(
    ["quantity", ...v.dimensions.map((d) => `|err| d=${d}`), "slope"],
    v.quantities.map((q) => [q.name, ...q.errors.map((e) => e.toSignificantDigits(3).toString()), slope(q.slope)]),
  ));
}

export const verifyCommand: Command = {
  name: "verify",
  summary: "Check a family's series against Newton critical points at d = 1e3..1e6: errors and their decay rate",
  positionals: "<family>",
  options: [
    { name: "order", kind: "string", value: "<int>", description: `series order (0 to ${MAX_SERIES_ORDER})`, default: "8" },
    { name: "digits", kind: "string", value: "<int>", description: `digits of the numeric critical points (${VERIFY_DIGITS.min} to ${VERIFY_DIGITS.max})`, default: "60" },
    ...MODEL_OPTIONS,
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    const family = oneFamily("verify", positionals, "spurious verify 1b --order 8");
    const order = integerOption("order", options.order, { min: 0, max: MAX_SERIES_ORDER }, 8);
    const digits = integerOption("digits", options.digits, VERIFY_DIGITS, 60);
    return verifyRun(family, order, digits, options.json === true, parseModel(options, family));
  },
};
