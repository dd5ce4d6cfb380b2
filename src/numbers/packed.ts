import { type IntPoly, intPolyPack, maxBits } from "./intPoly.js";

/**
 * Kronecker substitutions p(2^B) of the denominator cofactors of sums of products (products of basis
 * factors, FactorBasis.expandCached), cached per polynomial (IntPolys are immutable, so the array
 * identifies the value; docs/numbers.md §4, "sums of products"). Numerators are cached on their elements
 * instead (qpi.ts), which costs no WeakMap entry per new polynomial. Slot widths B are multiples of 64, so
 * nearby sums share packings.
 */

interface Packings {
  readonly bits: number;
  readonly at: Map<number, bigint>;
}

const cache = new WeakMap<IntPoly, Packings>();

function packings(p: IntPoly): Packings {
  let c = cache.get(p);
  if (c === undefined) {
    c = { bits: maxBits(p), at: new Map() };
    cache.set(p, c);
  }
  return c;
}

/** An upper bound on the bit length of max |p_i| (cached). */
export function packedBits(p: IntPoly): number {
  return packings(p).bits;
}

/** p(2^B) (cached). */
export function packedAt(p: IntPoly, B: number): bigint {
  const c = packings(p);
  let x = c.at.get(B);
  if (x === undefined) {
    x = intPolyPack(p, B);
    c.at.set(B, x);
  }
  return x;
}

/** The slot width for coefficients below 2^bits in absolute value (unpacking needs two spare bits). */
export function slotWidth(bits: number): number {
  return Math.ceil((bits + 2) / 64) * 64;
}
