import type { Partition } from "./characters.js";
import { dimensionAtNumber, dimensionPolynomial, type DimensionPolynomial } from "./dimension.js";
import { finiteCharacter, finiteDimension, finiteElements, finiteIrreps, finiteName, type FiniteIrrep } from "./finiteFactor.js";
import type { SecondLayer } from "../model/studentModel.js";
import type { Pattern } from "../patterns/pattern.js";
import { classPermutation, finiteSizes, isCoordinate, isSecondLayer, paramPermutation, presentParams, splitPattern } from "./splitPatterns.js";

/**
 * The isotypic decomposition of M(k,d) x R^k under the isotropy group of a pattern F = (d-c | small
 * classes): S_n (n = d - c, the bulk, permuted diagonally) times the finite factor G of the small
 * classes (finiteFactor.ts; S_p for Delta(S_{d-p} x S_p)) (docs/hessian.md, "decomposition"), derived by
 * orbit counting on the parameters of the finer patterns Q_k (splitPatterns.ts), never tabulated:
 *
 * Fix(S_{n-k}) (the parameters of Q_k) is a representation of S_k x G. By the branching rule an
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
  /** The irreducible of the finite factor: one partition per small class ([] without small classes). */
  readonly psi: FiniteIrrep;
  /** Its name ("trivial" when every small class has one element). */
  readonly psiName: string;
  /** m: the number of copies, i.e. the size of the Hessian block. */
  readonly blockSize: number;
  /** How many of the copies lie in the span of the gauge directions (zero eigenvalues of the block). */
  readonly gaugeCount: number;
  /** The dimension of the irreducible, a polynomial in d: each block eigenvalue has this multiplicity. */
  readonly dimension: DimensionPolynomial;
}

/** The component's display name: the S_n part, then the finite part's where it has a class of two or more. */
export function componentName(sn: SnIrrep, sizes: readonly number[], psi: FiniteIrrep): string {
  const finite = finiteName(sizes, psi);
  return finite === "" ? sn.name : `${sn.name} x ${finite}`;
}

/**
 * N_k(psi, eps): the multiplicity of psi (x) eps in the permutation representation of G (x S_2 at
 * k = 2) on the parameters of Q_k that pass `keep`, by the character inner product
 * (1/|G|) sum_g (fixed parameters of g) chi_psi(g) eps(g).
 */
function orbitMultiplicity(F: Pattern, k: number, psi: FiniteIrrep, swapSign: 1 | -1 | undefined, keep: readonly boolean[]): number {
  const P = splitPattern(F, k);
  const sizes = finiteSizes(F);
  const swaps: boolean[] = swapSign === undefined ? [false] : [false, true];
  let total = 0;
  let order = 0;
  for (const g of finiteElements(sizes)) {
    const chi = finiteCharacter(sizes, psi, g);
    for (const swap of swaps) {
      const perm = paramPermutation(P, classPermutation(k, g, swap));
      let fixed = 0;
      perm.forEach((image, f) => {
        if (image === f && keep[f]) fixed++;
      });
      total += fixed * chi * (swap ? swapSign! : 1);
      order++;
    }
  }
  if (total % order !== 0) throw new Error(`orbit counting gave a non-integer multiplicity ${total}/${order} (k = ${k}, psi = ${JSON.stringify(psi)})`);
  return total / order;
}

/**
 * Check that d is a dimension at which isotypicDecomposition(F, d) applies, with c = F.smallTotal the
 * columns in small classes (c = p for Delta(S_{d-p} x S_p)): an integer d >= c + 2, or a real d > c + 3,
 * where the generic decomposition holds with every dimension positive. (The blocks themselves exist for
 * every real d > c + 2: in (c + 2, c + 3) realDimensionBlocks keeps the generic components except
 * [n-2,2], whose dimension is negative and metric indefinite there; see checkBlockDimension.) Returns the
 * integer d when the decomposition depends on it (d - c < 4: some components are absent), else undefined.
 */
