import { MAX_WIDTH_OFFSET, parseWidthName } from "../model/studentModel.js";
import type { FamilyDefinition, FieldDeclaration, ParamScaling, SeriesDeclaration } from "./definition.js";

/**
 * Reading one family file, derivations/<name>.json (docs/families.md §1): the JSON is checked field by field
 * against FamilyDefinition, and anything missing, mistyped or unknown is an error naming the file and the
 * field's path, e.g. "derivations/2a.json: seed.params.x3 must be a decimal string, got 1.2".
 */

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Json = unknown;

export class FieldReader {
  constructor(private readonly file: string) {}

  fail(path: string, expected: string, value: Json): never {
    throw new Error(`${this.file}: ${path} must be ${expected}, got ${value === undefined ? "nothing" : JSON.stringify(value)}`);
  }

  /** An object with exactly these required (and optional) keys. */
  object(path: string, value: Json, required: readonly string[], optional: readonly string[] = []): Record<string, Json> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) this.fail(path, "an object", value);
    const o = value as Record<string, Json>;
    for (const k of Object.keys(o)) {
      if (!required.includes(k) && !optional.includes(k)) throw new Error(`${this.file}: ${path === "" ? "" : `${path}.`}${k} is not a field of a family definition (fields here: ${[...required, ...optional].join(", ")})`);
    }
    for (const k of required) if (!(k in o)) throw new Error(`${this.file}: ${path === "" ? "" : `${path}.`}${k} is missing`);
    return o;
  }

  /** A record of any keys, each value read by `item`. */
  record<T>(path: string, value: Json, item: (path: string, v: Json) => T): Record<string, T> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) this.fail(path, "an object", value);
    return Object.fromEntries(Object.entries(value as Record<string, Json>).map(([k, v]) => [k, item(`${path}.${k}`, v)]));
  }

  text(path: string, value: Json): string {
    if (typeof value !== "string" || value.trim() === "") this.fail(path, "a non-empty string", value);
    return value as string;
  }

  decimal(path: string, value: Json): string {
    if (typeof value !== "string" || !DECIMAL.test(value)) this.fail(path, "a decimal string", value);
    return value as string;
  }

  integer(path: string, value: Json, min = -Infinity): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min) this.fail(path, min === 0 ? "an integer >= 0" : "an integer", value);
    return value as number;
  }
}

function paramScaling(r: FieldReader, path: string, value: Json): ParamScaling {
  const o = r.object(path, value, ["known", "leading"]);
  if (!Array.isArray(o.known) || o.known.length === 0) r.fail(`${path}.known`, "a non-empty list of strings", o.known);
  return { known: (o.known as Json[]).map((k, i) => r.text(`${path}.known[${i}]`, k)), leading: r.text(`${path}.leading`, o.leading) };
}

/** The declared field: { kind: "Q(pi)" }, { kind: "Decimal" } or { kind: "quadratic", radicand: k } (checked further by declaredField). */
function fieldDeclaration(r: FieldReader, value: Json): FieldDeclaration {
  const kind = (value as { kind?: Json } | null)?.kind;
  if (kind === "quadratic") {
    const o = r.object("series.field", value, ["kind", "radicand"]);
    return { kind, radicand: r.integer("series.field.radicand", o.radicand, 2) };
  }
  r.object("series.field", value, ["kind"]);
  if (kind !== "Q(pi)" && kind !== "Decimal") r.fail("series.field.kind", '"Q(pi)", "quadratic" or "Decimal"', kind);
  return { kind };
}

function seriesDeclaration(r: FieldReader, value: Json): SeriesDeclaration {
  const o = r.object("series", value, ["field", "params", "equations", "note"], ["exactPoint"]);
  if (o.exactPoint !== undefined && o.exactPoint !== true) r.fail("series.exactPoint", "true when present", o.exactPoint);
  return {
    field: fieldDeclaration(r, o.field),
    ...(o.exactPoint === true ? { exactPoint: true } : {}),
    params: r.record("series.params", o.params, (p, v) => paramScaling(r, p, v)),
    equations: r.record("series.equations", o.equations, (p, v) => r.integer(p, v)),
    note: r.text("series.note", o.note),
  };
}

/** The split [s, t] of the p special indices into two paired classes: positive integers with s + t = p. */
function splitOf(r: FieldReader, value: Json, p: number): [number, number] {
  const ok = Array.isArray(value) && value.length === 2 && value.every((s) => Number.isInteger(s) && (s as number) >= 1) && (value[0] as number) + (value[1] as number) === p;
  if (!ok) r.fail("split", `two positive integers adding up to p = ${p}`, value);
  return value as [number, number];
}

/** The family defined by the JSON text of `file` (a path such as "derivations/2a.json", used in errors). */
export function parseFamilyFile(file: string, text: string): FamilyDefinition {
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const r = new FieldReader(file);
  const o = r.object("", json, ["name", "p", "kind", "signs", "description", "foundBy", "seed", "range"], ["width", "split", "series"]);
  const name = r.text("name", o.name);
  const expectedName = /([^/\\]+)\.json$/.exec(file)?.[1];
  if (name !== expectedName) r.fail("name", `the file's name '${expectedName ?? file}'`, name);
  const p = r.integer("p", o.p, 0);
  if (o.kind !== "a" && o.kind !== "b") r.fail("kind", "\"a\" or \"b\"", o.kind);
  const widthOffset = o.width === undefined ? 0 : parseWidthName(r.text("width", o.width));
  if (widthOffset === undefined) r.fail("width", `a width "d", "d+H" or "d-H" (H from 1 to ${MAX_WIDTH_OFFSET})`, o.width);
  const split = o.split === undefined ? undefined : splitOf(r, o.split, p);
  const classes = (p === 0 ? 1 : split === undefined ? 2 : 3) + (widthOffset! > 0 ? 1 : 0);
  if (!Array.isArray(o.signs) || o.signs.length !== classes || !o.signs.every((s) => s === 1 || s === -1)) {
    r.fail("signs", `a list of ${classes} signs 1 or -1 (one per row class of the pattern with p = ${p}${split === undefined ? "" : " split"}${widthOffset! > 0 ? " and its extra rows" : ""})`, o.signs);
  }
  const foundBy = r.object("foundBy", o.foundBy, ["command", "note"]);
  const seed = r.object("seed", o.seed, ["d", "params", "note"]);
  const range = r.object("range", o.range, ["min", "max", "note"]);
  return {
    name,
    p,
    ...(o.width === undefined ? {} : { width: o.width as string }),
    ...(split === undefined ? {} : { split }),
    kind: o.kind as "a" | "b",
    signs: o.signs as (1 | -1)[],
    description: r.text("description", o.description),
    foundBy: { command: r.text("foundBy.command", foundBy.command), note: r.text("foundBy.note", foundBy.note) },
    seed: { d: r.decimal("seed.d", seed.d), params: r.record("seed.params", seed.params, (path, v) => r.decimal(path, v)), note: r.text("seed.note", seed.note) },
    range: { min: r.decimal("range.min", range.min), max: r.decimal("range.max", range.max), note: r.text("range.note", range.note) },
    ...(o.series === undefined ? {} : { series: seriesDeclaration(r, o.series) }),
  };
}
