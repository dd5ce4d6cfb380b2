import { describe, expect, it } from "vitest";
import { jetScalar } from "../src/diff/jet.js";
import { jet64Scalar } from "../src/diff/jet64.js";
import { familyPattern } from "../src/families/critical.js";
import { findFamily } from "../src/families/registry.js";
import { F64 } from "../src/numbers/floatField.js";
import type { Scalar } from "../src/numbers/scalar.js";
import { weightParams } from "../src/patterns/derivatives.js";
import type { Pattern } from "../src/patterns/pattern.js";
import { restrictedLoss } from "../src/patterns/restrictedLoss.js";
import { splitPattern } from "../src/representations/splitPatterns.js";

// src/diff/jet64.ts: the float64 jets in typed arrays against the generic jets over float64 (src/diff/jet.ts),
// the same formulas, on the restricted loss of a pattern with rows of every role, d among the variables.

/** Value, gradient and Hessian of L_P at (x, d) with the W-parameters and d as the jet's variables. */
function derivatives<J>(S: Scalar<J> & { variable(i: number, x: number): J; constant(x: number): J; gradient(a: J): number[]; hessian(a: J): number[][] }, P: Pattern, wrt: readonly number[], x: readonly number[], d: number, value: (a: J) => number) {
  const xs = x.map((v, k) => (wrt.includes(k) ? S.variable(wrt.indexOf(k), v) : S.constant(v)));
  const L = restrictedLoss(S, P, xs, S.variable(wrt.length, d));
  return { value: value(L), gradient: S.gradient(L), hessian: S.hessian(L) };
}

describe("float64 jets in typed arrays", () => {
  it("give the generic float64 jets' value, gradient and Hessian to rounding", () => {
    const P = splitPattern(familyPattern(findFamily("2c.d+1")), 2);
    const wrt = weightParams(P);
    const x = P.params.map((q, i) => (q.kind === "a" ? (i % 2 === 0 ? 1 : -1) : 0.4 * Math.sin(1 + 2 * i)));
    const generic = derivatives(jetScalar(F64, wrt.length + 1, 2), P, wrt, x, 9.5, (a) => a.v);
    const typed = derivatives(jet64Scalar(wrt.length + 1), P, wrt, x, 9.5, (a) => a.v);
    const close = (u: number, v: number): boolean => Math.abs(u - v) <= 1e-12 * Math.max(1, Math.abs(u));
    expect(close(typed.value, generic.value)).toBe(true);
    generic.gradient.forEach((g, i) => expect(close(typed.gradient[i]!, g), `gradient ${i}`).toBe(true));
    generic.hessian.forEach((row, i) => row.forEach((h, j) => expect(close(typed.hessian[i]![j]!, h), `hessian ${i} ${j}`).toBe(true)));
    expect(generic.hessian.flat().some((h) => h !== 0)).toBe(true);
  });
});
