import { findFamily } from "../families/registry.js";
import { proposeScalings } from "../ift/propose.js";
import { UsageError, type Command } from "./command.js";
import { printJson } from "./format.js";
import { progressLine } from "./progress.js";

export const proposeCommand: Command = {
  name: "propose",
  summary: "Propose scalings and limit values for a family's series from numerics at d = 1e8..1e12 (to paste into derivations/)",
  positionals: "<family>",
  options: [{ name: "json", kind: "boolean", description: "print the declaration as JSON" }],
  run(positionals, options) {
    if (positionals.length !== 1) throw new UsageError("propose: give exactly one family, e.g. spurious propose 2a");
    const family = findFamily(positionals[0]!);
    const progress = progressLine(`propose ${family.name}`);
    const p = proposeScalings(family, (w) => progress.update(w));
    progress.done();
    if (options.json === true) {
      printJson({ declaration: p.declaration, log: p.log });
      return;
    }
    console.log(p.log.map((l) => `// ${l}`).join("\n"));
    console.log(`series: ${JSON.stringify(p.declaration, null, 2)},`);
  },
};
