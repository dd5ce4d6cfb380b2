import type { Decimal } from "decimal.js";
import { DecimalField } from "../numbers/decimalField.js";

/**
 * The working precision of one numeric computation on a family (docs/families.md, "Guard digits"),
 * passed explicitly from the command that chose `digits` down to every Newton solve and eigenvalue.
 */
export interface PrecisionContext {
  /** Significant digits asked for. */
  readonly digits: number;
  /** Extra digits of the confirming solve: the digits on which both solves agree are reported. */
  readonly confirmationDigits: number;
  /**
   * Guard digits for evaluating L_P at dimension d: its O(d^2) terms cancel to O(1), and its W-Hessian
   * mixes scales d^0..d^2, so about 2 log10(d) digits are lost, plus a fixed margin.
   */
  guardDigits(d: Decimal | number): number;
  /** The field in which L_P is evaluated at d: digits + guardDigits(d). */
  working(d: Decimal | number): DecimalField;
  /** The context of the confirming solve (confirmationDigits more digits). */
  confirming(): PrecisionContext;
  /** Digits for reading a decimal d given as text (20 beyond `digits`, so that d itself is exact). */
  readonly inputDigits: number;
}

/** The margin of guard digits beyond 2 log10(d). */
const GUARD_MARGIN = 10;

/** The precision context for `digits` significant digits (confirmation at 10 more). */
export function precisionContext(digits: number): PrecisionContext {
  const guardDigits = (d: Decimal | number): number => {
    const value = typeof d === "number" ? d : d.toNumber();
    return Math.ceil(2 * Math.log10(Math.max(value, 10))) + GUARD_MARGIN;
  };
  return {
    digits,
    confirmationDigits: 10,
    inputDigits: digits + 20,
    guardDigits,
    working: (d) => new DecimalField(digits + guardDigits(d)),
    confirming: () => precisionContext(digits + 10),
  };
}
