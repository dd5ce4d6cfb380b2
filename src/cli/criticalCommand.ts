import { familyCriticalPoint, familyPattern } from "../families/critical.js";
import { isotropyName } from "../families/isotropy.js";
import { integerOption, oneFamily, parseDimension } from "./args.js";
import type { Command } from "./command.js";
import { textTable } from "../present/textTable.js";
import { printJson } from "./format.js";
import { progressLine } from "../present/progress.js";

/** Bounds of --digits. */
export const CRITICAL_DIGITS = { min: 10, max: 1000 } as const;

export const criticalCommand: Command = {
  name: "critical",
  summary: "The family's critical point at any real d: parameters (gauge |a| = 1), effective entries, loss, gradient norm",
  positionals: "<family>",
  options: [
    { name: "d", kind: "string", value: "<real>", description: "dimension (any real number in the family's range, see `spurious families`; e.g. 7.25 or 1e6)" },
    { name: "digits", kind: "string", value: "<int>", description: `significant digits (${CRITICAL_DIGITS.min} to ${CRITICAL_DIGITS.max})`, default: "40" },
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    const family = oneFamily("critical", positionals, "spurious critical 2a --d 7.25");
    const d = parseDimension("d", options.d, family);
    const digits = integerOption("digits", options.digits, CRITICAL_DIGITS, 40);
    const progress = progressLine(`critical ${family.name}`);
    const point = familyCriticalPoint(family, d, digits, (dd) => progress.update(`continuing, d = ${dd.toSignificantDigits(8).toString()}`));
    progress.done();
    const P = familyPattern(family);
    const round = (v: { toSignificantDigits(n: number): { toString(): string } }): string => v.toSignificantDigits(digits).toString();
    const params: Record<string, string> = {};
    const effective: Record<string, string> = {};
    P.params.forEach((q, k) => {
      params[q.alias!] = round(point.x[k]!);
      if (q.kind !== "a") effective[q.alias!] = round(point.x[k]!.mul(point.x[P.paramIndex("a", q.row)!]!));
    });
    const report = {
      family: family.name,
      d,
      isotropy: { p: family.p, group: isotropyName(family.p) },
      params,
      effective,
      // The loss is known to about 10^-digits absolutely (its O(d^2) terms cancel): below that it is 0.
      loss: point.loss.abs().lt(`1e-${digits}`) ? "0" : round(point.loss),
      gradientNorm: point.gradientNorm.toSignificantDigits(3).toString(),
      digits: point.confirmedDigits,
    };
    if (options.json === true) {
      printJson(report);
      return;
    }
    console.log(`family ${family.name} at d = ${d}: isotropy ${report.isotropy.group}, pattern ${P.toString()}`);
    console.log(textTable(
      ["param", "entry", "value (gauge |a| = 1)", "effective a_i W_ij"],
      P.params.map((q) => [q.alias!, q.name, params[q.alias!]!, effective[q.alias!] ?? ""]),
    ));
    console.log(`loss          ${report.loss}`);
    console.log(`|grad L|      ${report.gradientNorm}   (full (d^2+d)-dimensional gradient)`);
    console.log(`digits        ${report.digits} confirmed by a second solve with 10 more digits`);
  },
};
