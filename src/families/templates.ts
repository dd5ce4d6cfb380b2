import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FamilyDefinition } from "./definition.js";
import { findFamily } from "./registry.js";
import { templateFamily, type FamilyTemplate } from "./template.js";
import { parseTemplateFile } from "./templateFile.js";

/** The template files derivations/templates/<name>.json (docs/families.md §11). */
export const TEMPLATE_NAMES = ["a", "b", "c"] as const;

const TEMPLATE_DIR = fileURLToPath(new URL("../../derivations/templates/", import.meta.url));

/** Every template, read and checked when this module loads. */
export const TEMPLATES: readonly FamilyTemplate[] = TEMPLATE_NAMES.map((name) =>
  parseTemplateFile(`derivations/templates/${name}.json`, readFileSync(`${TEMPLATE_DIR}${name}.json`, "utf8")),
);

/** The template with this name; a RangeError listing the templates otherwise (naming the family's own case). */
export function findTemplate(name: string): FamilyTemplate {
  const t = TEMPLATES.find((x) => x.name === name);
  if (t !== undefined) return t;
  const known = TEMPLATES.map((x) => x.name).join(", ");
  let isFamily = false;
  try {
    findFamily(name);
    isFamily = true;
  } catch {
    isFamily = false;
  }
  throw new RangeError(isFamily ? `--p: family ${name} has no template (templates: ${known}; e.g. 2a is template a at p = 1)` : `unknown template '${name}' (templates: ${known})`);
}

/** A declared family by name, or a template's instance by its name ("a.p7", instanceName). */
export function familyByName(name: string): FamilyDefinition {
  const m = /^([a-z]+)\.p(\d+)$/.exec(name);
  return m === null ? findFamily(name) : templateFamily(findTemplate(m[1]!), Number(m[2]));
}

/** The family named on a command line: a declared family, or with p a template's instance at p. */
export function familyOrInstance(name: string, p: number | undefined): FamilyDefinition {
  if (p !== undefined) return templateFamily(findTemplate(name), p);
  if (TEMPLATES.some((t) => t.name === name)) throw new RangeError(`${name} is a template: give --p (p = ${findTemplate(name).p.min} to ${findTemplate(name).p.max}), e.g. spurious critical ${name} --p 7 --d 30.5`);
  return findFamily(name);
}
