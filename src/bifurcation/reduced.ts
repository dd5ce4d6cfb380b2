import type { Decimal } from "decimal.js";
import { solveLinear } from "../linalg/solve.js";
import type { DecimalField } from "../numbers/decimalField.js";
import { fromDecimal } from "../families/newton.js";
import { BigFloatField } from "../numbers/bigFloatField.js";
import { lossJet } from "../patterns/derivatives.js";
import type { Pattern } from "../patterns/pattern.js";

/**
 * The Lyapunov–Schmidt reduction on the axial line (docs/bifurcation.md §3). In the W-coordinates y of
 * the axial pattern R (a fixed at the family's signs), with l(y, d) = L_R and y0(d) the family point,
 * the Hessian H0 = D^2 l(y0(d*), d*) has the one-dimensional kernel phi. Writing
 * y = y0(d) + s phi + w(s, d), w orthogonal to phi, the reduced equation phi . grad l = 0 is
 *   g(s, d) = a (d - d*) s + b s^2 + c s^3 + ...,
 *   a = d/dd [phi^T H(y0(d), d) phi] at d*,   b = l3 / 2,   c = (l4 - 3 r^T H0^+ r) / 6,
 * with l3 = D^3 l[phi, phi, phi], l4 = D^4 l[phi, phi, phi, phi], r = D^3 l[phi, phi, .] (its part
 * orthogonal to phi; H0^+ the inverse on that complement). The third and fourth derivatives along phi
 * are central differences of the exact jet Hessians H(y0 + t phi) at t = +-h, h = 10^-(digits/5)
 * (error O(h^2), computed at `digits` digits so that the differences keep 3/5 of them). When R is larger
 * than the fixed space of the branch's isotropy (a non-Young stabiliser: R = Q_k and the permutations
 * `fixedBy`), H0^+ is taken on that fixed space, where the kernel is phi alone: the matrices restricted by
 * the 0/1 orbit matrix E (E^T H E) and the border E^T phi.
 */
export interface ReducedEquation {
  readonly a: Decimal;
  readonly b: Decimal;
  readonly c: Decimal;
  /** |H0 phi| / |phi|: how well phi is a kernel vector (zero at the exact crossing). */
  readonly kernelResidual: Decimal;
}

function matVec(F: DecimalField, A: Decimal[][], v: readonly Decimal[]): Decimal[] {
  return A.map((row) => row.reduce((s, x, j) => F.add(s, F.mul(x, v[j]!)), F.zero()));
}

function dot(F: DecimalField, u: readonly Decimal[], v: readonly Decimal[]): Decimal {
  return u.reduce((s, x, i) => F.add(s, F.mul(x, v[i]!)), F.zero());
}

/**
 * The W-Hessian of L_R at the point whose W-coordinates (wrt) are y, the rest of x as given: computed in
 * binary floats of the digits of F (BigFloatField, several times faster than decimal.js), returned in F.
 */
export function weightHessian(F: DecimalField, R: Pattern, x: readonly Decimal[], wrt: readonly number[], y: readonly Decimal[], d: Decimal): Decimal[][] {
  const N = new BigFloatField(F.digits);
  const full = x.map((v) => fromDecimal(N, v));
  wrt.forEach((k, i) => (full[k] = fromDecimal(N, y[i]!)));
  return lossJet(N, R, full, fromDecimal(N, d), wrt).hessian!.map((row) => row.map((v) => F.from(N.toDecimal(v, F.digits))));
}

/**
 * The coefficients a, b, c at the crossing: xStar the family point in R's parameters at dStar, phi the
 * kernel vector over wrt (R's W-parameters); familyAt(d) the family point in R's parameters near dStar
 * (for a, by a central difference in d with step hd).
 */
