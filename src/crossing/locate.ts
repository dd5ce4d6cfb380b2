import type { Decimal } from "decimal.js";
import type { FamilyDefinition } from "../families/definition.js";
import { guardDigits } from "../families/precision.js";
import { DecimalField } from "../numbers/decimalField.js";
import { blockSamples, criticalPointNear, type Bracket } from "./scan.js";

/**
 * Locating a crossing inside a bracket (docs/crossing.md, "solve"). The unknowns are (x, d) with
 *   grad_W L_P(x; d) = 0   and   lambda_j(B_c(x, d)) = 0,
 * B_c the non-gauge part of the block of component c and lambda_j its eigenvalue that changes sign.
 * The first equation is solved for x(d) by Newton at every d (the critical point is a regular point of
 * the restricted system, so x(d) is analytic in d); the second is then the scalar equation
 * g(d) = lambda_j(B_c(x(d), d)) = 0, solved by the Illinois variant of regula falsi on the bracket:
 * every iterate stays inside a bracket whose ends have opposite signs, and convergence is superlinear.
 * Each x(d) is Newton's point started from the nearest already-solved x, at digits + guard digits.
 */

export interface LocatedCrossing {
  /** The crossing d, to the working precision. */
  readonly d: Decimal;
  /** The final bracket: g has opposite signs at its ends (checked), width about 10^-(digits - 3) d. */
  readonly bracket: readonly [Decimal, Decimal];
  /** The scan bracket the solve started from. */
  readonly start: readonly [Decimal, Decimal];
  /** The critical point at d. */
  readonly x: Decimal[];
  /** Number of g evaluations. */
  readonly evaluations: number;
  /** |g| at the final d (the block eigenvalue there). */
  readonly residual: Decimal;
}

export class CrossingFailure extends Error {
  override readonly name = "CrossingFailure";
}

/** Locate the crossing of bracket b at `digits` significant digits. */
export function locateCrossing(f: FamilyDefinition, b: Bracket, digits: number, maxEvaluations = 200): LocatedCrossing {
  const F = new DecimalField(digits + guardDigits(b.hi.d));
  const componentIndex = b.lo.blocks.findIndex((blk) => blk.component.name === b.component.name);
  let evaluations = 0;
  // Known critical points, to start Newton from the nearest one.
  const known: { d: Decimal; x: Decimal[] }[] = [
    { d: F.from(b.lo.d), x: criticalPointNear(f, b.lo.x, F.from(b.lo.d), digits) },
    { d: F.from(b.hi.d), x: criticalPointNear(f, b.hi.x, F.from(b.hi.d), digits) },
  ];
  const g = (d: Decimal): { value: Decimal; x: Decimal[] } => {
    evaluations++;
    let nearest = known[0]!;
    for (const k of known) if (k.d.sub(d).abs().lt(nearest.d.sub(d).abs())) nearest = k;
    const x = nearest.d.eq(d) ? nearest.x : criticalPointNear(f, nearest.x, d, digits);
    if (!nearest.d.eq(d)) known.push({ d, x });
    const blk = blockSamples(f, x, d, digits)[componentIndex]!;
    return { value: blk.values[b.index]!, x };
  };
  let a = F.from(b.lo.d);
  let c = F.from(b.hi.d);
  let ga = g(a).value;
  let gc = g(c).value;
  if (ga.isZero() || gc.isZero() || ga.s === gc.s) {
    throw new CrossingFailure(`component ${b.component.name}: eigenvalue ${b.index} does not change sign on [${a.toString()}, ${c.toString()}] at ${digits} digits`);
  }
  const tolerance = F.D.pow(10, -(digits + 2)).mul(c);
  let side = 0;
  let best = { d: a, value: ga, x: known[0]!.x };
  while (c.sub(a).abs().gt(tolerance)) {
    if (evaluations > maxEvaluations) {
      throw new CrossingFailure(`component ${b.component.name}: no convergence after ${maxEvaluations} evaluations, bracket [${a.toString()}, ${c.toString()}]`);
    }
    // Regula falsi point, kept strictly inside the bracket.
    let m = F.sub(a, F.div(F.mul(ga, F.sub(c, a)), F.sub(gc, ga)));
    if (!m.gt(a) || !m.lt(c)) m = F.div(F.add(a, c), F.fromInt(2));
    const r = g(m);
    if (r.value.abs().lt(best.value.abs())) best = { d: m, value: r.value, x: r.x };
    if (r.value.isZero()) break; // an exact zero at this precision: m is the crossing

    if (r.value.s === gc.s) {
      c = m;
      gc = r.value;
      if (side === 1) ga = F.div(ga, F.fromInt(2)); // Illinois: halve the stale end's value
      side = 1;
    } else {
      a = m;
      ga = r.value;
      if (side === -1) gc = F.div(gc, F.fromInt(2));
      side = -1;
    }
  }
  return { d: best.d, bracket: [a, c], start: [b.lo.d, b.hi.d], x: best.x, evaluations, residual: best.value.abs() };
}
