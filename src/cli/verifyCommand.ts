import { findFamily } from "../families/registry.js";
import { deriveFamilySeries } from "../ift/familySeries.js";
import { verifyFamilySeries } from "../ift/verify.js";
import { parseInteger } from "./args.js";
import { UsageError, type Command } from "./command.js";
import { printJson, textTable } from "./format.js";
import { progressLine } from "./progress.js";
import { MAX_SERIES_ORDER } from "./seriesCommand.js";

export const verifyCommand: Command = {
  name: "verify",
  summary: "Check a family's series against Newton critical points at d = 1e3..1e6: errors and their decay rate",
  positionals: "<family>",
  options: [
    { name: "order", kind: "string", value: "<int>", description: `series order (0 to ${MAX_SERIES_ORDER})`, default: "8" },
    { name: "digits", kind: "string", value: "<int>", description: "digits of the numeric critical points (30 to 200)", default: "60" },
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    if (positionals.length !== 1) throw new UsageError("verify: give exactly one family, e.g. spurious verify 1b --order 8");
    const family = findFamily(positionals[0]!);
    const order = options.order === undefined ? 8 : parseInteger("order", options.order, { min: 0, max: MAX_SERIES_ORDER });
    const digits = options.digits === undefined ? 60 : parseInteger("digits", options.digits, { min: 30, max: 200 });
    const progress = progressLine(`verify ${family.name}`);
    const series = deriveFamilySeries(family, order, (w) => progress.update(w));
    const v = verifyFamilySeries(family, series, digits, (w) => progress.update(w));
    progress.done();
    const slope = (s: number): string => (s === -Infinity ? "exact" : s.toFixed(2));
    if (options.json === true) {
      printJson({
        ...v,
        quantities: v.quantities.map((q) => ({ name: q.name, errors: q.errors.map((e) => e.toSignificantDigits(3).toString()), slope: slope(q.slope) })),
      });
      return;
    }
    console.log(`family ${family.name}: series to order d^(${-order / 2}) against Newton at ${digits} digits; expected slope <= ${v.expectedSlope}`);
    console.log(textTable(
      ["quantity", ...v.dimensions.map((d) => `|err| d=${d}`), "slope"],
      v.quantities.map((q) => [q.name, ...q.errors.map((e) => e.toSignificantDigits(3).toString()), slope(q.slope)]),
    ));
  },
};
