import { familyPattern, multiplicity } from "../families/critical.js";
import { FAMILIES } from "../families/registry.js";
import { isotropyName } from "../families/isotropy.js";
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
    const rows = FAMILIES.map((f) => ({
      family: f.name,
      p: f.p,
      isotropy: isotropyName(f.p),
      pattern: familyPattern(f).toString(),
      kind: f.kind,
      signs: f.signs,
      range: { min: f.range.min, max: f.range.max, note: f.range.note },
      multiplicity: multiplicity(f).formula,
      description: f.description,
    }));
    if (options.json === true) {
      printJson(rows);
      return;
    }
    console.log(textTable(
      ["family", "isotropy", "signs of a", "d range", "multiplicity"],
      rows.map((r) => [r.family, r.isotropy, `(${r.signs.map((s) => (s > 0 ? "+" : "-")).join(", ")})`, `[${r.range.min}, ${r.range.max}]`, r.multiplicity]),
    ));
  },
};
