import { Decimal } from "decimal.js";
import { CHECK_FIELD, DECIMAL_LITERAL, decimalOf, parseExactValue, type CheckValue } from "./exactValue.js";

/**
 * A value as a table gives it (docs/check.md, "verdicts"): exact (compared exactly in CHECK_FIELD) or a
 * decimal (agrees when the exact value rounds to it at the number of decimal places given).
 */
export type GivenValue = { readonly kind: "exact"; readonly text: string; readonly value: CheckValue } | { readonly kind: "decimal"; readonly text: string; readonly value: Decimal; readonly places: number; readonly significant: number };

const E = CHECK_FIELD;
/** Enough digits to round any decimal a table gives. */
const WORK_DIGITS = 60;

export function readGivenValue(text: string): GivenValue {
  const t = text.trim();
  if (DECIMAL_LITERAL.test(t)) {
    const value = new Decimal(t);
    const [mantissa, exponent] = t.replace(/^[+-]/, "").toLowerCase().split("e");
    const fraction = mantissa!.split(".")[1] ?? "";
    const places = fraction.length - Number(exponent ?? 0);
    const significant = mantissa!.replace(".", "").replace(/^0+/, "").length;
    return { kind: "decimal", text: t, value, places, significant: Math.max(1, significant) };
  }
  return { kind: "exact", text: t, value: parseExactValue(t) };
}

function rounded(x: CheckValue, places: number): Decimal {
  return decimalOf(x, WORK_DIGITS).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** Whether the exact value `x` is what the table gives. */
export function matches(x: CheckValue, given: GivenValue): boolean {
  return given.kind === "exact" ? E.equals(x, given.value) : rounded(x, given.places).equals(given.value);
}

/** Significant digits in which the given value agrees with x (null: exactly equal). */
export function digitsInAgreement(x: CheckValue, given: GivenValue): number | null {
  if (given.kind === "exact" && E.equals(x, given.value)) return null;
  if (given.kind === "decimal" && matches(x, given)) return given.significant;
  const exact = decimalOf(x, WORK_DIGITS);
  const theirs = given.kind === "exact" ? decimalOf(given.value, WORK_DIGITS) : given.value;
  if (exact.isZero()) return 0;
  const relative = theirs.sub(exact).abs().div(exact.abs());
  if (relative.isZero()) return WORK_DIGITS;
  return Math.max(0, Math.floor(-relative.log(10).toNumber()));
}

/** A decimal string with one digit changed relative to the engine's rounding, if that is the difference. */
function oneDigitOfDecimal(x: CheckValue, given: Extract<GivenValue, { kind: "decimal" }>): string | undefined {
  const places = Math.max(0, given.places);
  const ours = rounded(x, given.places).toFixed(places);
  const theirs = given.value.toFixed(places);
  if (ours.length !== theirs.length) return undefined;
  const differ = [...ours].flatMap((c, i) => (c !== theirs[i] ? [i] : []));
  return differ.length === 1 && /\d/.test(ours[differ[0]!]!) ? `one digit changed (${theirs[differ[0]!]} where the engine's rounding ${ours} has ${ours[differ[0]!]})` : undefined;
}

/** An exact expression with one digit changed that equals x, if there is one. */
function oneDigitOfExpression(x: CheckValue, text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    if (!/\d/.test(text[i]!)) continue;
    for (const digit of "0123456789") {
      if (digit === text[i]) continue;
      const changed = text.slice(0, i) + digit + text.slice(i + 1);
      try {
        if (E.equals(parseExactValue(changed), x)) return `one digit changed (${text[i]} where the engine's value ${changed} has ${digit})`;
      } catch {
        // A variant that does not parse is not an explanation.
      }
    }
  }
  return undefined;
}

const pi = parseExactValue("pi");
const FACTORS: readonly { name: string; factor: CheckValue }[] = [
  { name: "2", factor: E.fromInt(2) },
  { name: "1/2", factor: E.fromRational(1, 2) },
  { name: "pi", factor: pi },
  { name: "1/pi", factor: E.inv(pi) },
  { name: "-2", factor: E.fromInt(-2) },
  { name: "-1/2", factor: E.fromRational(-1, 2) },
];

/** A neighbouring coefficient: its power of d and exact value. */
export interface Neighbour {
  readonly power: string;
  readonly value: CheckValue;
}

/**
 * The simplest explanation of a disagreement that fits (docs/check.md, "hints"): opposite sign, off by a
 * factor 2 or pi, one digit changed, or the coefficient of a neighbouring power; undefined if none.
 */
export function explainDisagreement(x: CheckValue, given: GivenValue, neighbours: readonly Neighbour[]): string | undefined {
  if (!E.isZero(x) && matches(E.neg(x), given)) return "opposite sign";
  if (!E.isZero(x)) {
    for (const { name, factor } of FACTORS) if (matches(E.mul(factor, x), given)) return `off by a factor ${name} (the table's value is ${name} times the engine's)`;
  }
  const digit = given.kind === "decimal" ? oneDigitOfDecimal(x, given) : oneDigitOfExpression(x, given.text);
  if (digit !== undefined) return digit;
  for (const n of neighbours) if (matches(n.value, given)) return `the coefficient of the neighbouring power d^(${n.power})`;
  return undefined;
}
