import type Fraction from "fraction.js";
import { FAMILIES } from "../families/registry.js";
import { COMPONENT_NAMES_ALLOWED, readComponentName } from "../representations/componentNames.js";
import { COMMITTED_EIGEN_ORDER, COMMITTED_SERIES_ORDER } from "../output/committedOrders.js";
import { DECIMAL_DIGITS, powerOfD } from "../output/seriesTables.js";
import { digitsInAgreement, explainDisagreement, matches, readGivenValue, type GivenValue, type Neighbour } from "./compare.js";
import { FamilyCoefficients, type PublishedSeries } from "./engineCoefficients.js";
import { decimalOf, parseExactValue, parsePower, type CheckValue } from "./exactValue.js";
import { readTable, TableError, type TableRow } from "./table.js";

/**
 * `spurious check`: a transcribed table of series coefficients against the engine's exact series, one
 * verdict per row (docs/check.md).
 */

export type Verdict = "agree" | "disagree" | "not computed";

export interface CheckedRow {
  readonly line: number;
  readonly family: string;
  readonly quantity: string;
  readonly power: string;
  readonly value: string;
  readonly component?: string;
  readonly label?: string;
  /** For an eigenvalue: which eigenvalue of the component (1-based, as eigen-series numbers them) the label matched. */
  readonly eigenvalue?: number;
  readonly verdict: Verdict;
  /** The engine's exact coefficient (null when not computed or numeric). */
  readonly exact: string | null;
  readonly decimal: string | null;
  /** Significant digits in agreement; null for an exact agreement or when not computed. */
  readonly digits: number | null;
  readonly hint: string | null;
  /** The table's other columns, echoed. */
  readonly columns: Readonly<Record<string, string>>;
}

export interface CheckResult {
  readonly rows: CheckedRow[];
  readonly agree: number;
  readonly disagree: number;
  readonly notComputed: number;
}

export interface CheckOptions {
  /** The file name used in error messages. */
  readonly file?: string;
  /** The highest power of eps computed; default the committed orders (10 for parameters and loss, 4 for eigenvalues). */
  readonly order?: number;
}

const REQUIRED = ["family", "quantity", "power", "value"];
const KNOWN = [...REQUIRED, "component", "label"];
const QUANTITY = /^(x[1-6]|y[12]|effective x[1-6]|loss|eigenvalue)$/;
const QUANTITIES_ALLOWED = "x1..x6, y1, y2, effective x1..x6, loss, eigenvalue";

/** A row read and validated: what it asks and what it gives. */
interface Request {
  readonly row: TableRow;
  readonly family: string;
  readonly quantity: string;
  readonly power: Fraction;
  /** eps exponent k = -2 * power (a non-integer k is a power the series never has). */
  readonly k: number;
  readonly given: GivenValue;
  readonly component?: string;
  readonly label?: string;
}

function readRequest(file: string, row: TableRow): Request {
  const fail = (what: string): never => {
    throw new TableError(file, row.line, what);
  };
  const cell = (name: string): string => (row.cells[name] ?? "").trim();
  const family = cell("family");
  if (!FAMILIES.some((f) => f.name === family)) fail(`unknown family '${family}' (allowed: ${FAMILIES.map((f) => f.name).join(", ")})`);
  const quantity = cell("quantity").toLowerCase().replace(/\s+/g, " ");
  if (!QUANTITY.test(quantity)) fail(`unknown quantity '${cell("quantity")}' (allowed: ${QUANTITIES_ALLOWED})`);
  const power = parsePower(cell("power")) ?? fail(`power '${cell("power")}' is not a rational (allowed: e.g. 0, -1/2, -3/2, 1)`);
  let given: GivenValue;
  try {
    given = readGivenValue(cell("value"));
  } catch (e) {
    return fail(`value: ${(e as Error).message}, or a decimal such as -2.5816536287`);
  }
  const k = -2 * power.valueOf();
  if (quantity !== "eigenvalue") return { row, family, quantity, power, k, given };
  const componentText = cell("component");
  if (componentText === "") fail("an eigenvalue needs the columns component and label");
  const component = readComponentName(componentText) ?? fail(`unknown component '${componentText}' (allowed: ${COMPONENT_NAMES_ALLOWED})`);
  const label = cell("label");
  if (label === "") fail("an eigenvalue needs a label (rows with the same family, component and label are one eigenvalue)");
  return { row, family, quantity, power, k, given, component, label };
}

function extraColumns(row: TableRow): Record<string, string> {
  return Object.fromEntries(Object.entries(row.cells).filter(([c]) => !KNOWN.includes(c)));
}

