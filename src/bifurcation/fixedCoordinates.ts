import { jetScalar } from "../diff/jet.js";
import { jet64Scalar } from "../diff/jet64.js";
import type { RealField } from "../numbers/field.js";
import { F64 } from "../numbers/floatField.js";
import type { Scalar } from "../numbers/scalar.js";
import { lossGradient, weightParams } from "../patterns/derivatives.js";
import { paramWeights } from "../patterns/metric.js";
import type { Pattern } from "../patterns/pattern.js";
import { restrictedHessianFloat64 } from "../patterns/compiledHessian.js";
import { restrictedLoss } from "../patterns/restrictedLoss.js";

/**
 * Coordinates of the fixed space Fix(H) of a branch's isotropy inside the pattern P it is solved in
 * (docs/bifurcation.md §2, §4): the W-parameters of P grouped into the orbits of the parameter
 * permutations `fixedBy` (each parameter its own orbit for a Young pattern, where Fix(H) is P itself),
 * z_o the common value of the parameters of orbit o. L_P restricted to Fix(H) is a function of z whose
 * critical points are critical points of L_P (the gradient of an H-invariant function at a point of
 * Fix(H) lies in Fix(H)); its jets have as many variables as orbits.
 */
export interface FixedCoordinates {
  readonly pattern: Pattern;
  /** The W-parameters of the pattern. */
  readonly wrt: readonly number[];
  /** The orbit of each W-parameter (index into wrt), 0 .. count - 1. */
  readonly orbit: readonly number[];
  readonly count: number;
}

export function fixedCoordinates(P: Pattern, fixedBy: readonly (readonly number[])[] = []): FixedCoordinates {
  const wrt = weightParams(P);
  const parent = wrt.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const position = new Map(wrt.map((p, i) => [p, i]));
  for (const perm of fixedBy) wrt.forEach((p, i) => (parent[find(i)] = find(position.get(perm[p]!)!)));
  const roots: number[] = [];
  const orbit = wrt.map((_, i) => {
    const r = find(i);
    const o = roots.indexOf(r);
    return o < 0 ? roots.push(r) - 1 : o;
  });
  return { pattern: P, wrt, orbit, count: roots.length };
}

/** Sums over the orbits: E^T v for v over the W-parameters. */
export function orbitSums<T>(F: Scalar<T>, c: FixedCoordinates, v: readonly T[]): T[] {
  const out = Array.from({ length: c.count }, () => F.fromInt(0));
  v.forEach((x, i) => (out[c.orbit[i]!] = F.add(out[c.orbit[i]!]!, x)));
  return out;
}

/** z of a point x of P: the average of each orbit's parameters (the projection onto Fix(H); x itself when x lies in it). */
export function toFixed<T>(F: RealField<T>, c: FixedCoordinates, x: readonly T[]): T[] {
  const sizes = orbitSums(F, c, c.wrt.map(() => F.one()));
  return orbitSums(F, c, c.wrt.map((k) => x[k]!)).map((s, o) => F.div(s, sizes[o]!));
}

/** The point of P with the parameters of x outside the W-coordinates and z on the orbits. */
export function fromFixed<T>(c: FixedCoordinates, x: readonly T[], z: readonly T[]): T[] {
  const out = x.slice();
  c.wrt.forEach((k, i) => (out[k] = z[c.orbit[i]!]!));
  return out;
}

/** The metric weight of each orbit: the sum of its parameters' weights (docs/patterns.md, "metric"). */
export function fixedWeights<T>(F: Scalar<T>, c: FixedCoordinates, d: T): T[] {
  const w = paramWeights(F, c.pattern, d);
  return orbitSums(F, c, c.wrt.map((k) => w[k]!));
}

/**
 * Gradient and Hessian in z of L_P at the point x of Fix(H) (and with `withD` the derivatives in d as the
 * last variable): jets with one variable per orbit.
 */
export function fixedJet<T>(F: Scalar<T>, c: FixedCoordinates, x: readonly T[], d: T, withD = false): { gradient: T[]; hessian: T[][] } {
  const J = jetScalar(F, c.count + (withD ? 1 : 0), 2);
  const position = new Map(c.wrt.map((k, i) => [k, i]));
  const xs = x.map((v, k) => {
    const i = position.get(k);
    return i === undefined ? J.constant(v) : J.variable(c.orbit[i]!, v);
  });
  const L = restrictedLoss(J, c.pattern, xs, withD ? J.variable(c.count, d) : J.constant(d));
  return { gradient: J.gradient(L), hessian: J.hessian(L) };
}

/**
 * fixedJet in float64: the Hessian by hand (restrictedHessianFloat64, docs/patterns.md) summed over the
 * orbits and the gradient in reverse mode; with `withD` (the continuation's tangent) the typed-array jets
 * (jet64Scalar), which carry the derivatives in d.
 */
export function fixedJetFloat64(c: FixedCoordinates, x: readonly number[], d: number, withD = false): { gradient: number[]; hessian: number[][] } {
  if (!withD) {
    const H = restrictedHessianFloat64(c.pattern, x, d);
    const rows = c.wrt.map((k) => orbitSums(F64, c, c.wrt.map((l) => H[k]![l]!)));
    const hessian = Array.from({ length: c.count }, (_, o) => orbitSums(F64, c, rows.map((row) => row[o]!)));
    return { gradient: fixedGradient(F64, c, x, d).gradient, hessian };
  }
  const J = jet64Scalar(c.count + 1);
  const position = new Map(c.wrt.map((k, i) => [k, i]));
  const xs = x.map((v, k) => {
    const i = position.get(k);
    return i === undefined ? J.constant(v) : J.variable(c.orbit[i]!, v);
  });
  const L = restrictedLoss(J, c.pattern, xs, J.variable(c.count, d));
  return { gradient: J.gradient(L), hessian: J.hessian(L) };
}

/** Value and gradient in z of L_P at x (reverse mode: the cost of a few evaluations of L_P). */
export function fixedGradient<T>(F: Scalar<T>, c: FixedCoordinates, x: readonly T[], d: T): { value: T; gradient: T[] } {
  const { value, gradient } = lossGradient(F, c.pattern, x, d, c.wrt);
  return { value, gradient: orbitSums(F, c, gradient) };
}
