import { permutationsOf } from "../representations/characters.js";
import { classPermutation, paramPermutation, refinement, singletonOrigins, splitPattern } from "../representations/splitPatterns.js";
import { Pattern, type PatternClass } from "../patterns/pattern.js";

/**
 * The isotropy of a kernel vector (docs/bifurcation.md §2), computed, not typed: the kernel vector u of
 * the carrying block lies in Fix(S_{n-k}) (the parameters of Q_k); the finite group acting on Q_k is
 * the product of the symmetric groups of the singletons split from each small class of the family's
 * isotropy pattern F, times the swap of s_1, s_2 at k = 2 (docs/hessian.md §1). Its stabiliser H of u
 * (the elements g with u o g = u) together with S_{n-k} is the isotropy of u in the family's isotropy
 * group. When H is the full product of the symmetric groups of its orbits on the classes of Q_k (a Young
 * subgroup), the axial fixed-point space is the pattern obtained by merging each orbit into one class,
 * and every tool for patterns works there. Otherwise the branch needs a group pattern, which is reported.
 */

/** One element of the finite group of Q_k: a permutation of the singletons (over all small classes) and whether s_1, s_2 are swapped. */
export interface FiniteElement {
  readonly singletons: readonly number[];
  readonly swap: boolean;
}

/** The elements of the finite group acting on Q_k for the isotropy pattern F. */
export function finiteGroupOfSplit(F: Pattern, k: number): FiniteElement[] {
  const sizes = F.classes.slice(1).map((c) => c.size!);
  let perms: number[][] = [[]];
  let offset = 0;
  for (const s of sizes) {
    const local = permutationsOf(s);
    perms = perms.flatMap((p) => local.map((q) => [...p, ...q.map((image) => image + offset)]));
    offset += s;
  }
  const swaps = k === 2 ? [false, true] : [false];
  return swaps.flatMap((swap) => perms.map((singletons) => ({ singletons, swap })));
}

/** The permutation of the parameters of Q_k that the element induces. */
export function elementParamPermutation(Q: Pattern, k: number, g: FiniteElement): number[] {
  return paramPermutation(Q, classPermutation(k, g.singletons, g.swap));
}

/** How u transforms under g: +1 if fixed, -1 if negated, 0 otherwise (to the relative tolerance). */
export function actionSign(u: readonly number[], perm: readonly number[], tolerance: number): 1 | -1 | 0 {
  const scale = Math.max(...u.map(Math.abs));
  const fixed = u.every((x, f) => Math.abs(u[perm[f]!]! - x) <= tolerance * scale);
  if (fixed) return 1;
  const negated = u.every((x, f) => Math.abs(u[perm[f]!]! + x) <= tolerance * scale);
  return negated ? -1 : 0;
}

/** The axial pattern of a kernel vector, or why there is none among the Young patterns. */
export interface AxialSpace {
  /** Q_k, the pattern the kernel vector is over. */
  readonly split: Pattern;
  readonly k: number;
  /** The stabiliser of u in the finite group (its size) and the size of that group. */
  readonly stabiliserOrder: number;
  readonly groupOrder: number;
  /** Whether some element maps u to -u (then the reduced equation is odd in s: no quadratic term). */
  readonly antiSymmetric: boolean;
  /** Whether some element of the stabiliser swaps s_1 and s_2 (k = 2). */
  readonly swapFixes: boolean;
  /** The merged pattern when the stabiliser is a Young subgroup, with the class of Q_k -> class of the pattern map. */
  readonly pattern?: Pattern;
  readonly classMap?: number[];
  /** For every parameter of Q_k, the parameter of the axial pattern it is a piece of. */
  readonly coarseOf?: number[];
  /** Why the stabiliser is not a Young subgroup (no pattern). */
  readonly reason?: string;
  /** How the isotropy was found, in words. */
  readonly how: string;
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** The axial space of the kernel vector u (parameters of Q_k) for the family's isotropy pattern F. */
export function axialSpace(F: Pattern, k: number, u: readonly number[], tolerance = 1e-8): AxialSpace {
  const Q = splitPattern(F, k);
  const group = finiteGroupOfSplit(F, k);
  const signs = group.map((g) => actionSign(u, elementParamPermutation(Q, k, g), tolerance));
  const H = group.filter((_, i) => signs[i] === 1);
  const antiSymmetric = signs.some((s) => s === -1);
  // Orbits of H on the classes of Q_k (the bulk is fixed by every element).
  const parent = Q.classes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const g of H) {
    const perm = classPermutation(k, g.singletons, g.swap);
    perm.forEach((image, i) => {
      const a = find(i);
      const b = find(image);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    });
  }
  const orbits = new Map<number, number[]>();
  Q.classes.forEach((_, i) => {
    const r = find(i);
    orbits.set(r, [...(orbits.get(r) ?? []), i]);
  });
  const youngOrder = [...orbits.values()].filter((o) => o[0] !== 0).reduce((acc, o) => acc * factorial(o.length), 1);
  const base = {
    split: Q,
    k,
    stabiliserOrder: H.length,
    groupOrder: group.length,
    antiSymmetric,
    swapFixes: H.some((g) => g.swap),
  };
  const orbitText = [...orbits.values()].filter((o) => o[0] !== 0).map((o) => `{${o.map((i) => Q.classes[i]!.name).join(", ")}}`).join(" ");
  const how =
    `stabiliser of the kernel vector in the finite group of ${Q.toString()} (S_{n-${k}} on the bulk` +
    `${k === 2 ? ", the swap of s1, s2" : ""} and the permutations of the singletons of each class): ` +
    `${H.length} of ${group.length} elements fix it${antiSymmetric ? ", some map it to its negative" : ""}; orbits on the classes ${orbitText}`;
  if (youngOrder !== H.length) {
    return { ...base, how, reason: `the stabiliser (order ${H.length}) is not the Young subgroup of its orbits (order ${youngOrder}): the branch needs a pattern with a finite group (GroupPattern), not built here` };
  }
  // The axial pattern: the bulk, then one class per orbit (in order of its first class), sizes and roles summed.
  const classes: PatternClass[] = [{ name: "A" }];
  const classMap = Q.classes.map(() => 0);
  for (const orbit of [...orbits.values()].filter((o) => o[0] !== 0).sort((a, b) => a[0]! - b[0]!)) {
    const members = orbit.map((i) => Q.classes[i]!);
    const size = members.reduce((s, c) => s + c.size!, 0);
    // The distinguished bulk indices s_i become classes C_i (C when merged): Q_k of this pattern names its own s_i.
    const names = members.map((c) => c.name.replace(/^s(\d)$/, "C$1"));
    const name = members.length === 1 ? names[0]! : orbitName(names);
    const role = members[0]!.role;
    orbit.forEach((i) => (classMap[i] = classes.length));
    classes.push(role === undefined ? { name, size } : { name, size, role });
  }
  const pattern = new Pattern(classes);
  return { ...base, how, pattern, classMap, coarseOf: refinement(pattern, Q, classMap) };
}

/** A class name for merged singletons: their common prefix in capitals (b1, b2 -> B; C1, C2 -> C). */
function orbitName(names: readonly string[]): string {
  const stem = names[0]!.replace(/\d+$/, "");
  return names.every((n) => n.replace(/\d+$/, "") === stem) ? stem.toUpperCase() : names.join("");
}

/** The class of F each class of Q_k lies in (bulk and s_i in the bulk). */
export function splitOrigins(F: Pattern, k: number): number[] {
  return [...Array.from({ length: 1 + k }, () => 0), ...singletonOrigins(F)];
}
