import type { Pattern } from "../patterns/pattern.js";
import { censusPattern, sizePreservingPermutations } from "./types.js";

/**
 * Points of a census pattern as plain numbers, and what makes two of them one point (docs/census.md §1).
 * Two points of Fix(G), G = Delta(S_{p_1} x ... x S_{p_c}), are one point up to S_d x S_d when (P, Q) maps
 * one to the other; for points of isotropy exactly G, Q normalises G (a permutation of classes of equal
 * size, times G) and P = Q z with z in the centraliser of G in S_d: the swap of the two rows of a class of
 * two, and any permutation of the rows of the singleton classes (rowVariants). A point whose classes are
 * not all distinct, possibly after such a z, has a coarser isotropy type and is moved there (coarsen).
 */

/** A point of the census pattern of `sizes`: every parameter (a included) in the pattern's order. */
export interface TypedPoint {
  readonly sizes: number[];
  readonly x: number[];
}

/** The value of (kind, I, J) at x, 0 for an off-diagonal that the pattern lacks (a singleton's own class). */
export function entry(P: Pattern, x: readonly number[], kind: "diag" | "off" | "a", I: number, J: number = I): number {
  const k = P.paramIndex(kind, I, J);
  return k === undefined ? 0 : x[k]!;
}

function close(u: number, v: number, tolerance: number): boolean {
  return Math.abs(u - v) <= tolerance * Math.max(1, Math.abs(v));
}

/** Whether classes I and J of the point have the same rows up to the permutation that swaps them (so the point has a larger isotropy). */
function sameClass(P: Pattern, x: readonly number[], I: number, J: number, tolerance: number): boolean {
  const e = (kind: "diag" | "off" | "a", A: number, B: number = A): number => entry(P, x, kind, A, B);
  if (!close(e("a", I), e("a", J), tolerance) || !close(e("diag", I), e("diag", J), tolerance)) return false;
  const cross = e("off", I, J);
  if (!close(e("off", J, I), cross, tolerance)) return false;
  for (const K of [I, J]) if (P.paramIndex("off", K, K) !== undefined && !close(e("off", K, K), cross, tolerance)) return false;
  return P.classes.every((_, K) => K === I || K === J || (close(e("off", I, K), e("off", J, K), tolerance) && close(e("off", K, I), e("off", K, J), tolerance)));
}

/**
 * The point in the pattern of its own isotropy type: classes whose rows agree (to `tolerance`) are merged,
 * one pair at a time, and the classes re-sorted by size. `from` gives, for each class of the result, the
 * classes of the input it is made of.
 */
export function coarsen(point: TypedPoint, tolerance: number): TypedPoint & { from: number[][] } {
  // The row variant whose classes merge furthest; among those, the one with the largest diagonal (the
  // natural form: a class of two with rows [[x5, x6], [x6, x5]] has |x5| >= |x6|).
  const diagonalWeight = (p: TypedPoint): number => {
    const P = censusPattern(p.sizes);
    return p.sizes.reduce((s, n, I) => s + n * Math.abs(entry(P, p.x, "diag", I)), 0);
  };
  let best: (TypedPoint & { from: number[][] }) | undefined;
  for (const x of rowVariants(censusPattern(point.sizes), point.sizes, point.x)) {
    const merged = mergeClasses({ sizes: point.sizes, x }, tolerance);
    if (best === undefined || merged.sizes.length < best.sizes.length || (merged.sizes.length === best.sizes.length && diagonalWeight(merged) > diagonalWeight(best) * (1 + tolerance))) best = merged;
  }
  return best!;
}

