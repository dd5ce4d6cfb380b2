import { character, cycleType, irrepDimension, irrepName, partitionsOf, permutationsOf, type Partition } from "./characters.js";
import { dimensionAtNumber, dimensionPolynomial, type DimensionPolynomial } from "./dimension.js";
import type { SecondLayer } from "../model/studentModel.js";
import { classPermutation, isCoordinate, isSecondLayer, paramPermutation, presentParams, splitPattern } from "./splitPatterns.js";

/**
 * The isotypic decomposition of M(d,d) x R^d under Delta(S_n x S_p), n = d - p (docs/hessian.md,
 * "decomposition"), derived by orbit counting on the parameters of the finer patterns Q_k
 * (splitPatterns.ts), never tabulated:
 *
 * Fix(S_{n-k}) (the parameters of Q_k) is a representation of S_k x S_p. By the branching rule an
 * irreducible [n - |mu|, mu] of S_n has S_{n-k}-invariants only if |mu| <= k, namely
 *   k = 0: [n] -> 1;   k = 1: [n] -> 1, [n-1,1] -> 1;
 *   k = 2: [n] -> trivial of S_2, [n-1,1] -> trivial + sign, [n-2,2] -> trivial, [n-2,1,1] -> sign.
 * With N_k(psi, eps) the multiplicity of psi (x) eps (eps a character of the swap of s_1, s_2) in the
 * permutation representation on the parameters of Q_k (character = number of fixed parameters):
 *   m([n], psi) = N_0,  m([n-1,1], psi) = N_1 - N_0,
 *   m([n-2,2], psi) = N_2(+) - N_1,  m([n-2,1,1], psi) = N_2(-) - (N_1 - N_0).
 * That no other irreducible occurs is the identity sum m * dim = d^2 + d (checked in tests), and it is
 * clear a priori: W and a are permutation modules on pairs and single indices.
 */

/** The four irreducibles of S_n that occur, as [n - |mu|, mu]. */
export interface SnIrrep {
  readonly name: "[n]" | "[n-1,1]" | "[n-2,2]" | "[n-2,1,1]";
  readonly mu: Partition;
  /** The level k of the fixed-point chain Fix(S_{n-k}) where the block is built. */
  readonly level: 0 | 1 | 2;
  /** At level 2, the eigenvalue of the swap of s_1, s_2 on the copies (+1 or -1). */
  readonly swapSign?: 1 | -1;
}

export const SN_IRREPS: readonly SnIrrep[] = [
  { name: "[n]", mu: [], level: 0 },
  { name: "[n-1,1]", mu: [1], level: 1 },
  { name: "[n-2,2]", mu: [2], level: 2, swapSign: 1 },
  { name: "[n-2,1,1]", mu: [1, 1], level: 2, swapSign: -1 },
];

/** One isotypic component [n - |mu|, mu] (x) psi. */
export interface IsotypicComponent {
  /** E.g. "[n-1,1]" (p <= 1) or "[n-1,1] x standard". */
  readonly name: string;
  readonly sn: SnIrrep;
  /** The irreducible of S_p as a partition of p ([] for p = 0). */
  readonly psi: Partition;
  readonly psiName: string;
  readonly p: number;
  /** m: the number of copies, i.e. the size of the Hessian block. */
  readonly blockSize: number;
  /** How many of the copies lie in the span of the gauge directions (zero eigenvalues of the block). */
  readonly gaugeCount: number;
  /** The dimension of the irreducible, a polynomial in d: each block eigenvalue has this multiplicity. */
  readonly dimension: DimensionPolynomial;
}

/** The component's display name. */
export function componentName(sn: SnIrrep, psi: Partition, p: number): string {
  return p <= 1 ? sn.name : `${sn.name} x ${irrepName(psi)}`;
}

/**
 * N_k(psi, eps): the multiplicity of psi (x) eps in the permutation representation of S_p (x S_2 at
 * k = 2) on the parameters of Q_k that pass `keep`, by the character inner product
 * (1/|G|) sum_g (fixed parameters of g) chi_psi(g) eps(g).
 */
