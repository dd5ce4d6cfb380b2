import { existsSync, readFileSync, statSync } from "node:fs";
import type { CheckedRow } from "../check/checkTable.js";
import { MAX_SERIES_ORDER } from "./seriesCommand.js";
import { integerOption } from "./args.js";
import { UsageError, type Command } from "./command.js";
import { printJson } from "./format.js";
import { textTable } from "../present/textTable.js";

function digitsText(r: CheckedRow): string {
  if (r.verdict === "not computed") return "";
  return r.digits === null ? "all" : String(r.digits);
}

/** Check the table and print the verdicts: the heavy modules (mathjs, marked, csv-parse) load here, after validation. */
async function checkRun(file: string, order: number | undefined, json: boolean): Promise<void> {
  const { checkTable } = await import("../check/checkTable.js");
  const { componentWithName } = await import("../representations/componentNames.js");
  const quantityText = (r: CheckedRow): string => {
    if (r.component === undefined) return r.quantity;
    return `eigenvalue ${componentWithName(r.component)} '${r.label}'${r.eigenvalue === undefined ? "" : ` (= #${r.eigenvalue})`}`;
  };
  const result = checkTable(readFileSync(file, "utf8"), { file, ...(order === undefined ? {} : { order }) });
  if (result.disagree + result.notComputed > 0) process.exitCode = 1;
  if (json) {
    printJson(result);
    return;
  }
  const extra = [...new Set(result.rows.flatMap((r) => Object.keys(r.columns)))];
  console.log(
    textTable(
      ["line", "family", "quantity", "power", "value", "verdict", "engine exact", "engine decimal", "digits", "hint", ...extra],
      result.rows.map((r) => [String(r.line), r.family, quantityText(r), r.power, r.value, r.verdict, r.exact ?? "", r.decimal ?? "", digitsText(r), r.hint ?? "", ...extra.map((c) => r.columns[c] ?? "")]),
    ),
  );
  console.log(`\n${result.agree} agree, ${result.disagree} disagree, ${result.notComputed} not computed`);
}

export const checkCommand: Command = {
  name: "check",
  summary: "Check a transcribed table of series coefficients (CSV or Markdown) against the engine: a verdict per row",
  positionals: "<file>",
  options: [
    { name: "order", kind: "string", value: "<int>", description: `highest power of eps computed (0 to ${MAX_SERIES_ORDER}); rows beyond it are 'not computed'`, default: "10 for parameters and loss, 4 for eigenvalues" },
    { name: "json", kind: "boolean", description: "print JSON: {rows: [{line, family, quantity, power, value, verdict, exact, decimal, digits, hint}], agree, disagree, notComputed}" },
  ],
  run(positionals, options) {
    if (positionals.length !== 1) throw new UsageError("check: give exactly one table file (CSV or Markdown), e.g. spurious check table.csv");
    const file = positionals[0]!;
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`check: ${file}: no such file (give a CSV or Markdown table)`);
    const order = options.order === undefined ? undefined : integerOption("order", options.order, { min: 0, max: MAX_SERIES_ORDER }, 0);
    return checkRun(file, order, options.json === true);
  },
};
