import { describe, expect, it } from "vitest";
import { jetScalar, type Jet } from "../src/diff/jet.js";
import { familyPattern } from "../src/families/critical.js";
import { findFamily } from "../src/families/registry.js";
import { BigFloatField } from "../src/numbers/bigFloatField.js";
import { weightParams } from "../src/patterns/derivatives.js";
import { restrictedLoss } from "../src/patterns/restrictedLoss.js";
import { splitPattern } from "../src/representations/splitPatterns.js";

// src/diff/jet.ts: a jet carries derivatives only over the variables it depends on. Forcing every input to
// depend on all variables (adding 0 * x_j for every j) gives the jets over all n variables; the sparse jets
// must give the same value, gradient and Hessian to the last bit (the missing derivatives are exact zeros).

describe("jets over the variables they depend on", () => {
  it("have a support of their own variables only", () => {
    const F = new BigFloatField(20);
    const J = jetScalar(F, 5, 2);
    const p = J.mul(J.variable(3, F.fromInt(2)), J.add(J.variable(1, F.fromInt(3)), J.fromInt(1)));
    expect(p.s).toEqual([1, 3]);
    expect(J.gradient(p).map((g) => F.toNumber(g))).toEqual([0, 2, 0, 4, 0]);
    const H = J.hessian(p).map((row) => row.map((h) => F.toNumber(h)));
    expect(H[1]![3]).toBe(1);
    expect(H[3]![1]).toBe(1);
    expect(H.flat().filter((h) => h !== 0)).toHaveLength(2);
  });

  it("give the restricted loss's derivatives bit for bit as over all variables (BigFloat, 30 digits)", () => {
    const F = new BigFloatField(30);
    const P = splitPattern(familyPattern(findFamily("2c.d+1")), 2);
    const wrt = weightParams(P);
    const n = wrt.length + 1;
    const J = jetScalar(F, n, 2);
    const x = P.params.map((q, i) => F.fromDecimalString(q.kind === "a" ? (i % 2 === 0 ? "1" : "-1") : (0.4 * Math.sin(1 + 2 * i)).toFixed(12)));
    const d = F.fromDecimalString("9.5");
    const zeroTimesAll = Array.from({ length: n }, (_, j) => J.mul(J.constant(F.zero()), J.variable(j, F.one()))).reduce((s, t) => J.add(s, t));
    const dense = (a: Jet<(typeof x)[number]>): Jet<(typeof x)[number]> => J.add(a, zeroTimesAll);
    const inputs = (force: boolean) => {
      const xs = x.map((v, k) => (wrt.includes(k) ? J.variable(wrt.indexOf(k), v) : J.constant(v)));
      const dj = J.variable(n - 1, d);
      return force ? { xs: xs.map(dense), dj: dense(dj) } : { xs, dj };
    };
    const sparse = inputs(false);
    const full = inputs(true);
    expect(full.xs.every((a) => a.s?.length === n)).toBe(true);
    const Ls = restrictedLoss(J, P, sparse.xs, sparse.dj);
    const Lf = restrictedLoss(J, P, full.xs, full.dj);
    const same = (a: readonly (typeof x)[number][], b: readonly (typeof x)[number][]): boolean => a.every((u, i) => F.equals(u, b[i]!));
    expect(F.equals(Ls.v, Lf.v)).toBe(true);
    expect(same(J.gradient(Ls), J.gradient(Lf))).toBe(true);
    expect(J.hessian(Ls).every((row, i) => same(row, J.hessian(Lf)[i]!))).toBe(true);
    // Not all zero: the check compares derivatives that are there.
    expect(J.hessian(Ls).flat().filter((h) => !F.isZero(h)).length).toBeGreaterThan(n);
  });
});
