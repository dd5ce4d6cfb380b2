import type { SecondLayer } from "../model/studentModel.js";
import { Pattern, type PatternClass } from "../patterns/pattern.js";
import { isCoordinate, isSecondLayer, paramPermutation, presentParams, refinement } from "./splitPatterns.js";

/**
 * The isotypic decomposition of M(d,d) x R^d (or M(d,d) alone with a fixed second layer) under a Young
 * subgroup G = S_{n_1} x ... x S_{n_c} acting diagonally, every class treated alike (docs/census.md §2):
 * no class is a "finite factor" enumerated by characters, so a class of 13 indices costs what one of 2 does.
 *
 * W and a are permutation modules on pairs and single indices: R^{I x J} = M_I (x) M_J with M_I = 1 + std_I,
 * and M_I (x) M_I = 2 + 3 std_I + [n_I-2,2] + [n_I-2,1,1]. So the irreducibles that occur are tensor products
 * with at most two boxes below the first rows in total:
 *   trivial;  std_I = [n_I-1,1];  [n_I-2,2];  [n_I-2,1,1];  std_I (x) std_J (I < J)
 * (every other factor trivial). Each is found at a level of the chain of fixed-point spaces, in a finer
 * pattern with distinguished indices split off the classes (splitYoung): one from I (std_I), two from I
 * (the swap sigma of the two: [n_I-2,2] symmetric, [n_I-2,1,1] antisymmetric), one from I and one from J
 * (std_I (x) std_J). With N(Q) the number of coordinates of a pattern Q (parameters standing for at least
 * one coordinate of the model at the integer d):
 *   m(trivial) = N(F),  m(std_I) = N(Q_I) - N(F),
 *   m([n_I-2,2]) = (sigma-orbits on Q_II) - N(Q_I),  m([n_I-2,1,1]) = (2-element sigma-orbits on Q_II) - m(std_I),
 *   m(std_I (x) std_J) = N(Q_IJ) - N(Q_I) - N(Q_J) + N(F)          (inclusion-exclusion),
 * since Fix(S_{n_I-1}) of std_I is one line, Fix(S_{n_I-2}) of std_I is trivial + sign of sigma, of
 * [n_I-2,2] trivial, of [n_I-2,1,1] sign (branching rule). The gauge count is the same count over the
 * a-parameters (the gauge directions form a module isomorphic to the a-part).
 */

/** Which irreducible: its kind and the classes (of the isotropy pattern) whose indices are split off. */
export type YoungIrrepKind = "trivial" | "standard" | "twoRow" | "exterior" | "product";

export interface YoungIrrep {
  readonly kind: YoungIrrepKind;
  /** The classes the distinguished indices are split from: [], [I], [I, I] or [I, J] (I < J). */
  readonly split: readonly number[];
}

/** One isotypic component of the Young subgroup. */
export interface YoungComponent {
  /** E.g. "[n]", "[n-1,1]_B", "[n-2,1,1]_A", "[n-1,1]_A x [n-1,1]_C". */
  readonly name: string;
  readonly irrep: YoungIrrep;
  /** m: the number of copies, the size of the Hessian block. */
  readonly blockSize: number;
  /** Copies in the span of the gauge directions (trained second layer): zero eigenvalues of the block. */
  readonly gaugeCount: number;
  /** The dimension of the irreducible at d: the multiplicity of each block eigenvalue. */
  readonly dimension: number;
}

/** A finer pattern of the chain: the isotropy pattern F with indices split off, and where each class came from. */
export interface SplitYoung {
  readonly pattern: Pattern;
  /** classOf[I']: the class of F containing class I' of the finer pattern. */
  readonly classOf: readonly number[];
}

/** The size of class I of F at d (an integer, or real for real d or real class sizes). */
export function youngClassSize(F: Pattern, I: number, d: number): number {
  const s = F.classSize(I);
  return s.bulk ? d + s.constant : s.constant;
}

/**
 * F with one distinguished index split off each class listed in `split` (a class may be listed twice):
 * the classes of F, each smaller by the indices taken from it, then the singletons s1, s2 in order. A
 * class must keep at least one index. The bulk stays first (its size follows from d).
 */