function mergeClasses(point: TypedPoint, tolerance: number): TypedPoint & { from: number[][] } {
  let sizes = point.sizes.slice();
  let x = point.x.slice();
  let from = sizes.map((_, I) => [I]);
  for (;;) {
    const P = censusPattern(sizes);
    let pair: [number, number] | undefined;
    for (let I = 0; I < sizes.length && pair === undefined; I++) for (let J = I + 1; J < sizes.length && pair === undefined; J++) if (sameClass(P, x, I, J, tolerance)) pair = [I, J];
    if (pair === undefined) return { sizes, x, from };
    const [I, J] = pair;
    // The merged classes, each with a representative class of the old pattern; sorted by size, descending.
    const groups = sizes.map((_, K) => K).filter((K) => K !== J).map((K) => ({ rep: K, size: K === I ? sizes[I]! + sizes[J]! : sizes[K]!, from: K === I ? [...from[I]!, ...from[J]!] : from[K]! }));
    groups.sort((u, v) => v.size - u.size);
    const coarse = censusPattern(groups.map((g) => g.size));
    x = coarse.params.map((q) => {
      const A = groups[q.row]!.rep;
      const B = groups[q.col]!.rep;
      // Within a merged class the off-diagonal entries are those between its two old classes.
      if (q.kind === "off" && A === I && B === I) return entry(P, x, "off", I, J);
      return entry(P, x, q.kind, A, B);
    });
    sizes = groups.map((g) => g.size);
    from = groups.map((g) => g.from);
  }
}

/**
 * The point with its rows moved by z in the centraliser of G (columns fixed): `swap[I]` swaps the two rows of
 * a class of two; `source[I]` is the singleton class whose row goes to singleton class I (I itself for
 * every other class). The result lies in the same pattern and is the same point up to S_d x S_d.
 */
function moveRows(P: Pattern, x: readonly number[], swap: readonly boolean[], source: readonly number[]): number[] {
  return P.params.map((q) => {
    const I = q.row;
    const R = source[I]!;
    if (q.kind === "a") return entry(P, x, "a", R);
    if (q.kind === "diag") return R !== I ? entry(P, x, "off", R, I) : swap[I] ? entry(P, x, "off", I, I) : entry(P, x, "diag", I);
    const J = q.col;
    if (R !== I) return J === R ? entry(P, x, "diag", R) : entry(P, x, "off", R, J);
    return J === I && swap[I] ? entry(P, x, "diag", I) : entry(P, x, "off", I, J);
  });
}

/** Every image of the point under the centraliser of G acting on rows (the point itself first). */
export function rowVariants(P: Pattern, sizes: readonly number[], x: readonly number[]): number[][] {
  const pairs = sizes.map((s, I) => (s === 2 ? I : -1)).filter((I) => I >= 0);
  const singles = sizes.map((s, I) => (s === 1 ? I : -1)).filter((I) => I >= 0);
  const orders = (items: number[]): number[][] => (items.length <= 1 ? [items] : items.flatMap((v, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((r) => [v, ...r])));
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << pairs.length; mask++) {
    const swap = sizes.map(() => false);
    pairs.forEach((I, b) => (swap[I] = ((mask >> b) & 1) === 1));
    for (const order of orders(singles)) {
      const source = sizes.map((_, I) => I);
      singles.forEach((I, t) => (source[I] = order[t]!));
      out.push(moveRows(P, x, swap, source));
    }
  }
  return out;
}

/** The point relabelled by a permutation of classes of equal size: class I of the result is class perm[I] of the input. */
export function permuteClasses(P: Pattern, x: readonly number[], perm: readonly number[]): number[] {
  return P.params.map((q) => entry(P, x, q.kind, perm[q.row]!, perm[q.col]!));
}

/**
 * Whether a point of the type is x up to S_d x S_d: equal to `tolerance` to one of x's images under the
 * permutations of classes of equal size and the row variants, computed once here for many comparisons
 * (the search compares each limit with every point found).
 */
export function samePointAs(P: Pattern, sizes: readonly number[], x: readonly number[], tolerance: number): (y: readonly number[]) => boolean {
  const perms = sizePreservingPermutations(sizes);
  const images = rowVariants(P, sizes, x).flatMap((v) => perms.map((perm) => permuteClasses(P, v, perm)));
  return (y) => images.some((u) => u.every((v, k) => close(v, y[k]!, tolerance)));
}

/**
 * Whether two points of the same type are one point up to S_d x S_d: equal to `tolerance` after a
 * permutation of classes of equal size and a row variant.
 */
export function samePoint(P: Pattern, sizes: readonly number[], x: readonly number[], y: readonly number[], tolerance: number): boolean {
  return samePointAs(P, sizes, x, tolerance)(y);
}
