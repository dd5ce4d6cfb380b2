import { lbfgs } from "../discovery/lbfgs.js";
import { mulberry32, runSeed } from "../discovery/random.js";
import type { SecondLayer } from "../model/studentModel.js";
import type { Pattern } from "../patterns/pattern.js";
import { solveLinear } from "../linalg/solve.js";
import { symmetricEigenFloat64, symmetricEigenvaluesFloat64 } from "../linalg/symmetricEigenFloat64.js";
import { F64 } from "../numbers/floatField.js";
import { restrictedHessianFloat64 } from "../patterns/compiledHessian.js";
import { compileRestrictedLoss } from "../patterns/compiledLoss.js";
import { weightParams } from "../patterns/derivatives.js";
import { paramWeights } from "../patterns/metric.js";
import { entry, permuteClasses, samePointAs } from "./points.js";
import { censusPattern, sizePreservingPermutations } from "./types.js";

/**
 * The search in one fixed-point space (docs/census.md §1): descent on the restricted loss L_P(x; d) from
 * many starts, in float64, then Newton in float64 (the Hessian by hand) on the distinct limits. A minimum of the full loss inside
 * Fix(G) is a minimum of L_P (its Hessian is the full one restricted to Fix(G), docs/patterns.md §5), so
 * descent from enough starts finds them; nothing here depends on d but the class counts.
 *
 * The second layer: with a fixed second layer a = 1. With a trained one, the gauge |a_i| = 1 leaves a
 * sign per class, and by Euler's identity (docs/models.md §1) a critical point of L(W, s) in W alone with
 * s = the signs is a critical point in (W, a): each sign vector is searched as a fixed second layer.
 */

/**
 * How many starts of each kind, per sign vector of a: `random` in a type of at most two classes
 * (`randomMixedSigns` there under a sign vector with a negative class), `randomThreeClasses` in one of three,
 * and every diagonal sign pattern (+-1 per class) `signed` times.
 */
export interface SearchOptions {
  readonly random: number;
  readonly randomMixedSigns: number;
  readonly randomThreeClasses: number;
  readonly signed: number;
  readonly seed: number;
}

/** A start in the pattern of a type: every parameter, a included (its sign vector); seeds.ts makes them. */
export interface Seed {
  readonly x: number[];
}

/** A critical point found in the pattern of a type, in float64, with how many starts reached it. */
export interface FoundPoint {
  readonly sizes: number[];
  readonly x: number[];
  readonly starts: number;
}

export interface SearchResult {
  readonly points: FoundPoint[];
  /** Starts whose descent did not reach a small gradient, or whose limit Newton could not refine. */
  readonly failed: number;
  readonly starts: number;
}

/**
 * Descent stops at this full gradient norm: below about 1e-9 d^2 the float64 loss (O(d^2) terms cancelling
 * to O(1)) is rounding noise for the line search. Its limit goes to Newton if below ACCEPT.
 */
const descentTolerance = (d: number): number => Math.max(1e-6, 1e-9 * d * d);
const ACCEPT = 1e-4;
/** Limits of descent closer than this (relative) are one candidate for Newton; Newton's limits closer than SAME are one point. */
const CLUSTER = 1e-4;
const SAME = 1e-7;
/** Least |eigenvalue| / largest of the restricted Hessian at an accepted point. */
const NONSINGULAR = 1e-9;

/**
 * The sign vectors of a to search: all +1 (fixed second layer), or one of each orbit under the permutations
 * of equal classes but all -1, which has no critical point with a nonzero row (docs/census.md §1).
 */