export function splitYoung(F: Pattern, split: readonly number[], d: number): SplitYoung {
  const taken = F.classes.map((_, I) => split.filter((s) => s === I).length);
  const classes: PatternClass[] = F.classes.map((c, I) => {
    const left = youngClassSize(F, I, d) - taken[I]!;
    if (left < 1) throw new RangeError(`class ${c.name} of ${F.toString()} has ${left + taken[I]!} indices at d = ${d}: cannot split off ${taken[I]}`);
    return I === 0 ? { name: c.name } : { ...c, size: c.size! - taken[I]! };
  });
  // A singleton keeps the role of its class: split off a row class, it is a row without a column (docs/census.md §2).
  // Its name s1, s2 is primed while F has a class of that name (a branch pattern's singletons).
  const names = new Set(F.classes.map((c) => c.name));
  split.forEach((I, i) => {
    let name = `s${i + 1}`;
    while (names.has(name)) name += "'";
    const role = F.classes[I]!.role;
    classes.push(role === undefined ? { name, size: 1 } : { name, size: 1, role });
  });
  return { pattern: new Pattern(classes, {}, { realSizes: F.realSizes }), classOf: [...F.classes.map((_, I) => I), ...split] };
}

/**
 * The embedding of a coarser split into a finer one by the 0/1 refinement (splitPatterns.ts): for each
 * parameter of `fine`, the parameter of `coarse` it is a piece of. `rejoin[i]` says where the fine
 * singleton s_{i+1} goes in the coarse pattern: to its class of F (-1) or to the coarse singleton number r.
 */
export function youngRefinement(coarse: SplitYoung, fine: SplitYoung, rejoin: readonly number[]): number[] {
  const c = fine.classOf.length - rejoin.length;
  const classMap = fine.classOf.map((origin, I) => {
    if (I < c) return I;
    const r = rejoin[I - c]!;
    return r < 0 ? origin : c + r;
  });
  return refinement(coarse.pattern, fine.pattern, classMap);
}

/** Which parameters of Q are coordinates of the model at the integer d (present, and not a with a fixed second layer). */
export function youngCoordinates(Q: Pattern, d: number, secondLayer: SecondLayer, secondLayerOnly = false): boolean[] {
  const present = presentParams(Q, d);
  return Q.params.map((q, f) => present[f]! && isCoordinate(q, secondLayer) && (!secondLayerOnly || isSecondLayer(q)));
}

/** The swap of the two singletons of a split off one class twice, as a permutation of its parameters. */
export function youngSwap(Q: SplitYoung): number[] {
  const n = Q.classOf.length;
  const perm = Q.classOf.map((_, I) => I);
  perm[n - 2] = n - 1;
  perm[n - 1] = n - 2;
  return paramPermutation(Q.pattern, perm);
}

/** The display name of an irreducible, with the classes named as in F. */
export function youngIrrepName(F: Pattern, irrep: YoungIrrep): string {
  const name = (I: number): string => F.classes[I]!.name;
  const [I, J] = irrep.split;
  switch (irrep.kind) {
    case "trivial":
      return "[n]";
    case "standard":
      return `[n-1,1]_${name(I!)}`;
    case "twoRow":
      return `[n-2,2]_${name(I!)}`;
    case "exterior":
      return `[n-2,1,1]_${name(I!)}`;
    case "product":
      return `[n-1,1]_${name(I!)} x [n-1,1]_${name(J!)}`;
  }
}

/** The dimension of the irreducible at d (hook lengths with the class sizes n_I): <= 0 when it does not exist. */
export function youngIrrepDimension(F: Pattern, irrep: YoungIrrep, d: number): number {
  const n = (I: number): number => youngClassSize(F, I, d);
  const [I, J] = irrep.split;
  switch (irrep.kind) {
    case "trivial":
      return 1;
    case "standard":
      return n(I!) - 1;
    case "twoRow":
      return n(I!) < 4 ? 0 : (n(I!) * (n(I!) - 3)) / 2;
    case "exterior":
      return n(I!) < 3 ? 0 : ((n(I!) - 1) * (n(I!) - 2)) / 2;
    case "product":
      return (n(I!) - 1) * (n(J!) - 1);
  }
}

