import { character, cycleType, partitionsOf, permutationsOf, type Partition, type Permutation } from "../representations/characters.js";
import { compose, inverse, PermutationGroup } from "../representations/permutationGroup.js";

/**
 * The axial subgroups of an irreducible [n - |mu|, mu] of S_n among the subgroups S_{n-k} x G, k <= 3, G a
 * subgroup of S_k on k distinguished indices (docs/bifurcation.md §2, "Axial subgroups"), computed, not
 * typed in: every subgroup G of S_k up to conjugacy (generated from each pair of elements), the dimension
 * of Fix(H) in the irreducible by characters, dim Fix(H) = (1/|H|) sum_{h in H} chi(h), at n = N_CHECK,
 * and H is axial when dim Fix(H) = 1 and no candidate properly containing a conjugate of H fixes a nonzero
 * vector (then H is the isotropy of its fixed line). The sum over S_{n-k} runs over its conjugacy classes.
 * For k = 4 .. maxK only the Young subgroups S_{n-k} x S_k (dim Fix by Young's rule, at n = 2k + 2,
 * given by a transposition and a k-cycle, its elements never listed): for k < n/2 it is a maximal subgroup of S_n, and S_n fixes no nonzero vector of a
 * nontrivial irreducible, so it is axial exactly when dim Fix = 1.
 */

/** The n at which the dimensions are computed: every candidate's bulk has at least four indices. */
export const N_CHECK = 7;

export interface SubgroupCandidate {
  /** The number of distinguished indices, generators of G (permutations of 0..k-1) and its order. */
  readonly k: number;
  readonly generators: readonly Permutation[];
  readonly order: number;
  /** E.g. "S_{n-3} x Z_3". */
  readonly name: string;
  /** Whether G is the full product of the symmetric groups of its orbits (then Fix is a Young pattern). */
  readonly young: boolean;
  readonly fixDimension: number;
  readonly axial: boolean;
}

function factorial(m: number): number {
  return m <= 1 ? 1 : m * factorial(m - 1);
}

/** |S_m| / z_rho: the size of the conjugacy class of cycle type rho in S_m. */
function classSize(rho: Partition): number {
  const m = rho.reduce((s, x) => s + x, 0);
  const counts = new Map<number, number>();
  for (const r of rho) counts.set(r, (counts.get(r) ?? 0) + 1);
  let z = 1;
  for (const [r, c] of counts) z *= r ** c * factorial(c);
  return factorial(m) / z;
}

const key = (elements: readonly Permutation[]): string => elements.map((g) => g.join("")).sort().join("|");

/** The subgroups of S_k up to conjugacy (each by the pair of elements that generates it and its element list). */
function subgroupsUpToConjugacy(k: number): { generators: Permutation[]; elements: Permutation[] }[] {
  const all = permutationsOf(k);
  const seen = new Map<string, { generators: Permutation[]; elements: Permutation[] }>();
  for (const g of all) {
    for (const h of all) {
      const elements = new PermutationGroup(k, [g, h]).elements.slice();
      const canonical = all.map((s) => key(elements.map((e) => compose(compose(s, e), inverse(s))))).sort()[0]!;
      if (!seen.has(canonical)) seen.set(canonical, { generators: [g, h], elements });
    }
  }
  return [...seen.values()].sort((a, b) => a.elements.length - b.elements.length);
}

/** The orbits of G on 0..k-1. */
function orbits(k: number, elements: readonly Permutation[]): number[][] {
  const out: number[][] = [];
  const done = new Set<number>();
  for (let i = 0; i < k; i++) {
    if (done.has(i)) continue;
    const orbit = [...new Set(elements.map((g) => g[i]!))].sort((a, b) => a - b);
    orbit.forEach((j) => done.add(j));
    out.push(orbit);
  }
  return out;
}

