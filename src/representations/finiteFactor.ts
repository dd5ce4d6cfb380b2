import { character, cycleType, irrepDimension, irrepName, partitionsOf, permutationsOf, youngSubgroup, type Partition, type Permutation } from "./characters.js";

/**
 * The finite factor of an isotropy group (docs/hessian.md, "the finite factor"): the small classes of the
 * family's pattern, of sizes s_1, s_2, ..., split into singletons numbered consecutively, with the product
 * S_{s_1} x S_{s_2} x ... permuting the singletons within each class. Its irreducibles are tuples of
 * partitions (psi_1, psi_2, ...), |psi_c| = s_c, with the product character, dimension and Young subgroup.
 * For the isotropy Delta(S_{d-p} x S_p) it is S_p and the tuple has one partition of p (none for p = 0).
 */

/** An irreducible of the finite factor: one partition per small class, in class order. */
export type FiniteIrrep = readonly Partition[];

/** The first singleton of each class, and the total. */
function offsets(sizes: readonly number[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const s of sizes) {
    out.push(at);
    at += s;
  }
  out.push(at);
  return out;
}

/** Every tuple of one element per factor, the first factor varying slowest. */
function product<T>(factors: readonly (readonly T[])[]): T[][] {
  return factors.reduce<T[][]>((tuples, options) => tuples.flatMap((t) => options.map((o) => [...t, o])), [[]]);
}

/** Concatenate one permutation per class into a permutation of all singletons. */
function concatenate(sizes: readonly number[], parts: readonly Permutation[]): Permutation {
  const at = offsets(sizes);
  return parts.flatMap((g, c) => g.map((image) => image + at[c]!));
}

/** Every irreducible, ordered by class, partitions in reverse lexicographic order (trivial first). */
export function finiteIrreps(sizes: readonly number[]): FiniteIrrep[] {
  return product(sizes.map((s) => partitionsOf(s)));
}

/** Every element of S_{s_1} x S_{s_2} x ... as a permutation of the singletons (the identity first). */
export function finiteElements(sizes: readonly number[]): Permutation[] {
  return product(sizes.map((s) => permutationsOf(s))).map((parts) => concatenate(sizes, parts));
}

/** The character of psi at g: the product over classes of chi^{psi_c} at g restricted to class c. */
export function finiteCharacter(sizes: readonly number[], psi: FiniteIrrep, g: Permutation): number {
  const at = offsets(sizes);
  return sizes.reduce((chi, s, c) => {
    const local = g.slice(at[c]!, at[c]! + s).map((image) => image - at[c]!);
    return chi * character(psi[c]!, cycleType(local));
  }, 1);
}

/** The dimension of psi: the product of the classes' dimensions. */
export function finiteDimension(psi: FiniteIrrep): number {
  return psi.reduce((dim, part) => dim * irrepDimension(part), 1);
}

/** The Young subgroup S_psi = S_{psi_1} x S_{psi_2} x ..., whose fixed space in psi is one-dimensional. */
export function finiteYoung(sizes: readonly number[], psi: FiniteIrrep): Permutation[] {
  return product(psi.map((part) => youngSubgroup(part))).map((parts) => concatenate(sizes, parts));
}

/** "standard", "trivial x sign", ...: the classes of one element (whose only irreducible is trivial) are not named. */
export function finiteName(sizes: readonly number[], psi: FiniteIrrep): string {
  return psi.filter((_, c) => sizes[c]! > 1).map(irrepName).join(" x ");
}
