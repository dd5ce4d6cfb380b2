import type { SecondLayer } from "../model/studentModel.js";
import { F64 } from "../numbers/floatField.js";
import { paramWeights } from "../patterns/metric.js";
import { classRole, Pattern, type PatternClass, type PatternParam } from "../patterns/pattern.js";

/**
 * The finer patterns of the Hessian decomposition (docs/hessian.md, "finer patterns"): for the isotropy
 * pattern F = (d-c | small classes), the pattern Q_k = (A | s_1 | ... | s_k | singletons) with k = 0, 1, 2
 * distinguished bulk indices s_i (k >= 3 for the fixed-point spaces of the branches, docs/bifurcation.md §2) and every small class of F split into singletons of its role (paired,
 * row or column), bulk |A| = d - c - k. Its parameters are Fix(S_{d-c-k}) (S_{d-c-k} permuting A); the
 * swap of s_1, s_2 and the finite factor (finiteFactor.ts, permuting the singletons within each class)
 * act on them by permuting classes, hence parameters.
 */

/** Class index of the j-th singleton (0-based, over all small classes in order) in Q_k. */
export function smallClass(k: number, j: number): number {
  return 1 + k + j;
}

/** The sizes of the small classes of the isotropy pattern F: the finite factor is the product of S_size. */
export function finiteSizes(F: Pattern): number[] {
  return F.classes.slice(1).map((c) => c.size!);
}

/** Q_k for the isotropy pattern F. */
export function splitPattern(F: Pattern, k: number): Pattern {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`the number of distinguished bulk indices must be a nonnegative integer, got ${k}`);
  const classes: PatternClass[] = [{ name: "A" }];
  for (let i = 1; i <= k; i++) classes.push({ name: `s${i}`, size: 1 });
  for (const c of F.classes.slice(1)) {
    for (let j = 1; j <= c.size!; j++) {
      const name = c.size === 1 ? c.name : `${c.name.toLowerCase()}${j}`;
      classes.push(c.role === undefined ? { name, size: 1 } : { name, size: 1, role: c.role });
    }
  }
  return new Pattern(classes);
}

/** The classes of the singletons of Q_k, in order: the class of F (1, 2, ...) that each comes from. */
export function singletonOrigins(F: Pattern): number[] {
  return F.classes.flatMap((c, I) => (I === 0 ? [] : Array.from({ length: c.size! }, () => I)));
}

/**
 * The permutation of parameters induced by a permutation of classes (classPerm[I] = image of class I):
 * (kind, I, J) -> (kind, classPerm[I], classPerm[J]). The class permutation must fix the bulk and
 * preserve class sizes (it comes from a permutation of indices).
 */
export function paramPermutation(P: Pattern, classPerm: readonly number[]): number[] {
  if (classPerm[0] !== 0) throw new RangeError("a class permutation must fix the bulk class");
  P.classes.forEach((c, i) => {
    const image = P.classes[classPerm[i]!]!;
    if (image.size !== c.size || classRole(image) !== classRole(c)) throw new RangeError(`class permutation maps ${c.name} to a class of another size or role`);
  });
  return P.params.map((q) => {
    const image = P.paramIndex(q.kind, classPerm[q.row]!, classPerm[q.col]!);
    if (image === undefined) throw new Error(`parameter ${q.name} has no image under the class permutation`);
    return image;
  });
}

/** The class permutation of Q_k induced by g in the finite factor (acting on the singletons) and, if swap, s_1 <-> s_2. */
export function classPermutation(k: number, g: readonly number[], swap: boolean): number[] {
  const perm = Array.from({ length: 1 + k + g.length }, (_, i) => i);
  if (swap) {
    if (k !== 2) throw new RangeError("the swap of s_1 and s_2 needs k = 2");
    perm[1] = 2;
    perm[2] = 1;
  }
  g.forEach((image, j) => (perm[smallClass(k, j)] = smallClass(k, image)));
  return perm;
}

/**
 * For a refinement of patterns, the coarse parameter that each fine parameter belongs to. classMap[I']
 * is the coarse class containing fine class I' (the fine bulk in the coarse bulk). The embedding of
 * coarse parameters into fine ones is the 0/1 matrix E[f][coarseOf[f]] = 1: a coarse vector is constant
 * on the pieces of each coarse parameter. Pieces are disjoint, so E^T D_fine E = D_coarse.
 */
export function refinement(coarse: Pattern, fine: Pattern, classMap: readonly number[]): number[] {
  if (classMap.length !== fine.classes.length) throw new RangeError(`refinement: ${classMap.length} class images for ${fine.classes.length} classes`);
  if (classMap[0] !== 0) throw new RangeError("refinement: the fine bulk must lie in the coarse bulk");
  coarse.classes.forEach((c, I) => {
    if (I === 0) return;
    const total = fine.classes.reduce((s, f, J) => s + (classMap[J] === I ? f.size! : 0), 0);
    if (total !== c.size) throw new RangeError(`refinement: coarse class ${c.name} has size ${c.size}, its pieces ${total}`);
  });
  return fine.params.map((q) => {
    const image = coarse.paramIndex(q.kind, classMap[q.row]!, classMap[q.col]!);
    if (image === undefined) throw new Error(`refinement: ${q.name} lies in no coarse parameter`);
    return image;
  });
}

/**
 * Which parameters stand for at least one full coordinate at the integer d (off(A,A) stands for none
 * when the bulk has one index). For real d above the range of the decomposition all are present.
 */
export function presentParams(P: Pattern, d: number | undefined): boolean[] {
  if (d === undefined) return P.params.map(() => true);
  const weights = paramWeights(F64, P, d);
  return weights.map((w) => w !== 0);
}

/** Whether a parameter belongs to the second layer. */
export function isSecondLayer(q: PatternParam): boolean {
  return q.kind === "a";
}

/** Whether a parameter is a coordinate of the model: every one trained, the first layer's alone with a fixed second layer. */
export function isCoordinate(q: PatternParam, secondLayer: SecondLayer): boolean {
  return secondLayer === "trained" || !isSecondLayer(q);
}
