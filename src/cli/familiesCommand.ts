import { FAMILIES } from "../families/registry.js";
import { noPositionals } from "./args.js";
import type { Command } from "./command.js";
import { textTable } from "../present/textTable.js";
import { printJson } from "./format.js";

export const familiesCommand: Command = {
  name: "families",
  summary: "Each family's isotropy, signs of a, range of d explored and multiplicity (orbit size in S_d)",
  options: [{ name: "json", kind: "boolean", description: "print JSON" }],
  run(positionals, options) {
    noPositionals("families", positionals);
    return familiesRun(options.json === true);
  },
};

/** Print the families: the heavy modules load here, after validation. */
async function familiesRun(json: boolean): Promise<void> {
    const { familiesJson } = await import("../output/familiesDocument.js");
    const rows = familiesJson(FAMILIES);
    if (json) {
      printJson(rows);
      return;
    }
    console.log(textTable(
      ["family", "isotropy", "signs of a", "d range", "multiplicity"],
      rows.map((r) => [r.family, r.isotropy, `(${r.signs.map((s) => (s > 0 ? "+" : "-")).join(", ")})`, `[${r.range.min}, ${r.range.max}]`, r.multiplicity]),
    ));
}
