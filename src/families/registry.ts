import { family1A } from "../../derivations/1a.js";
import { family1B } from "../../derivations/1b.js";
import { family2A } from "../../derivations/2a.js";
import { family2B } from "../../derivations/2b.js";
import { family3A } from "../../derivations/3a.js";
import { family3B } from "../../derivations/3b.js";
import { family4 } from "../../derivations/4.js";
import { family4B } from "../../derivations/4b.js";
import type { FamilyDefinition } from "./definition.js";

/** Every family, in the order of docs/families.md. */
export const FAMILIES: readonly FamilyDefinition[] = [family1A, family1B, family2A, family2B, family3A, family3B, family4, family4B];

/** The family with this name; a RangeError listing the known names otherwise. */
export function findFamily(name: string): FamilyDefinition {
  const f = FAMILIES.find((x) => x.name === name);
  if (f === undefined) {
    throw new RangeError(`unknown family '${name}' (known families: ${FAMILIES.map((x) => x.name).join(", ")})`);
  }
  return f;
}
