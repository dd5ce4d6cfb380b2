import type { FamilyDefinition } from "../families/definition.js";
import { checkFamilyModel, familyWidthOffset } from "../families/models.js";
import { TEMPLATES } from "../families/templates.js";
import { MAX_WIDTH_OFFSET, parseWidthName, SECOND_LAYERS, widthName, type SecondLayer, type StudentModel } from "../model/studentModel.js";

// Validators of arguments shared by the command line (src/cli/args.ts, labels such as "--d") and the
// library (src/api/index.ts, labels such as "d"): each throws a one-line RangeError naming the argument,
// the bad value and what is allowed.

/** Bounds of an integer argument. */
export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

/** Bounds of the arguments of the commands and of the library functions (docs/cli.md, docs/api.md). */
export const LIMITS = {
  criticalDigits: { min: 10, max: 1000 },
  spectrumDigits: { min: 10, max: 1000 },
  crossingDigits: { min: 15, max: 200 },
  verifyDigits: { min: 30, max: 200 },
  /** The highest power of eps of the family series (and of the orders of a checked table). */
  seriesOrder: { min: 0, max: 40 },
  /** The highest power of eps of a template's series with p a symbol (`spurious series a --p symbolic`; order 10 takes seconds, each order more about twice as long). */
  templateSeriesOrder: { min: 0, max: 12 },
  /** The highest power of eps of the eigenvalue series (the family series is derived ~10 orders higher). */
  eigenOrder: { min: 0, max: 20 },
  /** The neurons added by `spurious annihilation --neurons H`. */
  annihilationNeurons: { min: 1, max: 10 },
  /** The order in eps of the split test's eigenvalue series (`spurious annihilation --series N`). */
  annihilationSeries: { min: 0, max: 6 },
  discover: { d: { min: 2, max: 60 }, runs: { min: 1, max: 10000 }, seed: { min: 0, max: 4294967295 } },
  /** spurious census: d (the census pattern needs a bulk of two indices besides two more classes), the most classes of a type, the training runs, their seed, and the library's threads. */
  census: { d: { min: 4, max: 1000 }, classes: { min: 1, max: 3 }, runs: { min: 1, max: 100000 }, seed: { min: 0, max: 4294967295 }, threads: { min: 1, max: 256 } },
} as const;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A real number as its decimal string (no NaN, Infinity or hex). */
export function realArgument(label: string, raw: unknown): string {
  const text = typeof raw === "number" ? String(raw) : raw;
  if (typeof text !== "string" || !NUMBER.test(text.trim())) {
    throw new RangeError(`${label}: '${String(raw ?? "")}' is not a number (expected a decimal such as 7.25 or 1e6)`);
  }
  return text.trim();
}

/** An integer within [min, max], given as text (command line) or as a number (library). */
export function integerArgument(label: string, raw: unknown, range: IntegerRange): number {
  const text = typeof raw === "number" ? String(raw) : raw;
  if (typeof text !== "string" || !/^[+-]?\d+$/.test(text.trim())) {
    throw new RangeError(`${label}: '${String(raw ?? "")}' is not an integer (allowed: ${range.min} to ${range.max})`);
  }
  const value = Number(text);
  if (value < range.min || value > range.max) {
    throw new RangeError(`${label}: ${text} is outside the allowed range ${range.min} to ${range.max}`);
  }
  return value;
}

/** A dimension d (decimal string) inside the family's range. */
export function dimensionArgument(label: string, raw: unknown, f: FamilyDefinition): string {
  const d = realArgument(label, raw);
  if (Number(d) < Number(f.range.min) || Number(d) > Number(f.range.max)) {
    throw new RangeError(`${label}: ${d} is outside family ${f.name}'s range [${f.range.min}, ${f.range.max}]`);
  }
  return d;
}

/** A second layer: trained or fixed (default trained). */
export function secondLayerArgument(label: string, raw: unknown): SecondLayer {
  if (raw === undefined) return "trained";
  if (typeof raw !== "string" || !(SECOND_LAYERS as readonly string[]).includes(raw)) {
    throw new RangeError(`${label}: '${String(raw)}' is not a second layer (allowed: ${SECOND_LAYERS.join(", ")})`);
  }
  return raw as SecondLayer;
}

/** A student width k written d, d+H or d-H (H from 1 to MAX_WIDTH_OFFSET; default d), as its offset H. */
export function widthArgument(label: string, raw: unknown): number {
  if (raw === undefined) return 0;
  const h = typeof raw === "string" ? parseWidthName(raw) : undefined;
  if (h === undefined) throw new RangeError(`${label}: '${String(raw)}' is not a width (allowed: d, d+H or d-H with H from 1 to ${MAX_WIDTH_OFFSET})`);
  return h;
}

/**
 * The model given by a second layer and a width (the family's own width when none is given), checked
 * against the models family f has been derived for.
 */
export function modelArgument(labels: { secondLayer: string; width: string }, f: FamilyDefinition, secondLayer: unknown, width: unknown): StudentModel {
  const widthOffset = width === undefined ? familyWidthOffset(f) : widthArgument(labels.width, width);
  return checkFamilyModel(f, { secondLayer: secondLayerArgument(labels.secondLayer, secondLayer), widthOffset });
}

/**
 * A family that `annihilation` accepts: one at k = d (docs/annihilation.md §8 says why the families of other
 * widths are refused). `known` lists every family, from which those at k = d are named.
 */
export function annihilationFamily(f: FamilyDefinition, known: readonly FamilyDefinition[]): FamilyDefinition {
  const h = familyWidthOffset(f);
  if (h === 0) return f;
  const allowed = known.filter((g) => familyWidthOffset(g) === 0).map((g) => g.name);
  throw new RangeError(`family ${f.name} is at width ${widthName(h)}: annihilation adds neurons to a family at k = d (allowed: ${allowed.join(", ")})`);
}

/** A template whose series can be derived with p a symbol: one with a series declaration (a, b). */
export function symbolicTemplateArgument(label: string, raw: unknown): string {
  const withSeries = TEMPLATES.filter((t) => t.series !== undefined).map((t) => t.name);
  if (typeof raw !== "string" || !withSeries.includes(raw)) throw new RangeError(`${label}: '${String(raw ?? "")}' is not a template with a series declaration (allowed: ${withSeries.join(", ")})`);
  return raw;
}
