import { FieldReader } from "./definitionFile.js";
import type { FamilyTemplate, TemplateSeries } from "./template.js";

/**
 * Reading one template file, derivations/templates/<name>.json (docs/families.md §11), field by field like
 * a family file: anything missing, mistyped or unknown is an error naming the file and the field.
 */
export function parseTemplateFile(file: string, text: string): FamilyTemplate {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const r = new FieldReader(file);
  const o = r.object("", json, ["name", "kind", "signs", "description", "aliases", "p", "foundBy", "seed", "range"], ["series"]);
  const name = r.text("name", o.name);
  const expectedName = /([^/\\]+)\.json$/.exec(file)?.[1];
  if (name !== expectedName) r.fail("name", `the file's name '${expectedName ?? file}'`, name);
  if (o.kind !== "a" && o.kind !== "b") r.fail("kind", "\"a\" or \"b\"", o.kind);
  if (!Array.isArray(o.signs) || o.signs.length !== 2 || !o.signs.every((s) => s === 1 || s === -1)) r.fail("signs", "two signs 1 or -1 (on A and B)", o.signs);
  const pRange = r.object("p", o.p, ["min", "max", "note"]);
  const pMin = r.integer("p.min", pRange.min, 1);
  const pMax = r.integer("p.max", pRange.max, pMin);
  const foundBy = r.object("foundBy", o.foundBy, ["command", "note"]);
  const seed = r.object("seed", o.seed, ["d", "points", "note"]);
  const points = r.record("seed.points", seed.points, (path, v) => r.record(path, v, (q, x) => r.decimal(q, x)));
  for (let p = pMin; p <= pMax; p++) {
    const expected = p === 1 ? 5 : 6;
    const got = points[String(p)];
    if (got === undefined || Object.keys(got).length !== expected) r.fail(`seed.points.${p}`, `the ${expected} parameters x1..x${expected} of p = ${p}`, got);
  }
  const range = r.object("range", o.range, ["min", "max", "note"]);
  return {
    name,
    kind: o.kind as "a" | "b",
    signs: o.signs as (1 | -1)[],
    description: r.text("description", o.description),
    aliases: r.record("aliases", o.aliases, (path, v) => r.text(path, v)),
    p: { min: pMin, max: pMax, note: r.text("p.note", pRange.note) },
    foundBy: { command: r.text("foundBy.command", foundBy.command), note: r.text("foundBy.note", foundBy.note) },
    seed: { d: r.decimal("seed.d", seed.d), points, note: r.text("seed.note", seed.note) },
    range: { min: r.text("range.min", range.min), max: r.text("range.max", range.max), note: r.text("range.note", range.note) },
    ...(o.series === undefined ? {} : { series: templateSeries(r, o.series) }),
  };
}

/** The series declaration of a template (known terms and limit values as expressions in p). */
function templateSeries(r: FieldReader, value: unknown): TemplateSeries {
  const o = r.object("series", value, ["field", "params", "equations", "note"]);
  const field = r.object("series.field", o.field, ["kind"], ["radicand"]);
  if (field.kind !== "Q(pi)" && field.kind !== "quadratic") r.fail("series.field.kind", '"Q(pi)" or "quadratic"', field.kind);
  return {
    field: field.kind === "quadratic" ? { kind: "quadratic", radicand: r.text("series.field.radicand", field.radicand) } : { kind: "Q(pi)" },
    params: r.record("series.params", o.params, (path, v) => {
      const q = r.object(path, v, ["known", "leading"]);
      if (!Array.isArray(q.known) || q.known.length === 0) r.fail(`${path}.known`, "a non-empty list of strings", q.known);
      return { known: (q.known as unknown[]).map((k, i) => r.text(`${path}.known[${i}]`, k)), leading: r.text(`${path}.leading`, q.leading) };
    }),
    equations: r.record("series.equations", o.equations, (path, v) => r.integer(path, v)),
    note: r.text("series.note", o.note),
  };
}
