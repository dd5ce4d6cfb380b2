import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FamilyDefinition } from "./definition.js";
import { parseFamilyFile } from "./definitionFile.js";

/** The family files derivations/<name>.json, in the order of docs/families.md. */
export const FAMILY_NAMES = ["1a", "1b", "2a", "2b", "3a", "3b", "4", "4b", "2a.d+1", "3a.d+1", "2c.d+1", "3c.d+1", "1a.d-1", "1b.d-1", "2b.d-1", "3b.d-1", "4b.d-1"] as const;

const DERIVATIONS = fileURLToPath(new URL("../../derivations/", import.meta.url));

/** Every family, read and checked from derivations/ when this module loads. */
export const FAMILIES: readonly FamilyDefinition[] = FAMILY_NAMES.map((name) =>
  parseFamilyFile(`derivations/${name}.json`, readFileSync(`${DERIVATIONS}${name}.json`, "utf8")),
);

/** The family with this name; a RangeError listing the known names otherwise. */
export function findFamily(name: string): FamilyDefinition {
  const f = FAMILIES.find((x) => x.name === name);
  if (f === undefined) {
    throw new RangeError(`unknown family '${name}' (known families: ${FAMILIES.map((x) => x.name).join(", ")})`);
  }
  return f;
}
