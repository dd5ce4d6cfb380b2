import { permutationsOf } from "../representations/characters.js";
import { paramPermutation, refinement, singletonOrigins, smallClass, splitPattern } from "../representations/splitPatterns.js";
import type { RealField } from "../numbers/field.js";
import { Pattern, type PatternClass } from "../patterns/pattern.js";

/**
 * The isotropy of a kernel vector (docs/bifurcation.md §2), computed, not typed: the kernel vector u of
 * the carrying block lies in Fix(S_{n-k}) (the parameters of Q_k); the finite group acting on Q_k is
 * the product of the symmetric groups of the singletons split from each small class of the family's
 * isotropy pattern F, times S_k on s_1..s_k (docs/hessian.md §1). Its stabiliser H of u (the elements g
 * with u o g = u) together with S_{n-k} is the isotropy of u in the family's isotropy group. When H is the
 * full product of the symmetric groups of its orbits on the classes of Q_k (a Young subgroup), the axial
 * fixed-point space is the pattern obtained by merging each orbit into one class, and every tool for
 * patterns works there. Otherwise (a 3-cycle) the branch is solved in Q_k itself, which contains Fix(H)
 * and which Newton and continuation do not leave from a point of Fix(H) (equivariance).
 */

/** One element of the finite group of Q_k: a permutation of s_1..s_k and one of the singletons (over all small classes). */
export interface FiniteElement {
  readonly bulk: readonly number[];
  readonly singletons: readonly number[];
}

/** The elements of the finite group acting on Q_k for the isotropy pattern F: S_k on s_1..s_k times the symmetric group of each class's singletons. */
export function finiteGroupOfSplit(F: Pattern, k: number): FiniteElement[] {
  const sizes = F.classes.slice(1).map((c) => c.size!);
  let perms: number[][] = [[]];
  let offset = 0;
  for (const s of sizes) {
    const local = permutationsOf(s);
    perms = perms.flatMap((p) => local.map((q) => [...p, ...q.map((image) => image + offset)]));
    offset += s;
  }
  return permutationsOf(k).flatMap((bulk) => perms.map((singletons) => ({ bulk, singletons })));
}

/** The class permutation of Q_k that the element induces (s_i -> s_{bulk[i]}, singletons as given). */
function elementClassPermutation(k: number, g: FiniteElement): number[] {
  const perm = Array.from({ length: 1 + k + g.singletons.length }, (_, i) => i);
  g.bulk.forEach((image, i) => (perm[1 + i] = 1 + image));
  g.singletons.forEach((image, j) => (perm[smallClass(k, j)] = smallClass(k, image)));
  return perm;
}

/** The permutation of the parameters of Q_k that the element induces. */
export function elementParamPermutation(Q: Pattern, k: number, g: FiniteElement): number[] {
  return paramPermutation(Q, elementClassPermutation(k, g));
}

/** How u transforms under g: +1 if fixed, -1 if negated, 0 otherwise (to the relative tolerance). */
export function actionSign(u: readonly number[], perm: readonly number[], tolerance: number): 1 | -1 | 0 {
  const scale = Math.max(...u.map(Math.abs));
  const fixed = u.every((x, f) => Math.abs(u[perm[f]!]! - x) <= tolerance * scale);
  if (fixed) return 1;
  const negated = u.every((x, f) => Math.abs(u[perm[f]!]! + x) <= tolerance * scale);
  return negated ? -1 : 0;
}

