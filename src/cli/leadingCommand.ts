import type { FamilyDefinition } from "../families/definition.js";
import { oneFamily } from "./args.js";
import type { Command } from "./command.js";
import { textTable } from "../present/textTable.js";
import { printJson } from "./format.js";

/** Check and print the leading system: the heavy modules load here, after validation. */
async function leadingRun(family: FamilyDefinition, json: boolean): Promise<void> {
  const { leadingReport } = await import("../ift/leadingReport.js");
  const r = leadingReport(family);
  if (json) {
    printJson(r);
    return;
  }
  console.log(`family ${r.family}: leading system over ${r.field} (checked: F(xt(0), 0) = 0, J(0) invertible)`);
  console.log(textTable(["unknown", "expansion", "xt(0)"], r.unknowns.map((u) => [u.alias, u.expansion, u.leading])));
  console.log("");
  console.log(textTable(["equation", "scaling"], r.equations.map((e) => [e.alias, e.scaling])));
  console.log("");
  console.log("J(0) = dF/dxt at eps = 0 (rows: equations, columns: unknowns):");
  console.log(textTable(["", ...r.unknowns.map((u) => u.alias)], r.jacobian.map((row, j) => [r.equations[j]!.alias, ...row])));
  console.log(`det J(0) = ${r.determinant}`);
}

export const leadingCommand: Command = {
  name: "leading",
  summary: "A family's declared scalings and its leading system: solution xt(0), Jacobian J(0), checked exactly",
  positionals: "<family>",
  options: [{ name: "json", kind: "boolean", description: "print JSON" }],
  run(positionals, options) {
    return leadingRun(oneFamily("leading", positionals, "spurious leading 2a"), options.json === true);
  },
};