export function signVectors(sizes: readonly number[], secondLayer: SecondLayer): number[][] {
  const c = sizes.length;
  if (secondLayer === "fixed") return [sizes.map(() => 1)];
  const perms = sizePreservingPermutations(sizes);
  const seen = new Set<string>();
  const out: number[][] = [];
  for (let mask = 0; mask < (1 << c) - 1; mask++) {
    const s = sizes.map((_, I) => ((mask >> I) & 1 ? -1 : 1));
    const key = perms.map((p) => p.map((J) => s[J]!).join(",")).sort()[0]!;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

/**
 * A descent under a sign vector with a negative class is abandoned when the rows of a negative class stay
 * below DEAD_ROW times the largest row norm for DEAD_STEPS accepted steps: it is heading for a dead class
 * (rows at 0, where the loss has a kink), not an isolated critical point (docs/census.md §1).
 */
const DEAD_ROW = 1e-8;
const DEAD_STEPS = 30;

/** The abandon test of lbfgs for one descent (fresh per start): y in the descent's coordinates, x = y / scale. */
function deadRowTest(P: Pattern, sizes: readonly number[], signs: readonly number[], wrt: readonly number[], scale: readonly number[]): ((y: Float64Array) => boolean) | undefined {
  if (signs.every((s) => s > 0)) return undefined;
  // Row norm^2 of class I = sum over its parameters of (columns the entry stands for) * x^2.
  const terms = sizes.map((_, I) => wrt.map((k, i) => ({ i, k })).filter(({ k }) => P.params[k]!.row === I).map(({ i, k }) => {
    const q = P.params[k]!;
    return { i, count: q.kind === "diag" ? 1 : sizes[q.col]! - (q.col === I ? 1 : 0) };
  }));
  // Typed copies for the test after every accepted step; the sums in the same order.
  const index = terms.map((list) => Int32Array.from(list, (t) => t.i));
  const count = terms.map((list) => Float64Array.from(list, (t) => t.count));
  const norms = new Float64Array(sizes.length);
  let steps = 0;
  return (y) => {
    let largest = -Infinity;
    for (let I = 0; I < norms.length; I++) {
      const at = index[I]!;
      const by = count[I]!;
      let sum = 0;
      for (let t = 0; t < at.length; t++) sum = sum + by[t]! * (y[at[t]!]! / scale[at[t]!]!) ** 2;
      norms[I] = sum;
      largest = Math.max(largest, sum);
    }
    let dead = false;
    for (let I = 0; I < norms.length; I++) if (signs[I]! < 0 && norms[I]! < DEAD_ROW * DEAD_ROW * largest) dead = true;
    steps = dead ? steps + 1 : 0;
    return steps >= DEAD_STEPS;
  };
}

/** A stable seed for (type, sign vector, start). */
function startSeed(seed: number, sizes: readonly number[], signs: readonly number[], start: number): number {
  let h = start;
  for (const v of [...sizes, ...signs.map((s) => (s > 0 ? 1 : 2))]) h = Math.imul(h ^ v, 0x9e3779b1) + 7;
  return runSeed(seed, h >>> 0);
}

/**
 * Newton in float64 on the gradient in the coordinates y, the Hessian by hand (restrictedHessianFloat64,
 * docs/patterns.md §6): it converges quadratically to the float64 noise floor, which is all the clustering
 * needs (the BigFloat Newton of census.ts does the rest). Undefined when it does not settle or the restricted
 * Hessian there is singular (below NONSINGULAR relative to its largest eigenvalue).
 */
function polish(objective: RestrictedObjective, y0: Float64Array): { y: Float64Array; hessian: number[][] } | undefined {
  const n = y0.length;
  const y = Float64Array.from(y0);
  const g = new Float64Array(n);
  for (let step = 0; step < 12; step++) {
    objective.gradient(y, g);
    const H = objective.hessian(y);
    let dy: number[];
    try {
      dy = solveLinear(F64, H, Array.from(g, (v) => -v));
    } catch {
      return undefined;
    }
    let size = 0;
    for (let i = 0; i < n; i++) {
      y[i] = y[i]! + dy[i]!;
      size = Math.max(size, Math.abs(dy[i]!) / Math.max(1, Math.abs(y[i]!)));
    }
    if (!Number.isFinite(size)) return undefined;
    if (size < 1e-11) {
      // An isolated critical point of L_P: the restricted Hessian is nonsingular (a critical set with a flat
      // direction, e.g. rows shrinking to zero under a negative a, or parallel rows, is not one point).
      const eig = symmetricEigenvaluesFloat64(H).map(Math.abs);
      return Math.min(...eig) > NONSINGULAR * Math.max(...eig) ? { y, hessian: H } : undefined;
    }
  }
  return undefined;
}

/** L_P under a sign vector of a in the coordinates y of restrictedObjective: its gradient (descent) and its Hessian (Newton). */
interface RestrictedObjective {
  /** L_P at y, its gradient in y written to g. */
  readonly gradient: (y: Float64Array, g: Float64Array) => number;
  /** The Hessian in y at y (the Hessian by hand in the parameters wrt, scaled). */
  readonly hessian: (y: Float64Array) => number[][];
}

/**
 * L_P and its derivatives under the sign vector `signs` of a, in the coordinates y_k = sqrt(w_k) x_k of the
 * parameters `wrt` (scale_i = sqrt(w_k)), where the gradient is the full one restricted to Fix(G).
 */
function restrictedObjective(P: Pattern, d: number, signs: readonly number[], wrt: readonly number[], scale: readonly number[]): RestrictedObjective {
  const loss = compileRestrictedLoss(P, d, signs);
  const x = new Float64Array(P.params.length);
  P.params.forEach((q, k) => {
    if (q.kind === "a") x[k] = signs[q.row]!;
  });
  const grad = new Float64Array(P.params.length);
  // Typed copies for the descents' inner loop (one gradient per line-search trial).
  const at = Int32Array.from(wrt);
  const by = Float64Array.from(scale);
  const n = at.length;
  return {
    gradient: (y, g) => {
      for (let i = 0; i < n; i++) x[at[i]!] = y[i]! / by[i]!;
      const value = loss.evaluate(x, grad);
      for (let i = 0; i < n; i++) g[i] = grad[at[i]!]! / by[i]!;
      return value;
    },
    hessian: (y) => {
      wrt.forEach((k, i) => (x[k] = y[i]! / scale[i]!));
      const H = restrictedHessianFloat64(P, Array.from(x), d);
      return wrt.map((k, i) => wrt.map((l, j) => H[k]![l]! / (scale[i]! * scale[j]!)));
    },
  };
}

/**
 * The float64 Newton of the search (polish) from a point of the type `sizes` (every parameter, a included:
 * its sign vector), to the critical point of L_P near it; undefined when it does not settle there or the
 * restricted Hessian is singular. Used for the points reached by training (runs.ts).
 */
export function polishInType(sizes: readonly number[], d: number, x: readonly number[]): number[] | undefined {
  const P = censusPattern(sizes);
  const wrt = weightParams(P);
  const weights = paramWeights(F64, P, d);
  const scale = wrt.map((k) => Math.sqrt(weights[k]!));
  const signs = sizes.map((_, I) => entry(P, x, "a", I));
  const polished = polish(restrictedObjective(P, d, signs, wrt, scale), Float64Array.from(wrt, (k, i) => x[k]! * scale[i]!));
  if (polished === undefined) return undefined;
  const out = x.slice();
  wrt.forEach((k, i) => (out[k] = polished.y[i]! / scale[i]!));
  return out;
}

/**
 * The critical points of the type `sizes` at the integer d reached by descent from the starts, for each sign
 * vector of a, refined by Newton in float64 and made distinct (up to permutations of equal classes). They
 * may have a coarser isotropy than the type (coarsen in points.ts moves them).
 */
export function searchType(sizes: readonly number[], d: number, secondLayer: SecondLayer, options: SearchOptions, seeds: readonly Seed[] = [], share?: SearchShare): SearchResult {
  const P = censusPattern(sizes);
  const wrt = weightParams(P);
  const weights = paramWeights(F64, P, d);
  const scale = wrt.map((k) => Math.sqrt(weights[k]!));
  const perms = sizePreservingPermutations(sizes);
  const points: FoundPoint[] = [];
  let failed = 0;
  let starts = 0;
  for (const signs of signVectors(sizes, secondLayer)) {
    const seedStarts: number[][] = [];
    for (const seed of seeds) {
      // The seed's classes permuted (among classes of equal size) to this sign vector, if they can be.
      const seedSigns = sizes.map((_, I) => entry(P, seed.x, "a", I));
      const perm = perms.find((q) => q.every((J, I) => seedSigns[J] === signs[I]));
      if (perm !== undefined) {
        const x = permuteClasses(P, seed.x, perm);
        seedStarts.push(wrt.map((k) => x[k]!));
      }
    }
    const key = JSON.stringify([sizes, d, signs, options, seedStarts]);
    const own = share?.get(key) ?? searchSignVector(P, sizes, d, signs, options, seedStarts, wrt, scale);
    share?.set(key, own);
    starts += own.starts;
    failed += own.failed;
    for (const limit of own.points) {
      const sameAsLimit = samePointAs(P, sizes, limit.x, SAME);
      const same = points.find((p) => sameAsLimit(p.x));
      if (same !== undefined) (same as { starts: number }).starts += limit.starts;
      else points.push({ sizes: sizes.slice(), x: limit.x, starts: limit.starts });
    }
  }
  return { points, failed, starts };
}

/**
 * The searches of one d already made, by type, sign vector of a, options and seeds: a census of the other
 * second layer at the same d takes them over (the all-plus sign vector of the trained model is the fixed
 * model's search: the same objective, docs/census.md §1).
 */
export type SearchShare = Map<string, SearchResult>;

/**
 * The search under one sign vector of a: descent from every start, Newton on the distinct limits; then, in a
 * type of two classes of different sizes under equal signs of a, Newton from each point found with the
 * entries of its two classes exchanged (the sizes kept): `a.p<n>` and `a.p<d-n>` have about the same entries
 * with the classes' roles exchanged, and Newton from there reaches minima that the random and sign starts
 * reach rarely or never (docs/census.md §1).
 */
function searchSignVector(
  P: Pattern,
  sizes: readonly number[],
  d: number,
  signs: readonly number[],
  options: SearchOptions,
  seedStarts: readonly number[][],
  wrt: readonly number[],
  scale: readonly number[],
): SearchResult {
  const c = sizes.length;
  const objective = restrictedObjective(P, d, signs, wrt, scale);
  const startPoints: number[][] = [];
  let n = 0;
  const random = () => mulberry32(startSeed(options.seed, sizes, signs, n++));
  for (let mask = 0; mask < 1 << c; mask++) {
    for (let t = 0; t < options.signed; t++) {
      const r = random();
      startPoints.push(wrt.map((k) => {
        const q = P.params[k]!;
        return q.kind === "diag" ? ((mask >> q.row) & 1 ? -1 : 1) * (1 + 0.1 * r.normal()) : (0.1 * r.normal()) / Math.sqrt(d);
      }));
    }
  }
  const randomStarts = c > 2 ? options.randomThreeClasses : signs.some((s) => s < 0) ? options.randomMixedSigns : options.random;
  for (let t = 0; t < randomStarts; t++) {
    const r = random();
    startPoints.push(wrt.map((k) => (P.params[k]!.kind === "diag" ? r.normal() : r.normal() / Math.sqrt(d))));
  }
  startPoints.push(...seedStarts);
  const result: { points: FoundPoint[]; failed: number; starts: number } = { points: [], failed: 0, starts: 0 };
  polishLimits(P, sizes, objective, wrt, scale, descend(P, sizes, signs, objective.gradient, wrt, scale, d, startPoints, result), result);
  if (c === 2 && sizes[0] !== sizes[1] && signs[0] === signs[1]) {
    // Newton from the exchanged points reaches critical points next to the minima sought (often saddles of
    // L_P); descent from those along each direction of negative curvature, both ways, reaches the minima.
    const exchanged = result.points.map((p) => ({ x: permuteClasses(P, p.x, [1, 0]), count: 1 }));
    result.starts += exchanged.length;
    const escapes = polishLimits(P, sizes, objective, wrt, scale, exchanged, result).flatMap(({ y, hessian }) => escapeStarts(y, hessian, scale));
    polishLimits(P, sizes, objective, wrt, scale, descend(P, sizes, signs, objective.gradient, wrt, scale, d, escapes, result), result);
  }
  return result;
}

/** Relative length of the step off a saddle along a direction of negative curvature (in the coordinates y). */
const ESCAPE_STEP = 0.02;

/** Starts (in x) a step off the critical point y, both ways along each eigenvector of negative curvature. */
function escapeStarts(y: Float64Array, hessian: number[][], scale: readonly number[]): number[][] {
  const { values, vectors } = symmetricEigenFloat64(hessian);
  const size = Math.hypot(...y);
  return values.flatMap((value, i) => {
    if (!(value < 0)) return [];
    const v = vectors.map((row) => row[i]!);
    return [1, -1].map((sign) => Array.from(y, (yk, k) => (yk + sign * ESCAPE_STEP * size * v[k]!) / scale[k]!));
  });
}

/** Descent from each start: the distinct limits with the starts that reached each (counted in `result`). */
function descend(
  P: Pattern,
  sizes: readonly number[],
  signs: readonly number[],
  objective: (y: Float64Array, g: Float64Array) => number,
  wrt: readonly number[],
  scale: readonly number[],
  d: number,
  startPoints: readonly number[][],
  result: { failed: number; starts: number },
): { x: number[]; count: number }[] {
  const limits: { x: number[]; count: number }[] = [];
  for (const start of startPoints) {
    result.starts++;
    let descent;
    try {
      const abandon = deadRowTest(P, sizes, signs, wrt, scale);
      descent = lbfgs(objective, Float64Array.from(start, (v, i) => v * scale[i]!), { gradientTolerance: descentTolerance(d), maxIterations: 300, ...(abandon === undefined ? {} : { abandon }) });
    } catch {
      result.failed++;
      continue;
    }
    if (!(descent.gradientNorm < ACCEPT)) {
      result.failed++;
      continue;
    }
    const full = P.params.map((q) => (q.kind === "a" ? signs[q.row]! : 0));
    wrt.forEach((k, i) => (full[k] = descent.x[i]! / scale[i]!));
    const nearFull = samePointAs(P, sizes, full, CLUSTER);
    const near = limits.find((l) => nearFull(l.x));
    if (near !== undefined) near.count++;
    else limits.push({ x: full, count: 1 });
  }
  return limits;
}

/** Newton (polish) on each limit; the distinct points reached are added to `result`, the failures counted. */
function polishLimits(
  P: Pattern,
  sizes: readonly number[],
  objective: RestrictedObjective,
  wrt: readonly number[],
  scale: readonly number[],
  limits: readonly { x: number[]; count: number }[],
  result: { points: FoundPoint[]; failed: number },
): { y: Float64Array; hessian: number[][] }[] {
  const added: { y: Float64Array; hessian: number[][] }[] = [];
  for (const limit of limits) {
    const polished = polish(objective, Float64Array.from(wrt, (k, i) => limit.x[k]! * scale[i]!));
    if (polished === undefined) {
      result.failed += limit.count;
      continue;
    }
    const refined = limit.x.slice();
    wrt.forEach((k, i) => (refined[k] = polished.y[i]! / scale[i]!));
    const sameAsRefined = samePointAs(P, sizes, refined, SAME);
    const same = result.points.find((p) => sameAsRefined(p.x));
    if (same !== undefined) (same as { starts: number }).starts += limit.count;
    else {
      result.points.push({ sizes: sizes.slice(), x: refined, starts: limit.count });
      added.push(polished);
    }
  }
  return added;
}