/** The engine's coefficient of a series at eps^k as CHECK_FIELD element, text and decimal. */
function engineValue(s: PublishedSeries, k: number): { value: CheckValue; exact: string; decimal: string } | undefined {
  const c = s.coefficient(k);
  if (c === undefined) return undefined;
  if (!s.field.exact) throw new RangeError(`the engine's coefficient is numeric (${s.field.name}); check compares exact coefficients`);
  const exact = s.field.toString(c);
  const value = parseExactValue(exact);
  return { value, exact, decimal: decimalOf(value, DECIMAL_DIGITS).toString() };
}

function neighbours(s: PublishedSeries, k: number): Neighbour[] {
  if (!Number.isInteger(k)) return [];
  return [k - 1, k + 1].flatMap((j) => {
    const v = engineValue(s, j);
    return v === undefined ? [] : [{ power: powerOfD(j), value: v.value }];
  });
}

function verdictRow(r: Request, s: PublishedSeries | string, eigenvalue?: number): CheckedRow {
  const base = {
    line: r.row.line,
    family: r.family,
    quantity: r.quantity,
    power: r.power.toFraction(),
    value: r.given.text,
    ...(r.component === undefined ? {} : { component: r.component, label: r.label }),
    ...(eigenvalue === undefined ? {} : { eigenvalue }),
    columns: extraColumns(r.row),
  };
  const notComputed = (hint: string): CheckedRow => ({ ...base, verdict: "not computed", exact: null, decimal: null, digits: null, hint });
  if (typeof s === "string") return notComputed(s);
  const v = engineValue(s, r.k);
  if (v === undefined) return notComputed(`the series is computed to d^(${powerOfD(s.order)}) (raise --order)`);
  const agree = matches(v.value, r.given);
  const hint = agree ? null : (explainDisagreement(v.value, r.given, neighbours(s, r.k)) ?? null);
  return { ...base, verdict: agree ? "agree" : "disagree", exact: v.exact, decimal: v.decimal, digits: digitsInAgreement(v.value, r.given), hint };
}

/** The eigenvalue of the component whose series agrees with the most given coefficients (ties: the first). */
function matchLabel(group: readonly Request[], eigenvalues: readonly PublishedSeries[]): number {
  let best = 0;
  let bestScore = -1;
  eigenvalues.forEach((e, i) => {
    const score = group.filter((r) => {
      const v = engineValue(e, r.k);
      return v !== undefined && matches(v.value, r.given);
    }).length;
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return best;
}

/** Check a transcribed table (CSV or Markdown text): one verdict per row, and the counts. */
export function checkTable(text: string, options: CheckOptions = {}): CheckResult {
  const file = options.file ?? "<table>";
  const table = readTable(file, text);
  const missing = REQUIRED.filter((c) => !table.columns.includes(c));
  if (missing.length > 0) throw new TableError(file, 1, `missing required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the header needs family, quantity, power, value; component and label for eigenvalues)`);
  if (table.rows.length === 0) throw new TableError(file, 1, "the table has a header but no rows");
  const requests = table.rows.map((row) => readRequest(file, row));
  const needed = (eigen: boolean): number => Math.max(0, ...requests.filter((r) => (r.quantity === "eigenvalue") === eigen).map((r) => Math.ceil(r.k)));
  const seriesOrder = Math.min(options.order ?? COMMITTED_SERIES_ORDER, needed(false));
  const eigenOrder = Math.min(options.order ?? COMMITTED_EIGEN_ORDER, needed(true));
  const engines = new Map<string, FamilyCoefficients>();
  const engine = (family: string): FamilyCoefficients => {
    let e = engines.get(family);
    if (e === undefined) {
      e = new FamilyCoefficients(FAMILIES.find((f) => f.name === family)!, seriesOrder, eigenOrder);
      engines.set(family, e);
    }
    return e;
  };
  const groups = new Map<string, Request[]>();
  for (const r of requests.filter((x) => x.quantity === "eigenvalue")) {
    const key = JSON.stringify([r.family, r.component, r.label]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const matched = new Map<Request, CheckedRow>();
  for (const group of groups.values()) {
    const first = group[0]!;
    const eigenvalues = engine(first.family).eigenvalues(first.component!);
    if (typeof eigenvalues === "string") {
      for (const r of group) matched.set(r, verdictRow(r, eigenvalues));
      continue;
    }
    const i = matchLabel(group, eigenvalues);
    for (const r of group) matched.set(r, verdictRow(r, eigenvalues[i]!, i + 1));
  }
  const rows = requests.map((r) => {
    if (r.quantity === "eigenvalue") return matched.get(r)!;
    const s = engine(r.family).quantity(r.quantity);
    return verdictRow(r, s ?? `family ${r.family} has no quantity ${r.quantity} (it has ${engine(r.family).parameterNames().join(", ")}, their effective entries, and loss)`);
  });
  const count = (v: Verdict): number => rows.filter((r) => r.verdict === v).length;
  return { rows, agree: count("agree"), disagree: count("disagree"), notComputed: count("not computed") };
}
