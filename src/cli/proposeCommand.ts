import type { FamilyDefinition } from "../families/definition.js";
import { oneFamilyOrInstance, TEMPLATE_P_OPTION } from "./args.js";
import type { Command } from "./command.js";
import { printJson } from "./format.js";
import { progressLine } from "../present/progress.js";

/** Propose and print: the heavy modules load here, after validation. */
async function proposeRun(family: FamilyDefinition, json: boolean): Promise<void> {
  const { proposeScalings } = await import("../ift/propose.js");
  const progress = progressLine(`propose ${family.name}`);
  const p = proposeScalings(family, (w) => progress.update(w));
  progress.done();
  if (json) {
    printJson({ declaration: p.declaration, log: p.log });
    return;
  }
  console.log(p.log.map((l) => `// ${l}`).join("\n"));
  console.log(`series: ${JSON.stringify(p.declaration, null, 2)},`);
}

export const proposeCommand: Command = {
  name: "propose",
  summary: "Propose scalings and limit values for a family's series from numerics at d = 1e8..1e12 (to paste into derivations/)",
  positionals: "<family | template --p <int>>",
  options: [TEMPLATE_P_OPTION, { name: "json", kind: "boolean", description: "print the declaration as JSON" }],
  run(positionals, options) {
    const family = oneFamilyOrInstance("propose", positionals, "spurious propose 2a", options.p);
    return proposeRun(family, options.json === true);
  },
};