/** The fixed-point space of a kernel vector's isotropy: a Young pattern, or Q_k with the stabiliser's parameter permutations. */
export interface AxialSpace {
  /** Q_k, the pattern the kernel vector is over. */
  readonly split: Pattern;
  readonly k: number;
  /** The stabiliser of u in the finite group (its size) and the size of that group. */
  readonly stabiliserOrder: number;
  readonly groupOrder: number;
  /** Whether some element maps u to -u (then the reduced equation is odd in s: no quadratic term). */
  readonly antiSymmetric: boolean;
  /** The order of the stabiliser's permutations of s_1..s_k (its part in S_k). */
  readonly bulkOrder: number;
  /** Whether the stabiliser is the Young subgroup of its orbits (then `pattern` is Fix(H) itself). */
  readonly young: boolean;
  /**
   * The pattern the branch is solved in: the orbits of the stabiliser merged into classes when it is a
   * Young subgroup; Q_k itself otherwise, Fix(H) being the vectors fixed by `fixedBy` there.
   */
  readonly pattern: Pattern;
  readonly classMap: number[];
  /** For every parameter of Q_k, the parameter of `pattern` it is a piece of. */
  readonly coarseOf: number[];
  /** Not Young: the parameter permutations of `pattern` by the stabiliser (empty when Young). */
  readonly fixedBy: number[][];
  /** The isotropy of the kernel vector, e.g. Delta(S_{d-3} x S_2 x S_1), Delta(S_{d-3} x Z_3 on {b1, b2, b3}). */
  readonly isotropy: string;
  /** Why the stabiliser is not a Young subgroup and how its branch is solved then. */
  readonly reason?: string;
  /** How the isotropy was found, in words. */
  readonly how: string;
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** Delta(S_{d-c} x S_{s_1} x ...) of a Young pattern, Delta(S_d) without small classes. */
export function youngIsotropy(R: Pattern): string {
  const c = R.smallTotal;
  const sizes = R.classes.slice(1).map((cl) => cl.size!);
  return `Delta(S_${c === 0 ? "d" : `{d-${c}}`}${sizes.map((s) => ` x S_${s}`).join("")})`;
}

/** The axial space of the kernel vector u (parameters of Q_k) for the family's isotropy pattern F. */
export function axialSpace(F: Pattern, k: number, u: readonly number[], tolerance = 1e-8): AxialSpace {
  const Q = splitPattern(F, k);
  const group = finiteGroupOfSplit(F, k);
  const signs = group.map((g) => actionSign(u, elementParamPermutation(Q, k, g), tolerance));
  const H = group.filter((_, i) => signs[i] === 1);
  const antiSymmetric = signs.some((s) => s === -1);
  // Orbits of H on the classes of Q_k (the bulk is fixed by every element).
  const orbits = classOrbits(Q, k, H);
  const small = orbits.filter((o) => o[0] !== 0);
  const youngOrder = small.reduce((acc, o) => acc * factorial(o.length), 1);
  const base = {
    split: Q,
    k,
    stabiliserOrder: H.length,
    groupOrder: group.length,
    antiSymmetric,
    bulkOrder: new Set(H.map((g) => g.bulk.join(","))).size,
  };
  const orbitText = small.map((o) => `{${o.map((i) => Q.classes[i]!.name).join(", ")}}`).join(" ");
  const how =
    `stabiliser of the kernel vector in the finite group of ${Q.toString()} (${k === 0 ? "" : `S_${k} on ${k === 1 ? "s1" : `s1..s${k}`} and `}` +
    `the permutations of the singletons of each class): ` +
    `${H.length} of ${group.length} elements fix it${antiSymmetric ? ", some map it to its negative" : ""}; orbits on the classes ${orbitText}`;
  if (youngOrder !== H.length) {
    // Fix(S_bulk x H) inside Q_k (docs/bifurcation.md §2): Newton and continuation in Q_k stay in it.
    const moved = small.filter((o) => o.length > 1);
    const names = moved.map((o) => `{${o.map((i) => Q.classes[i]!.name).join(", ")}}`).join(" ");
    // H by its restrictions to the orbits (S_m, Z_3) when it is their product, else by its order.
    const restricted = moved.map((o) => new Set(H.map((g) => o.map((i) => elementClassPermutation(k, g)[i]).join(","))).size);
    const product = restricted.reduce((p, r) => p * r, 1) === H.length;
    const factor = (o: number[], r: number): string => `${r === factorial(o.length) ? `S_${o.length}` : r === 3 && o.length === 3 ? "Z_3" : `G (order ${r})`} on {${o.map((i) => Q.classes[i]!.name).join(", ")}}`;
    const groupName = product ? moved.map((o, i) => factor(o, restricted[i]!)).join(" x ") : `H (order ${H.length}) on ${names}`;
    const identity = Q.classes.map((_, i) => i);
    return {
      ...base,
      how,
      young: false,
      // Q_k with s_i renamed C_i (as in a merged pattern: the blocks of this pattern split their own s_i).
      pattern: new Pattern(Q.classes.map((c) => ({ ...c, name: c.name.replace(/^s(\d+)$/, "C$1") }))),
      classMap: identity,
      coarseOf: Q.params.map((_, p) => p),
      fixedBy: H.map((g) => elementParamPermutation(Q, k, g)),
      isotropy: `Delta(S_{d-${Q.smallTotal}} x ${groupName})`,
      reason: `the stabiliser (order ${H.length}) is not the Young subgroup of its orbits (order ${youngOrder}): the branch is solved in ${Q.toString()} (s_i named C_i), in the fixed space of the stabiliser`,
    };
  }
  const { pattern, classMap } = youngPattern(Q, small);
  return { ...base, how, young: true, pattern, classMap, coarseOf: refinement(pattern, Q, classMap), fixedBy: [], isotropy: youngIsotropy(pattern) };
}

/** The orbits of the elements on the classes of Q_k (generators suffice). */
function classOrbits(Q: Pattern, k: number, H: readonly FiniteElement[]): number[][] {
  const parent = Q.classes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const g of H) {
    elementClassPermutation(k, g).forEach((image, i) => {
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
  return [...orbits.values()];
}

/**
 * The axial space of a vector v of Q_j fixed by S_j on s_1..s_j (the projection of the kernel vector onto
 * Fix(S_{n-j} x S_j), docs/bifurcation.md §2), without listing S_j's j! elements: S_j fixes v (checked on
 * a transposition and a j-cycle), so an element (sigma, tau) of S_j x (the singletons' group) maps v to
 * v o tau, and the stabiliser is S_j x (the stabiliser of v among the singletons' permutations), whose
 * elements are listed. Undefined when that is not a Young subgroup (then the branch is not followed).
 */
export function youngAxialSpace(F: Pattern, j: number, v: readonly number[], tolerance = 1e-8): AxialSpace | undefined {
  const Q = splitPattern(F, j);
  const identity = Array.from({ length: j }, (_, i) => i);
  const singletons = finiteGroupOfSplit(F, 0).map((g) => g.singletons);
  const still = singletons[0]!.map((_, i) => i);
  const transposition: FiniteElement = { bulk: [1, 0, ...identity.slice(2)], singletons: still };
  const cycle: FiniteElement = { bulk: identity.map((i) => (i + 1) % j), singletons: still };
  for (const g of [transposition, cycle]) {
    if (actionSign(v, elementParamPermutation(Q, j, g), tolerance) !== 1) throw new Error(`the projection onto Fix(S_{n-${j}} x S_${j}) is not fixed by S_${j}`);
  }
  const signs = singletons.map((t) => actionSign(v, elementParamPermutation(Q, j, { bulk: identity, singletons: t }), tolerance));
  const fixing = singletons.filter((_, i) => signs[i] === 1).map((t): FiniteElement => ({ bulk: identity, singletons: t }));
  const small = classOrbits(Q, j, [transposition, cycle, ...fixing]).filter((o) => o[0] !== 0);
  // The orbits among the singletons: the stabiliser there is Young when it has the order of their symmetric groups.
  const singletonOrder = small.filter((o) => o[0]! > j).reduce((acc, o) => acc * factorial(o.length), 1);
  if (singletonOrder !== fixing.length) return undefined;
  const { pattern, classMap } = youngPattern(Q, small);
  const orbitText = small.map((o) => `{${o.map((i) => Q.classes[i]!.name).join(", ")}}`).join(" ");
  const antiSymmetric = signs.some((x) => x === -1);
  return {
    split: Q,
    k: j,
    stabiliserOrder: factorial(j) * fixing.length,
    groupOrder: factorial(j) * singletons.length,
    antiSymmetric,
    bulkOrder: factorial(j),
    how:
      `stabiliser in the finite group of ${Q.toString()}: S_${j} on s1..s${j} (a transposition and a ${j}-cycle fix it) times ` +
      `${fixing.length} of the ${singletons.length} permutations of the singletons${antiSymmetric ? ", some map it to its negative" : ""}; orbits on the classes ${orbitText}`,
    young: true,
    pattern,
    classMap,
    coarseOf: refinement(pattern, Q, classMap),
    fixedBy: [],
    isotropy: youngIsotropy(pattern),
  };
}

/** The axial pattern of a Young stabiliser: the bulk of Q, then one class per orbit (in order of its first class), sizes and roles summed. */
function youngPattern(Q: Pattern, small: readonly (readonly number[])[]): { pattern: Pattern; classMap: number[] } {
  const classes: PatternClass[] = [{ name: "A" }];
  const classMap = Q.classes.map(() => 0);
  for (const orbit of [...small].sort((a, b) => a[0]! - b[0]!)) {
    const members = orbit.map((i) => Q.classes[i]!);
    const size = members.reduce((s, c) => s + c.size!, 0);
    // The distinguished bulk indices s_i become classes C_i (C when merged): Q_k of this pattern names its own s_i.
    const names = members.map((c) => c.name.replace(/^s(\d+)$/, "C$1"));
    let name = members.length === 1 ? names[0]! : orbitName(names);
    // Merged s_i are C, unless the family has a class C (of columns): then C'.
    while (Q.classes.some((c) => c.name === name && !members.includes(c)) || classes.some((c) => c.name === name)) name += "'";
    const role = members[0]!.role;
    orbit.forEach((i) => (classMap[i] = classes.length));
    classes.push(role === undefined ? { name, size } : { name, size, role });
  }
  return { pattern: new Pattern(classes), classMap };
}

/**
 * The kernel vector u of Q_k projected onto the fixed space of S_{n-j} x G in Q_j (docs/bifurcation.md §2):
 * u embedded in Q_j with its s_1..s_k placed at j of the distinguished indices (each injection tried in
 * turn), then averaged over G (given by generators, permutations of s_1..s_j): G permutes the parameters,
 * so the average over G is, at each parameter, the mean over its orbit (the orbits from the generators; no
 * element of G is listed). The first nonzero projection, normalised to largest entry +1, or undefined
 * when every one vanishes.
 */
export function projectKernel<T>(R: RealField<T>, F: Pattern, k: number, u: readonly T[], j: number, generators: readonly (readonly number[])[]): T[] | undefined {
  const Qk = splitPattern(F, k);
  const Qj = splitPattern(F, j);
  const singles = Qk.classes.length - 1 - k;
  const scale = Math.max(...u.map((x) => Math.abs(R.toNumber(x))));
  const orbit = parameterOrbits(Qj.params.length, generators.map((g) => paramPermutation(Qj, [0, ...g.map((x) => x + 1), ...Array.from({ length: singles }, (_, i) => 1 + j + i)])));
  for (const injection of injections(k, j)) {
    // The class of Q_k each class of Q_j lies in: s_{injection[i]} in s_i, the other s in the bulk.
    const classMap = Qj.classes.map((_, I) => (I === 0 ? 0 : I <= j ? 1 + injection.indexOf(I - 1) : I - j + k));
    const v = refinement(Qk, Qj, classMap).map((c) => u[c]!);
    const average = v.map((_, f) => R.div(orbit[f]!.reduce((s, p) => R.add(s, v[p]!), R.zero()), R.fromInt(orbit[f]!.length)));
    const top = average.reduce((m, x) => (Math.abs(R.toNumber(x)) > Math.abs(R.toNumber(m)) ? x : m), R.zero());
    if (Math.abs(R.toNumber(top)) > 1e-6 * scale) return average.map((x) => R.div(x, top));
  }
  return undefined;
}

/** For each of the parameters 0..count-1, its orbit under the group the permutations generate. */
function parameterOrbits(count: number, perms: readonly (readonly number[])[]): number[][] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const p of perms) p.forEach((image, i) => (parent[find(i)] = find(image)));
  const members = new Map<number, number[]>();
  parent.forEach((_, i) => members.set(find(i), [...(members.get(find(i)) ?? []), i]));
  return parent.map((_, i) => members.get(find(i))!);
}

/** The injective maps of 0..k-1 into 0..j-1 (as the list of images). */
function injections(k: number, j: number): number[][] {
  if (k === 0) return [[]];
  return injections(k - 1, j).flatMap((p) => Array.from({ length: j }, (_, x) => x).filter((x) => !p.includes(x)).map((x) => [...p, x]));
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
