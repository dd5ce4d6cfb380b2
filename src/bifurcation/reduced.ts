import type { Decimal } from "decimal.js";
import { solveLinear } from "../linalg/solve.js";
import type { DecimalField } from "../numbers/decimalField.js";
import { fromDecimal } from "../families/newton.js";
import { jetScalar, type Jet, type JetScalar } from "../diff/jet.js";
import { BigFloatField, type BigFloat } from "../numbers/bigFloatField.js";
import type { Scalar } from "../numbers/scalar.js";
import { lossGradient } from "../patterns/derivatives.js";
import type { Pattern } from "../patterns/pattern.js";
import { restrictedLoss } from "../patterns/restrictedLoss.js";
import { fixedCoordinates, fixedJet, orbitSums } from "./fixedCoordinates.js";

/**
 * The Lyapunov–Schmidt reduction on the axial line (docs/bifurcation.md §3). In the W-coordinates y of
 * the axial pattern R (a fixed at the family's signs), with l(y, d) = L_R and y0(d) the family point,
 * the Hessian H0 = D^2 l(y0(d*), d*) has the one-dimensional kernel phi. Writing
 * y = y0(d) + s phi + w(s, d), w orthogonal to phi, the reduced equation phi . grad l = 0 is
 *   g(s, d) = a (d - d*) s + b s^2 + c s^3 + ...,
 *   a = d/dd [phi^T H(y0(d), d) phi] at d*,   b = l3 / 2,   c = (l4 - 3 r^T H0^+ r) / 6,
 * with l3 = D^3 l[phi, phi, phi], l4 = D^4 l[phi, phi, phi, phi], r = D^3 l[phi, phi, .] (its part
 * orthogonal to phi; H0^+ the inverse on that complement). The derivatives along phi are exact (no
 * differencing): l3 and l4 from l(y0 + (s + t) phi) as a jet in s over jets in t (univariate Taylor
 * jets), r from the gradient of l at y0 + t phi in reverse mode over jets in t, all in binary floats of
 * the digits of F; H0 is the one dense jet Hessian (the bordered system needs it; H0 phi, for the kernel
 * residual, is the gradient's first derivative along phi). When R is larger
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

function dot(F: DecimalField, u: readonly Decimal[], v: readonly Decimal[]): Decimal {
  return u.reduce((s, x, i) => F.add(s, F.mul(x, v[i]!)), F.zero());
}

/**
 * l(y + t phi, d) as a jet in t of order 2 over `base` (y the W-coordinates wrt, the rest of x as given):
 * its value part, first and second derivative in t.
 */
function alongPhi<X>(base: Scalar<X>, x: readonly X[], wrt: readonly number[], phi: readonly X[], d: X): { J: JetScalar<X>; xs: Jet<X>[]; d: Jet<X> } {
  const J = jetScalar(base, 1, 2);
  const position = new Map(wrt.map((k, i) => [k, i]));
  const xs = x.map((v, k) => {
    const i = position.get(k);
    return i === undefined ? J.constant(v) : { v, g: [phi[i]!] };
  });
  return { J, xs, d: J.constant(d) };
}

/** phi^T D^2 l(y, d) phi: the second derivative of l(y + t phi, d) at t = 0 (a jet in t, no Hessian). */
function curvatureAlong(N: BigFloatField, R: Pattern, x: readonly BigFloat[], wrt: readonly number[], phi: readonly BigFloat[], d: BigFloat): BigFloat {
  const { J, xs, d: dj } = alongPhi(N, x, wrt, phi, d);
  return J.hessian(restrictedLoss(J, R, xs, dj))[0]![0]!;
}

/**
 * The coefficients a, b, c at the crossing: xStar the family point in R's parameters at dStar, phi the
 * kernel vector over wrt (R's W-parameters); familyAt(d) the family point in R's parameters near dStar
 * (for a: phi^T H phi, the second derivative along phi, by a central difference in d with step
 * 10^-(digits/4)).
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
  const N = new BigFloatField(F.digits);
  const toN = (v: Decimal): BigFloat => fromDecimal(N, v);
  const toF = (v: BigFloat): Decimal => F.from(N.toDecimal(v, F.digits));
  const xN = xStar.map(toN);
  const phiN = phi.map(toN);
  const dN = toN(dStar);
  const orbits = fixedCoordinates(R, fixedBy);
  // l3 and l4: l(y0 + (s + t) phi) as a jet in s over jets in t; d^3/ds dt^2 and d^4/ds^2 dt^2 at 0.
  const inner = alongPhi(N, xN, wrt, phiN, dN);
  const outer = alongPhi(inner.J, inner.xs, wrt, phiN.map((v) => inner.J.constant(v)), inner.d);
  const L = restrictedLoss(outer.J, R, outer.xs, outer.d);
  const l3 = toF(inner.J.hessian(outer.J.gradient(L)[0]!)[0]![0]!);
  const l4 = toF(inner.J.hessian(outer.J.hessian(L)[0]![0]!)[0]![0]!);
  // The gradient of l at y0 + t phi (reverse mode over jets in t): its first derivative in t is H0 phi, its
  // second r = D^3 l[phi, phi, .].
  const gradient = lossGradient(inner.J, R, inner.xs, inner.d, wrt).gradient;
  const H0phi = gradient.map((g) => toF(inner.J.gradient(g)[0]!));
  const r = gradient.map((g) => toF(inner.J.hessian(g)[0]![0]!));
  const phiPhi = dot(F, phi, phi);
  const kernelResidual = F.div(F.sqrt(dot(F, H0phi, H0phi)), F.sqrt(phiPhi));
  // w = -H0^+ r_perp from the bordered system [H0 phi; phi^T 0] [w; mu] = [-r_perp; 0], on the orbits of
  // fixedBy: E^T H0 E is the Hessian in the coordinates z of the fixed space (one jet variable per orbit).
  const along = F.div(dot(F, phi, r), phiPhi);
  const rPerp = r.map((v, i) => F.sub(v, F.mul(along, phi[i]!)));
  const n = orbits.count;
  const sumOver = (v: readonly Decimal[]): Decimal[] => orbitSums(F, orbits, v);
  const border = sumOver(phi);
  const A = fixedJet(N, orbits, xN, dN).hessian.map((row) => row.map(toF));
  A.forEach((row, o) => row.push(border[o]!));
  A.push([...border, F.zero()]);
  const rhs = [...sumOver(rPerp).map((v) => F.neg(v)), F.zero()];
  const w = solveLinear(F, A, rhs).slice(0, n);
  const rOrbit = sumOver(r);
  const c6 = F.add(l4, F.mul(F.fromInt(3), dot(F, rOrbit, w)));
  // a: phi^T H phi along the family, by a central difference in d.
  const hd = F.fromDecimalString(`1e-${Math.floor(F.digits / 4)}`);
  const along1 = (dd: Decimal): Decimal => toF(curvatureAlong(N, R, familyAt(dd).map(toN), wrt, phiN, toN(dd)));
  const a = F.div(F.sub(along1(F.add(dStar, hd)), along1(F.sub(dStar, hd))), F.mul(F.fromInt(2), hd));
  return { a, b: F.div(l3, F.fromInt(2)), c: F.div(c6, F.fromInt(6)), kernelResidual };
}
