import { Pattern, type PatternClass } from "../patterns/pattern.js";

/**
 * The isotropy types of the census (docs/census.md §1): Delta(S_{p_1} x ... x S_{p_c}) inside S_d x S_d,
 * one per partition p_1 >= p_2 >= ... >= p_c of d (a composition up to the order of its classes, which
 * conjugation changes). Its fixed-point space is the pattern with the largest class as the bulk and the
 * others as small classes of the given sizes, classes named A, B, C in that order.
 */

/** Class names of the census patterns, largest class first. */
export const CLASS_NAMES = ["A", "B", "C", "D", "E", "F"] as const;

/** Every partition of d into exactly c parts, parts descending, in lexicographically decreasing order. */
export function partitionsInto(d: number, c: number, largest: number = d): number[][] {
  if (c === 0) return d === 0 ? [[]] : [];
  const out: number[][] = [];
  for (let first = Math.min(d - (c - 1), largest); first >= 1 && first * c >= d; first--) {
    for (const rest of partitionsInto(d - first, c - 1, first)) out.push([first, ...rest]);
  }
  return out;
}

/**
 * The isotropy types of the census at d: every partition into at most two classes, and into three classes
 * with the smallest of at most `smallest` rows (every one when `smallest` is undefined); `maxClasses` of
 * 1, 2 or 3 stops there.
 */
export function censusTypes(d: number, maxClasses: number, smallest?: number): number[][] {
  const out: number[][] = [];
  for (let c = 1; c <= maxClasses; c++) {
    for (const sizes of partitionsInto(d, c)) {
      if (c === 3 && smallest !== undefined && sizes[2]! > smallest) continue;
      out.push(sizes);
    }
  }
  return out;
}

/**
 * The pattern of an isotropy type (class sizes descending): the first class is the bulk, of size
 * d - (the others). Two classes: Pattern.isotropy(p), so that the family aliases x1..x6, y1, y2 apply.
 */
export function censusPattern(sizes: readonly number[]): Pattern {
  if (sizes.length <= 2) return Pattern.isotropy(sizes[1] ?? 0);
  const classes: PatternClass[] = sizes.map((s, I) => (I === 0 ? { name: CLASS_NAMES[0] } : { name: CLASS_NAMES[I]!, size: s }));
  return new Pattern(classes);
}

/** "(13 | 6 | 1)": the class sizes at d. */
export function typeName(sizes: readonly number[]): string {
  return `(${sizes.join(" | ")})`;
}

/** The permutations of the classes that preserve their sizes (the class I goes to perm[I]). */
export function sizePreservingPermutations(sizes: readonly number[]): number[][] {
  const all = (items: number[]): number[][] => (items.length <= 1 ? [items] : items.flatMap((x, i) => all([...items.slice(0, i), ...items.slice(i + 1)]).map((r) => [x, ...r])));
  return all(sizes.map((_, I) => I)).filter((perm) => perm.every((J, I) => sizes[J] === sizes[I]));
}

/**
 * The number of points in the orbit of a point with isotropy exactly Delta(S_{p_1} x ... x S_{p_c}) under
 * S_d x S_d (rows and columns permuted separately): (d!)^2 / (p_1! ... p_c!).
 */
export function orbitSize(sizes: readonly number[]): bigint {
  const factorial = (n: number): bigint => {
    let f = 1n;
    for (let i = 2; i <= n; i++) f *= BigInt(i);
    return f;
  };
  const d = sizes.reduce((s, p) => s + p, 0);
  return (factorial(d) * factorial(d)) / sizes.reduce((s, p) => s * factorial(p), 1n);
}