function groupName(k: number, elements: readonly Permutation[]): string {
  const o = orbits(k, elements);
  const young = elements.length === o.reduce((p, orbit) => p * factorial(orbit.length), 1);
  const moved = o.filter((orbit) => orbit.length > 1);
  if (moved.length === 0) return "";
  if (young) return moved.map((orbit) => ` x S_${orbit.length}`).join("");
  return elements.length === 3 ? " x Z_3 (3-cycle)" : ` x G (order ${elements.length})`;
}

/** dim Fix(S_{N-k} x G) in [N - |mu|, mu]: the average of the character over the group. */
function fixDimension(mu: Partition, k: number, elements: readonly Permutation[]): number {
  const lambda = [N_CHECK - mu.reduce((s, x) => s + x, 0), ...mu];
  let sum = 0;
  for (const rho of partitionsOf(N_CHECK - k)) {
    for (const g of elements) sum += classSize(rho) * character(lambda, [...rho, ...cycleType(g)].sort((a, b) => b - a));
  }
  return Math.round(sum / (factorial(N_CHECK - k) * elements.length));
}

/**
 * The Kostka number K_{lambda, content}: semistandard tableaux of shape lambda with content[i] entries i + 1,
 * counted by removing the horizontal strip of the largest entry.
 */
function kostka(lambda: readonly number[], content: readonly number[]): number {
  if (content.length === 0) return lambda.every((x) => x === 0) ? 1 : 0;
  const strip = content[content.length - 1]!;
  const rest = content.slice(0, -1);
  // nu with lambda / nu a horizontal strip of size `strip`: lambda[i+1] <= nu[i] <= lambda[i].
  const count = (i: number, left: number, nu: number[]): number => {
    if (i === lambda.length) return left === 0 ? kostka(nu, rest) : 0;
    let total = 0;
    for (let x = lambda[i]!; x >= (lambda[i + 1] ?? 0) && lambda[i]! - x <= left; x--) total += count(i + 1, left - (lambda[i]! - x), [...nu, x]);
    return total;
  };
  return count(0, strip, []);
}

/**
 * dim Fix(S_{N-k} x S_k) in [N - |mu|, mu] at N = 2k + 2: by Frobenius reciprocity and Young's rule the
 * multiplicity of [N - |mu|, mu] in the permutation module of S_N / (S_{N-k} x S_k), the Kostka number
 * K_{[N-|mu|, mu], (N-k, k)} (no sum over the group: k is up to d/2).
 */
function youngFixDimension(mu: Partition, k: number): number {
  const n = 2 * k + 2;
  return kostka([n - mu.reduce((s, x) => s + x, 0), ...mu], [n - k, k]);
}

/** Whether p (a permutation of 0..N-1) lies in S_{N-k} x G, the distinguished indices last. */
function contains(k: number, elements: readonly Permutation[], p: Permutation): boolean {
  const bulk = N_CHECK - k;
  for (let i = 0; i < bulk; i++) if (p[i]! >= bulk) return false;
  const local = Array.from({ length: k }, (_, i) => p[bulk + i]! - bulk);
  return elements.some((g) => g.every((x, i) => x === local[i]));
}

/** Generators of S_{N-k} x G inside S_N: the bulk's transposition and N-k cycle, and G's generators. */
function generators(k: number, elements: readonly Permutation[]): Permutation[] {
  const bulk = N_CHECK - k;
  const id = Array.from({ length: N_CHECK }, (_, i) => i);
  const swap = id.slice();
  [swap[0], swap[1]] = [1, 0];
  const cycle = id.map((i) => (i < bulk ? (i + 1) % bulk : i));
  return [swap, cycle, ...elements.map((g) => [...id.slice(0, bulk), ...g.map((x) => x + bulk)])];
}

/** A candidate with k <= 3 and the element list of its G. */
type SmallCandidate = Omit<SubgroupCandidate, "axial"> & { readonly elements: readonly Permutation[] };

