import type { Decimal } from "decimal.js";

/**
 * Guard digits for evaluating L_P at dimension d: its O(d^2) terms cancel to O(1), and its W-Hessian
 * mixes scales d^0..d^2, so about 2 log10(d) digits are lost (DESIGN trap 3; docs/families.md).
 */
export function guardDigits(d: Decimal | number): number {
  const value = typeof d === "number" ? d : d.toNumber();
  return Math.ceil(2 * Math.log10(Math.max(value, 10))) + 10;
}
