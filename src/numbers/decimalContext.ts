import { Decimal } from "decimal.js";

const contexts = new Map<number, typeof Decimal>();
const pis = new Map<number, Decimal>();

/** The largest working precision any context accepts. */
export const MAX_DIGITS = 100000;

/**
 * A decimal.js constructor working at `digits` significant digits. Precision is a property of the
 * context, never a hidden global (docs/numbers.md): each precision gets its own clone, cached.
 */
export function decimalContext(digits: number): typeof Decimal {
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS) {
    throw new RangeError(`digits must be an integer from 1 to ${MAX_DIGITS}, got ${digits}`);
  }
  let ctx = contexts.get(digits);
  if (ctx === undefined) {
    ctx = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -7, toExpPos: 21 });
    contexts.set(digits, ctx);
  }
  return ctx;
}

/** pi rounded to `digits` significant digits (cached). */
export function decimalPi(digits: number): Decimal {
  let pi = pis.get(digits);
  if (pi === undefined) {
    pi = decimalContext(digits).acos(-1);
    pis.set(digits, pi);
  }
  return pi;
}
