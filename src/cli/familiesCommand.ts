import { FAMILIES } from "../families/registry.js";
import type { FamilyDefinition } from "../families/definition.js";
import { familyModels } from "../families/models.js";
import { noPositionals, parseSecondLayer, parseWidth } from "./args.js";
import type { Command } from "./command.js";
import { textTable } from "../present/textTable.js";
import { printJson } from "./format.js";

export const familiesCommand: Command = {
  name: "families",
  summary: "Each family's isotropy, signs of a, range of d explored and multiplicity (orbit size in S_d)",
  options: [
    { name: "second-layer", kind: "string", value: "trained|fixed", description: "only the families derived for this second layer (docs/models.md)" },
    { name: "width", kind: "string", value: "<k>", description: "only the families derived for this student width: d, d+H or d-H" },
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    noPositionals("families", positionals);
    const secondLayer = options["second-layer"] === undefined ? undefined : parseSecondLayer(options["second-layer"]);
    const widthOffset = options.width === undefined ? undefined : parseWidth(options.width);
    const listed = FAMILIES.filter((f) =>
      familyModels(f).some((m) => (secondLayer === undefined || m.secondLayer === secondLayer) && (widthOffset === undefined || m.widthOffset === widthOffset)),
    );
    return familiesRun(listed, options.json === true);
  },
};

/** Print the families: the heavy modules load here, after validation. */
async function familiesRun(families: readonly FamilyDefinition[], json: boolean): Promise<void> {
    const { familiesJson } = await import("../output/familiesDocument.js");
    const rows = familiesJson(families);
    if (json) {
      printJson(rows);
      return;
    }
    if (rows.length === 0) {
      console.log("no family has been derived for this model yet (docs/models.md)");
      return;
    }
    console.log(textTable(
      ["family", "isotropy", "signs of a", "d range", "multiplicity", "models (second layer, width)"],
      rows.map((r) => [r.family, r.isotropy, `(${r.signs.map((s) => (s > 0 ? "+" : "-")).join(", ")})`, `[${r.range.min}, ${r.range.max}]`, r.multiplicity, r.models.map((m) => `${m.secondLayer} k=${m.width}`).join(", ")]),
    ));
}
