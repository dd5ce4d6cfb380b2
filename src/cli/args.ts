import { statSync } from "node:fs";
import type { FamilyDefinition } from "../families/definition.js";
import { FAMILIES, findFamily } from "../families/registry.js";
import { UsageError } from "./command.js";

// Shared validators of command-line values: each throws a one-line UsageError naming the bad value and
// what is allowed.

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A real number given on the command line, as its decimal string (no NaN, Infinity or hex). */
export function parseReal(option: string, raw: string | boolean | undefined): string {
  if (typeof raw !== "string" || !NUMBER.test(raw.trim())) {
    throw new UsageError(`--${option}: '${String(raw ?? "")}' is not a number (expected a decimal such as 7.25 or 1e6)`);
  }
  return raw.trim();
}

/** An integer given on the command line, within [min, max]. */
export function parseInteger(option: string, raw: string | boolean | undefined, range: { readonly min: number; readonly max: number }): number {
  if (typeof raw !== "string" || !/^[+-]?\d+$/.test(raw.trim())) {
    throw new UsageError(`--${option}: '${String(raw ?? "")}' is not an integer (allowed: ${range.min} to ${range.max})`);
  }
  const value = Number(raw);
  if (value < range.min || value > range.max) {
    throw new UsageError(`--${option}: ${raw} is outside the allowed range ${range.min} to ${range.max}`);
  }
  return value;
}

/** An optional integer option: its default when absent. */
export function integerOption(option: string, raw: string | boolean | undefined, range: { readonly min: number; readonly max: number }, fallback: number): number {
  return raw === undefined ? fallback : parseInteger(option, raw, range);
}

/** A dimension d (decimal string) inside the family's range. */
export function parseDimension(option: string, raw: string | boolean | undefined, f: FamilyDefinition): string {
  if (raw === undefined) throw new UsageError(`--${option} <real> is required (family ${f.name}: d in [${f.range.min}, ${f.range.max}])`);
  const d = parseReal(option, raw);
  if (Number(d) < Number(f.range.min) || Number(d) > Number(f.range.max)) {
    throw new UsageError(`--${option}: ${d} is outside family ${f.name}'s range [${f.range.min}, ${f.range.max}]`);
  }
  return d;
}

/** The single positional family of a command (a UsageError otherwise; unknown names list the families). */
export function oneFamily(command: string, positionals: readonly string[], example: string): FamilyDefinition {
  if (positionals.length !== 1) throw new UsageError(`${command}: give exactly one family, e.g. ${example}`);
  return findFamily(positionals[0]!);
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

/** An output folder: non-empty, and not an existing file. */
export function parseOutDir(option: string, raw: string | boolean | undefined): string {
  if (typeof raw !== "string" || raw.trim() === "") throw new UsageError(`--${option}: give a folder to write into`);
  const stat = statSync(raw, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isDirectory()) throw new UsageError(`--${option}: '${raw}' exists and is not a folder`);
  return raw;
}
