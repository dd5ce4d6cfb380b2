import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { FamilyDefinition } from "../families/definition.js";
import { FAMILIES, findFamily } from "../families/registry.js";
import { familyOrInstance } from "../families/templates.js";
import type { SecondLayer, StudentModel } from "../model/studentModel.js";
import { annihilationFamily, dimensionArgument, integerArgument, modelArgument, realArgument, secondLayerArgument, symbolicTemplateArgument, widthArgument, type IntegerRange } from "../present/arguments.js";
import { UsageError, type OptionSpec, type OptionValues } from "./command.js";

// Shared validators of command-line values: each throws a one-line UsageError naming the bad value and
// what is allowed (the checks themselves are src/present/arguments.ts, shared with the library).

function usage<T>(check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

/** A real number given on the command line, as its decimal string (no NaN, Infinity or hex). */
export function parseReal(option: string, raw: string | boolean | undefined): string {
  return usage(() => realArgument(`--${option}`, raw));
}

/** An integer given on the command line, within [min, max]. */
export function parseInteger(option: string, raw: string | boolean | undefined, range: IntegerRange): number {
  return usage(() => integerArgument(`--${option}`, raw, range));
}

/** An optional integer option: its default when absent. */
export function integerOption(option: string, raw: string | boolean | undefined, range: IntegerRange, fallback: number): number {
  return raw === undefined ? fallback : parseInteger(option, raw, range);
}

/** A dimension d (decimal string) inside the family's range. */
export function parseDimension(option: string, raw: string | boolean | undefined, f: FamilyDefinition): string {
  if (raw === undefined) throw new UsageError(`--${option} <real> is required (family ${f.name}: d in [${f.range.min}, ${f.range.max}])`);
  return usage(() => dimensionArgument(`--${option}`, raw, f));
}

/** The single positional family of a command (a UsageError otherwise; unknown names list the families). */
export function oneFamily(command: string, positionals: readonly string[], example: string): FamilyDefinition {
  if (positionals.length !== 1) throw new UsageError(`${command}: give exactly one family, e.g. ${example}`);
  return findFamily(positionals[0]!);
}

/** The option --p of the commands that take a template (docs/families.md §11). */
export const TEMPLATE_P_OPTION: OptionSpec = { name: "p", kind: "string", value: "<int>", description: "with a template (a, b, c) in place of a family: its instance at this p, e.g. a --p 7 (docs/families.md §11)" };

/** Bounds of --p before the template's own range is checked. */
const P_RANGE = { min: 1, max: 1000 };

/** The single positional family, or with --p the template's instance at p (one-line UsageErrors otherwise). */
export function oneFamilyOrInstance(command: string, positionals: readonly string[], example: string, p: string | boolean | undefined): FamilyDefinition {
  if (positionals.length !== 1) throw new UsageError(`${command}: give exactly one family, e.g. ${example}`);
  const value = p === undefined ? undefined : parseInteger("p", p, P_RANGE);
  return usage(() => familyOrInstance(positionals[0]!, value));
}

/** The template of `series <template> --p symbolic` (docs/census.md §7). */
export function parseSymbolicTemplate(raw: string): string {
  return usage(() => symbolicTemplateArgument("--p symbolic", raw));
}

/** One family or 'all'. */
export function familyOrAll(command: string, positionals: readonly string[], example: string): readonly FamilyDefinition[] {
  if (positionals.length !== 1) throw new UsageError(`${command}: give exactly one family or 'all', e.g. ${example}`);
  return positionals[0] === "all" ? FAMILIES : [findFamily(positionals[0]!)];
}

/** A comma-separated list of distinct families, e.g. "1b,2a". */
export function parseFamilies(option: string, raw: string | boolean | undefined): FamilyDefinition[] {
  if (typeof raw !== "string") throw new UsageError(`--${option}: give a comma-separated list of families (${FAMILIES.map((f) => f.name).join(", ")})`);
  const names = raw.split(",").map((s) => s.trim());
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new UsageError(`--${option}: family '${duplicate}' is listed twice`);
  return names.map((n) => findFamily(n));
}

/** A command that takes no positional arguments. */
export function noPositionals(command: string, positionals: readonly string[]): void {
  if (positionals.length > 0) throw new UsageError(`${command}: takes no positional arguments, got '${positionals.join(" ")}'`);
}

/**
 * An output folder: non-empty, not an existing file, and one this process can create and write into,
 * checked before anything is computed by creating and removing a probe folder in the folder itself or in
 * its nearest existing ancestor (nothing is left behind; the folder itself is not created).
 */
export function parseOutDir(option: string, raw: string | boolean | undefined): string {
  if (typeof raw !== "string" || raw.trim() === "") throw new UsageError(`--${option}: give a folder to write into`);
  let stat;
  try {
    stat = statSync(raw, { throwIfNoEntry: false });
  } catch {
    stat = undefined; // e.g. ENOTDIR: a file on the way, reported below
  }
  if (stat !== undefined && !stat.isDirectory()) throw new UsageError(`--${option}: '${raw}' exists and is not a folder`);
  let existing = resolve(raw);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) throw new UsageError(`--${option}: cannot create '${raw}': '${existing}' is not a folder`);
  try {
    const probe = mkdtempSync(join(existing, ".spurious-write-check-"));
    try {
      writeFileSync(join(probe, "probe"), "");
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  } catch (e) {
    const reason = e instanceof Error ? e.message.split(",")[0]! : String(e);
    throw new UsageError(`--${option}: cannot ${existing === resolve(raw) ? "write into" : "create"} '${raw}' (${existing}: ${reason})`);
  }
  return raw;
}

/**
 * An output file with the given extension (e.g. ".svg"): not an existing folder, in a folder this process
 * can create and write into (checked as parseOutDir does, before anything is computed).
 */
export function parseOutFile(option: string, raw: string | boolean | undefined, extension: string): string {
  if (typeof raw !== "string" || raw.trim() === "") throw new UsageError(`--${option}: give a file name ending in ${extension}`);
  if (!raw.endsWith(extension)) throw new UsageError(`--${option}: '${raw}' does not end in ${extension}`);
  if (statSync(raw, { throwIfNoEntry: false })?.isDirectory() === true) throw new UsageError(`--${option}: '${raw}' is a folder, not a file`);
  parseOutDir(option, dirname(resolve(raw)));
  return raw;
}

/** The options naming the student model, shared by every command that takes a family (docs/models.md). */
export const MODEL_OPTIONS: readonly OptionSpec[] = [
  { name: "second-layer", kind: "string", value: "trained|fixed", description: "the second layer: trained (a is a variable, with the gauge) or fixed (a = 1, the Hessian on W alone)", default: "trained" },
  { name: "width", kind: "string", value: "<k>", description: "the student width k: d, d+H or d-H (families exist at k = d so far)", default: "d" },
];

/** The model of --second-layer and --width, checked against the models the family has been derived for. */
export function parseModel(options: OptionValues, f: FamilyDefinition): StudentModel {
  return usage(() => modelArgument({ secondLayer: "--second-layer", width: "--width" }, f, options["second-layer"], options.width));
}

/** --second-layer on its own (trained or fixed). */
export function parseSecondLayer(raw: string | boolean | undefined): SecondLayer {
  return usage(() => secondLayerArgument("--second-layer", raw));
}

/** --width on its own (d, d+H or d-H), as its offset H. */
export function parseWidth(raw: string | boolean | undefined): number {
  return usage(() => widthArgument("--width", raw));
}

/** The family of `annihilation`: one at k = d. */
export function parseAnnihilationFamily(f: FamilyDefinition): FamilyDefinition {
  return usage(() => annihilationFamily(f, FAMILIES));
}