function orbitMultiplicity(p: number, k: number, psi: Partition, swapSign: 1 | -1 | undefined, keep: readonly boolean[]): number {
  const P = splitPattern(p, k);
  const swaps: boolean[] = swapSign === undefined ? [false] : [false, true];
  let total = 0;
  let order = 0;
  for (const g of permutationsOf(p)) {
    const chi = character(psi, cycleType(g));
    for (const swap of swaps) {
      const perm = paramPermutation(P, classPermutation(p, k, g, swap));
      let fixed = 0;
      perm.forEach((image, f) => {
        if (image === f && keep[f]) fixed++;
      });
      total += fixed * chi * (swap ? swapSign! : 1);
      order++;
    }
  }
  if (total % order !== 0) throw new Error(`orbit counting gave a non-integer multiplicity ${total}/${order} (k = ${k}, psi = [${psi.join(",")}])`);
  return total / order;
}

/**
 * Check that d is a dimension at which isotypicDecomposition(p, d) applies: an integer d >= p + 2, or a
 * real d > p + 3, where the generic decomposition holds with every dimension positive. (The blocks
 * themselves exist for every real d > p + 2: in (p + 2, p + 3) realDimensionBlocks keeps the generic
 * components except [n-2,2], whose dimension is negative and metric indefinite there; see
 * checkBlockDimension.) Returns the integer d when the decomposition depends on it (d - p < 4: some
 * components are absent), else undefined.
 */
export function decompositionDimension(p: number, d: number): number | undefined {
  if (!Number.isFinite(d)) throw new RangeError(`d must be a finite number, got ${d}`);
  if (Number.isInteger(d)) {
    if (d < p + 2) throw new RangeError(`d = ${d} is too small for isotropy p = ${p}: the isotypic decomposition needs an integer d >= ${p + 2} or a real d > ${p + 3}`);
    return d - p < 4 ? d : undefined;
  }
  if (d <= p + 3) {
    throw new RangeError(`d = ${d} is not allowed for isotropy p = ${p}: a non-integer d must exceed ${p + 3} (below, [n-2,2] of the generic decomposition has negative dimension; the blocks without it exist for a real d > ${p + 2}, see realDimensionBlocks), or give an integer d >= ${p + 2}`);
  }
  return undefined;
}

/**
 * The components of Delta(S_{d-p} x S_p) on M(d,d) x R^d (the trained second layer), or on M(d,d) alone
 * (the fixed second layer: the a-parameters are no coordinates, and no copy is a gauge direction): for generic d (d undefined, valid for
 * d - p >= 4 and every real d > p + 3), or at a small integer d (d - p = 2 or 3) where the parameters
 * standing for no coordinates are dropped from the counts and the components of dimension <= 0 are
 * absent. Ordered by S_p irreducible (partitions of p, trivial first), then [n], [n-1,1], [n-2,2],
 * [n-2,1,1]; components of multiplicity 0 are left out.
 */
export function isotypicDecomposition(p: number, d?: number, secondLayer: SecondLayer = "trained"): IsotypicComponent[] {
  const small = d === undefined ? undefined : decompositionDimension(p, d);
  const out: IsotypicComponent[] = [];
  for (const psi of partitionsOf(p)) {
    const counts = (k: number, eps: 1 | -1 | undefined, secondLayerOnly: boolean): number => {
      const P = splitPattern(p, k);
      const present = presentParams(P, small);
      const keep = P.params.map((q, f) => present[f]! && isCoordinate(q, secondLayer) && (!secondLayerOnly || isSecondLayer(q)));
      return orbitMultiplicity(p, k, psi, eps, keep);
    };
    const multiplicities = (secondLayerOnly: boolean): number[] => {
      const n0 = counts(0, undefined, secondLayerOnly);
      const n1 = counts(1, undefined, secondLayerOnly);
      // Level 2 needs a bulk of at least one index besides s_1, s_2 (d - p >= 3).
      const level2 = small === undefined || small - p >= 3;
      const n2plus = level2 ? counts(2, 1, secondLayerOnly) : n1;
      const n2minus = level2 ? counts(2, -1, secondLayerOnly) : n1 - n0;
      return [n0, n1 - n0, n2plus - n1, n2minus - (n1 - n0)];
    };
    const blocks = multiplicities(false);
    const gauge = multiplicities(true);
    SN_IRREPS.forEach((sn, i) => {
      const dimension = dimensionPolynomial(sn.mu, irrepDimension(psi), p);
      if (blocks[i]! === 0) return;
      if (small !== undefined && dimensionAtNumber(dimension, small) <= 0) return;
      out.push({
        name: componentName(sn, psi, p),
        sn,
        psi,
        psiName: irrepName(psi),
        p,
        blockSize: blocks[i]!,
        gaugeCount: gauge[i]!,
        dimension,
      });
    });
  }
  return out;
}
