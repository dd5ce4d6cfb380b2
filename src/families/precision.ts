import type { Decimal } from "decimal.js";
import { BigFloatField } from "../numbers/bigFloatField.js";
import { DecimalField } from "../numbers/decimalField.js";
import type { RealField } from "../numbers/field.js";

/**
 * The arithmetic of the numeric work on a family (docs/families.md, "Arithmetic"): binary floats on
 * BigInt mantissas (BigFloatField, several times faster) or decimal.js (DecimalField). Inputs and
 * results are decimal.js numbers either way; the arithmetic is what the Newton solves, the blocks and
 * their eigenvalues run in.
 */
export type Arithmetic = "binary" | "decimal";

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
  /** The field in which L_P is evaluated at d: digits + guardDigits(d), as decimal.js numbers (inputs, results). */
  working(d: Decimal | number): DecimalField;
  /** The arithmetic the numerics run in (binary unless asked otherwise). */
  readonly arithmetic: Arithmetic;
  /**
   * The field the numerics run in at `digits` significant digits (the digits of a working field):
   * BigFloatField(digits) for binary, DecimalField(digits) for decimal.
   */
  numeric(digits: number): RealField<unknown>;
  /** The context of the confirming solve (confirmationDigits more digits). */
  confirming(): PrecisionContext;
  /** Digits for reading a decimal d given as text (20 beyond `digits`, so that d itself is exact). */
  readonly inputDigits: number;
}

/** The margin of guard digits beyond 2 log10(d). */
const GUARD_MARGIN = 10;

/** The precision context for `digits` significant digits (confirmation at 10 more), in `arithmetic` (default binary). */
export function precisionContext(digits: number, arithmetic: Arithmetic = "binary"): PrecisionContext {
  const guardDigits = (d: Decimal | number): number => {
    const value = typeof d === "number" ? d : d.toNumber();
    return Math.ceil(2 * Math.log10(Math.max(value, 10))) + GUARD_MARGIN;
  };
  const fields = new Map<number, RealField<unknown>>();
  const numeric = (n: number): RealField<unknown> => {
    let F = fields.get(n);
    if (F === undefined) {
      F = (arithmetic === "binary" ? new BigFloatField(n) : new DecimalField(n)) as RealField<unknown>;
      fields.set(n, F);
    }
    return F;
  };
  return {
    digits,
    confirmationDigits: 10,
    inputDigits: digits + 20,
    guardDigits,
    working: (d) => new DecimalField(digits + guardDigits(d)),
    arithmetic,
    numeric,
    confirming: () => precisionContext(digits + 10, arithmetic),
  };
}