/** Whether a conjugate of H = S_{N-k} x G lies in H' (in S_N, by trying every conjugation). */
function conjugateInside(h: SmallCandidate, hp: SmallCandidate, conjugators: readonly Permutation[]): boolean {
  const gens = generators(h.k, h.generators);
  return conjugators.some((s) => gens.every((g) => contains(hp.k, hp.elements, compose(compose(s, g), inverse(s)))));
}

/**
 * The candidates S_{n-k} x G (k = 1..3, G up to conjugacy; then S_{n-k} x S_k for k = 4..maxK) for the
 * irreducible [n - |mu|, mu], the axial ones marked.
 */
export function axialSubgroups(mu: Partition, maxK = 3): SubgroupCandidate[] {
  // The trivial irreducible [n]: S_n breaks no symmetry (a finite factor carries the crossing, if any).
  if (mu.length === 0) return [];
  const found: SmallCandidate[] = [];
  for (let k = 1; k <= 3; k++) {
    for (const { generators, elements } of subgroupsUpToConjugacy(k)) {
      const o = orbits(k, elements);
      const young = elements.length === o.reduce((p, orbit) => p * factorial(orbit.length), 1);
      found.push({ k, generators, elements, order: elements.length, name: `S_{n-${k}}${groupName(k, elements)}`, young, fixDimension: fixDimension(mu, k, elements) });
    }
  }
  const conjugators = permutationsOf(N_CHECK);
  const small = found.map(({ elements, ...h }): SubgroupCandidate => {
    const order = factorial(N_CHECK - h.k) * h.order;
    const larger = found.filter((hp) => factorial(N_CHECK - hp.k) * hp.order > order && hp.fixDimension > 0);
    const axial = h.fixDimension === 1 && !larger.some((hp) => conjugateInside({ ...h, elements }, hp, conjugators));
    return { ...h, axial };
  });
  // S_k by a transposition and a k-cycle (its k! elements are never listed).
  const young = Array.from({ length: Math.max(0, maxK - 3) }, (_, i): SubgroupCandidate => {
    const k = 4 + i;
    const fixDimension = youngFixDimension(mu, k);
    const transposition = [1, 0, ...Array.from({ length: k - 2 }, (_, x) => x + 2)];
    const cycle = Array.from({ length: k }, (_, x) => (x + 1) % k);
    return { k, generators: [transposition, cycle], order: factorial(k), name: `S_{n-${k}} x S_${k}`, young: true, fixDimension, axial: fixDimension === 1 };
  });
  return [...small, ...young];
}

/**
 * The axial subgroups the candidates leave out, when the bulk n* at d* has room for their patterns
 * (docs/bifurcation.md §2): for [n-2,1,1] and [n-2,2] those S_{n-k} x G with G not Young on k >= 4 indices
 * (S_{n-4} x Z_4 in [n-2,1,1]), needing n* >= k + 2; for [n - |mu|, mu] (x) psi, mu nonempty and psi a nontrivial
 * irreducible of the finite factor, the twisted subgroups, needing n* >= k + 2 with k >= 1 (the margin 0.01 of
 * a branch's pattern). Undefined when there is no room.
 */
export function unlistedSubgroups(mu: readonly number[], component: string, bulk: number): string | undefined {
  const finite = component.split(" x ")[1];
  const out: string[] = [];
  if (mu.length > 0 && mu.reduce((a, b) => a + b, 0) === 2 && bulk >= 6.01) out.push("S_{n-k} x G with G not Young on k >= 4 indices (e.g. S_{n-4} x Z_4 in [n-2,1,1]) are not enumerated");
  if (mu.length > 0 && finite !== undefined && finite !== "trivial" && bulk >= 3.01) out.push(`the twisted subgroups of S_{n-k} x (S_k x the finite factor) for ${finite} are not enumerated`);
  return out.length === 0 ? undefined : `the bulk at d* (n* = ${bulk.toFixed(3)}) has room for axial subgroups not listed: ${out.join("; ")}`;
}
