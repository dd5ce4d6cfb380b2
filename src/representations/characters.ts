/**
 * Characters of the symmetric groups (docs/hessian.md, "characters"): permutations and cycle types,
 * the Murnaghan–Nakayama rule for irreducible characters, the hook length formula, and the Young
 * subgroups S_mu. Small groups only: S_p for p <= 3 in the decomposition, S_n for n <= ~7 in tests.
 */

/** A partition as its parts, weakly decreasing and positive, e.g. [2, 1]. */
export type Partition = readonly number[];

/** A permutation of {0..k-1} as the array of images. */
export type Permutation = readonly number[];

/** Every partition of k, in reverse lexicographic order ([k] first, [1^k] last). */
export function partitionsOf(k: number): Partition[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`partitions of ${k}: need a non-negative integer`);
  const out: Partition[] = [];
  const walk = (rest: number, max: number, prefix: number[]): void => {
    if (rest === 0) {
      out.push(prefix.slice());
      return;
    }
    for (let part = Math.min(rest, max); part >= 1; part--) {
      prefix.push(part);
      walk(rest - part, part, prefix);
      prefix.pop();
    }
  };
  walk(k, k, []);
  return out;
}

/** Every permutation of {0..k-1} (k! of them; the identity first). */
export function permutationsOf(k: number): Permutation[] {
  if (!Number.isInteger(k) || k < 0 || k > 9) throw new RangeError(`permutations of ${k} points: need an integer from 0 to 9`);
  const out: Permutation[] = [];
  const walk = (prefix: number[], used: boolean[]): void => {
    if (prefix.length === k) {
      out.push(prefix.slice());
      return;
    }
    for (let i = 0; i < k; i++) {
      if (used[i]) continue;
      used[i] = true;
      prefix.push(i);
      walk(prefix, used);
      prefix.pop();
      used[i] = false;
    }
  };
  walk([], new Array<boolean>(k).fill(false));
  return out;
}

/** The cycle lengths of a permutation, as a partition (fixed points count as 1-cycles). */
export function cycleType(g: Permutation): Partition {
  const seen = new Array<boolean>(g.length).fill(false);
  const lengths: number[] = [];
  for (let i = 0; i < g.length; i++) {
    if (seen[i]) continue;
    let len = 0;
    for (let j = i; !seen[j]; j = g[j]!) {
      seen[j] = true;
      len++;
    }
    lengths.push(len);
  }
  return lengths.sort((a, b) => b - a);
}

/**
 * The irreducible character chi^lambda at a permutation of cycle type rho (|rho| = |lambda|), by the
 * Murnaghan–Nakayama rule on beta-sets: with beta_i = lambda_i + (l - i), removing a rim hook of length r
 * replaces some beta by beta - r (if that is free and >= 0), with sign (-1)^(number of betas strictly
 * between). chi^lambda(rho) = sum over rim hooks of length rho_1 of sign * chi^(lambda - hook)(rho - rho_1).
 */
export function character(lambda: Partition, rho: Partition): number {
  const size = lambda.reduce((s, x) => s + x, 0);
  const rhoSize = rho.reduce((s, x) => s + x, 0);
  if (size !== rhoSize) throw new RangeError(`character: |lambda| = ${size} but the cycle type has size ${rhoSize}`);
  const l = lambda.length;
  const beta = lambda.map((part, i) => part + (l - 1 - i));
  return characterOnBetas(beta, rho, 0);
}

function characterOnBetas(beta: number[], rho: Partition, from: number): number {
  if (from === rho.length) return 1;
  const r = rho[from]!;
  const present = new Set(beta);
  let total = 0;
  for (let i = 0; i < beta.length; i++) {
    const b = beta[i]!;
    const target = b - r;
    if (target < 0 || present.has(target)) continue;
    let between = 0;
    for (const c of beta) if (c > target && c < b) between++;
    const next = beta.slice();
    next[i] = target;
    total += (between % 2 === 0 ? 1 : -1) * characterOnBetas(next, rho, from + 1);
  }
  return total;
}

/** The conjugate partition lambda' (lambda'_j = number of parts >= j). */
export function conjugatePartition(lambda: Partition): Partition {
  const out: number[] = [];
  for (let j = 1; j <= (lambda[0] ?? 0); j++) out.push(lambda.filter((x) => x >= j).length);
  return out;
}

/** The product of the hook lengths of lambda. */
export function hookProduct(lambda: Partition): number {
  const conj = conjugatePartition(lambda);
  let product = 1;
  lambda.forEach((row, i) => {
    for (let j = 0; j < row; j++) product *= row - j - 1 + (conj[j]! - i - 1) + 1;
  });
  return product;
}

/** The dimension of the Specht module S^lambda: |lambda|! / (product of hook lengths). */
export function irrepDimension(lambda: Partition): number {
  let factorial = 1;
  for (let i = 2; i <= lambda.reduce((s, x) => s + x, 0); i++) factorial *= i;
  return factorial / hookProduct(lambda);
}

/**
 * The Young subgroup S_mu of S_k (k = |mu|): the permutations that map each block of consecutive points
 * (sizes mu_1, mu_2, ...) to itself.
 */
export function youngSubgroup(mu: Partition): Permutation[] {
  const k = mu.reduce((s, x) => s + x, 0);
  const block: number[] = [];
  mu.forEach((size, b) => {
    for (let i = 0; i < size; i++) block.push(b);
  });
  return permutationsOf(k).filter((g) => g.every((image, i) => block[image] === block[i]));
}

/** A short name for an irreducible of S_p, p <= 3: trivial, sign, standard; otherwise the partition. */
export function irrepName(psi: Partition): string {
  const p = psi.reduce((s, x) => s + x, 0);
  if (psi.length <= 1) return "trivial";
  if (psi.every((x) => x === 1)) return "sign";
  if (psi.length === 2 && psi[1] === 1 && psi[0] === p - 1) return "standard";
  return `[${psi.join(",")}]`;
}