export function decompositionDimension(F: Pattern, d: number): number | undefined {
  const c = F.smallTotal;
  if (!Number.isFinite(d)) throw new RangeError(`d must be a finite number, got ${d}`);
  if (Number.isInteger(d)) {
    if (d < c + 2) throw new RangeError(`d = ${d} is too small for ${isotropyText(F)}: the isotypic decomposition needs an integer d >= ${c + 2} or a real d > ${c + 3}`);
    return d - c < 4 ? d : undefined;
  }
  if (d <= c + 3) {
    throw new RangeError(`d = ${d} is not allowed for ${isotropyText(F)}: a non-integer d must exceed ${c + 3} (below, [n-2,2] of the generic decomposition has negative dimension; the blocks without it exist for a real d > ${c + 2}, see realDimensionBlocks), or give an integer d >= ${c + 2}`);
  }
  return undefined;
}

/** "isotropy p = 2" for the pattern (d-p | p), "the pattern (d-1 | 1 | 1 row)" otherwise: for messages. */
export function isotropyText(F: Pattern): string {
  const isotropy = F.classes.length <= 2 && F.classes.every((_, I) => F.isPaired(I));
  return isotropy ? `isotropy p = ${F.smallTotal}` : `the pattern ${F.toString()}`;
}

/**
 * The components of the isotropy group of F on M(k,d) x R^k (the trained second layer), or on M(k,d)
 * alone (the fixed second layer: the a-parameters are no coordinates, and no copy is a gauge direction):
 * for generic d (d undefined, valid for d - c >= 4 and every real d > c + 3), or at a small integer d
 * (d - c = 2 or 3) where the parameters standing for no coordinates are dropped from the counts and the
 * components of dimension <= 0 are absent. Ordered by irreducible of the finite factor (trivial first),
 * then [n], [n-1,1], [n-2,2], [n-2,1,1]; components of multiplicity 0 are left out.
 */
export function isotypicDecomposition(F: Pattern, d?: number, secondLayer: SecondLayer = "trained"): IsotypicComponent[] {
  const small = d === undefined ? undefined : decompositionDimension(F, d);
  const c = F.smallTotal;
  const sizes = finiteSizes(F);
  const out: IsotypicComponent[] = [];
  for (const psi of finiteIrreps(sizes)) {
    const counts = (k: number, eps: 1 | -1 | undefined, secondLayerOnly: boolean): number => {
      const P = splitPattern(F, k);
      const present = presentParams(P, small);
      const keep = P.params.map((q, f) => present[f]! && isCoordinate(q, secondLayer) && (!secondLayerOnly || isSecondLayer(q)));
      return orbitMultiplicity(F, k, psi, eps, keep);
    };
    const multiplicities = (secondLayerOnly: boolean): number[] => {
      const n0 = counts(0, undefined, secondLayerOnly);
      const n1 = counts(1, undefined, secondLayerOnly);
      // Level 2 needs a bulk of at least one index besides s_1, s_2 (d - c >= 3).
      const level2 = small === undefined || small - c >= 3;
      const n2plus = level2 ? counts(2, 1, secondLayerOnly) : n1;
      const n2minus = level2 ? counts(2, -1, secondLayerOnly) : n1 - n0;
      return [n0, n1 - n0, n2plus - n1, n2minus - (n1 - n0)];
    };
    const blocks = multiplicities(false);
    const gauge = multiplicities(true);
    SN_IRREPS.forEach((sn, i) => {
      const dimension = dimensionPolynomial(sn.mu, finiteDimension(psi), c);
      if (blocks[i]! === 0) return;
      if (small !== undefined && dimensionAtNumber(dimension, small) <= 0) return;
      out.push({
        name: componentName(sn, sizes, psi),
        sn,
        psi,
        psiName: finiteName(sizes, psi) || "trivial",
        blockSize: blocks[i]!,
        gaugeCount: gauge[i]!,
        dimension,
      });
    });
  }
  return out;
}