/** Every irreducible that may occur for F, in the order trivial; per class standard, [n-2,2], [n-2,1,1]; products. */
export function youngIrreps(F: Pattern): YoungIrrep[] {
  const c = F.classes.length;
  const out: YoungIrrep[] = [{ kind: "trivial", split: [] }];
  for (let I = 0; I < c; I++) {
    out.push({ kind: "standard", split: [I] }, { kind: "twoRow", split: [I, I] }, { kind: "exterior", split: [I, I] });
  }
  for (let I = 0; I < c; I++) for (let J = I + 1; J < c; J++) out.push({ kind: "product", split: [I, J] });
  return out;
}

/**
 * A pattern of integer class sizes whose Young decomposition has the same structure as that of F at the real d
 * (F with real class sizes, docs/patterns.md §4): each class size s (the bulk's d - c included) becomes
 * min(4, ceil(s)). The exact generators depend on the sizes only through which are 1, 2, 3 or larger
 * (docs/census.md §2), and so do the parameters of the finer patterns (an off-diagonal entry where s > 1).
 */
export function youngRepresentative(F: Pattern, d: number): { pattern: Pattern; d: number } {
  const size = (I: number): number => Math.min(4, Math.ceil(youngClassSize(F, I, d)));
  const classes: PatternClass[] = F.classes.map((c, I) => (I === 0 ? c : { ...c, size: size(I) }));
  const pattern = new Pattern(classes);
  return { pattern, d: size(0) + pattern.smallTotal };
}

/**
 * The components of the Young subgroup of the isotropy pattern F at the integer d (every class size
 * known), for the model's second layer, by counting coordinates of the finer patterns (module comment).
 * Components of dimension 0 (a class too small for the irreducible) or multiplicity 0 are left out.
 */
export function youngDecomposition(F: Pattern, d: number, secondLayer: SecondLayer = "trained"): YoungComponent[] {
  if (!Number.isInteger(d)) throw new RangeError(`the Young decomposition needs an integer d, got ${d}`);
  const count = (split: readonly number[], onlyA: boolean): number => youngCoordinates(splitYoung(F, split, d).pattern, d, secondLayer, onlyA).filter(Boolean).length;
  const orbits = (split: readonly number[], onlyA: boolean): { all: number; pairs: number } => {
    const Q = splitYoung(F, split, d);
    const keep = youngCoordinates(Q.pattern, d, secondLayer, onlyA);
    const swap = youngSwap(Q);
    let fixed = 0;
    let moved = 0;
    keep.forEach((k, f) => {
      if (!k) return;
      if (swap[f] === f) fixed++;
      else moved++;
    });
    return { all: fixed + moved / 2, pairs: moved / 2 };
  };
  const multiplicity = (irrep: YoungIrrep, onlyA: boolean): number => {
    const [I, J] = irrep.split;
    switch (irrep.kind) {
      case "trivial":
        return count([], onlyA);
      case "standard":
        return count([I!], onlyA) - count([], onlyA);
      case "twoRow":
        return orbits([I!, I!], onlyA).all - count([I!], onlyA);
      case "exterior":
        return orbits([I!, I!], onlyA).pairs - (count([I!], onlyA) - count([], onlyA));
      case "product":
        return count([I!, J!], onlyA) - count([I!], onlyA) - count([J!], onlyA) + count([], onlyA);
    }
  };
  const out: YoungComponent[] = [];
  for (const irrep of youngIrreps(F)) {
    const dimension = youngIrrepDimension(F, irrep, d);
    if (dimension <= 0) continue;
    const blockSize = multiplicity(irrep, false);
    if (blockSize === 0) continue;
    out.push({ name: youngIrrepName(F, irrep), irrep, blockSize, gaugeCount: secondLayer === "trained" ? multiplicity(irrep, true) : 0, dimension });
  }
  return out;
}