export function reducedEquation(
  F: DecimalField,
  R: Pattern,
  xStar: readonly Decimal[],
  dStar: Decimal,
  wrt: readonly number[],
  phi: readonly Decimal[],
  familyAt: (d: Decimal) => Decimal[],
  fixedBy: readonly (readonly number[])[] = [],
): ReducedEquation {
  const y0 = wrt.map((k) => xStar[k]!);
  const h = F.fromDecimalString(`1e-${Math.floor(F.digits / 5)}`);
  const shifted = (t: Decimal): Decimal[] => y0.map((v, i) => F.add(v, F.mul(t, phi[i]!)));
  const H0 = weightHessian(F, R, xStar, wrt, y0, dStar);
  const Hp = weightHessian(F, R, xStar, wrt, shifted(h), dStar);
  const Hm = weightHessian(F, R, xStar, wrt, shifted(F.neg(h)), dStar);
  const phiPhi = dot(F, phi, phi);
  const H0phi = matVec(F, H0, phi);
  const kernelResidual = F.div(F.sqrt(dot(F, H0phi, H0phi)), F.sqrt(phiPhi));
  // D^3 l[phi, ., .] and D^4 l[phi, phi, ., .] along phi.
  const T = Hp.map((row, i) => row.map((v, j) => F.div(F.sub(v, Hm[i]![j]!), F.mul(F.fromInt(2), h))));
  const U = Hp.map((row, i) => row.map((v, j) => F.div(F.add(F.sub(v, F.mul(F.fromInt(2), H0[i]![j]!)), Hm[i]![j]!), F.mul(h, h))));
  const r = matVec(F, T, phi);
  const l3 = dot(F, phi, r);
  const l4 = dot(F, phi, matVec(F, U, phi));
  // w = -H0^+ r_perp from the bordered system [H0 phi; phi^T 0] [w; mu] = [-r_perp; 0], on the orbits of fixedBy.
  const along = F.div(dot(F, phi, r), phiPhi);
  const rPerp = r.map((v, i) => F.sub(v, F.mul(along, phi[i]!)));
  const orbit = wrtOrbits(wrt, fixedBy);
  const n = Math.max(...orbit) + 1;
  const sumOver = (v: readonly Decimal[]): Decimal[] => {
    const out = Array.from({ length: n }, () => F.zero());
    v.forEach((x, i) => (out[orbit[i]!] = F.add(out[orbit[i]!]!, x)));
    return out;
  };
  const border = sumOver(phi);
  const columns = H0.map((row) => sumOver(row));
  const A = Array.from({ length: n }, (_, o) => sumOver(columns.map((row) => row[o]!)));
  A.forEach((row, o) => row.push(border[o]!));
  A.push([...border, F.zero()]);
  const rhs = [...sumOver(rPerp).map((v) => F.neg(v)), F.zero()];
  const w = solveLinear(F, A, rhs).slice(0, n);
  const rOrbit = sumOver(r);
  const c6 = F.add(l4, F.mul(F.fromInt(3), dot(F, rOrbit, w)));
  // a: phi^T H phi along the family, by a central difference in d.
  const hd = F.fromDecimalString(`1e-${Math.floor(F.digits / 4)}`);
  const along1 = (dd: Decimal): Decimal => {
    const x = familyAt(dd);
    const H = weightHessian(F, R, x, wrt, wrt.map((k) => x[k]!), dd);
    return dot(F, phi, matVec(F, H, phi));
  };
  const a = F.div(F.sub(along1(F.add(dStar, hd)), along1(F.sub(dStar, hd))), F.mul(F.fromInt(2), hd));
  return { a, b: F.div(l3, F.fromInt(2)), c: F.div(c6, F.fromInt(6)), kernelResidual };
}

/** The orbit (0, 1, ...) of each W-parameter (wrt) under the parameter permutations fixedBy; each its own without them. */
function wrtOrbits(wrt: readonly number[], fixedBy: readonly (readonly number[])[]): number[] {
  const parent = wrt.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const position = new Map(wrt.map((p, i) => [p, i]));
  for (const perm of fixedBy) wrt.forEach((p, i) => (parent[find(i)] = find(position.get(perm[p]!)!)));
  const roots: number[] = [];
  return wrt.map((_, i) => {
    const r = find(i);
    const o = roots.indexOf(r);
    return o < 0 ? roots.push(r) - 1 : o;
  });
}
