import { describe, expect, it } from "vitest";
import { jetScalar, type Jet } from "../src/diff/jet.js";
import { familyPattern } from "../src/families/critical.js";
import { findFamily } from "../src/families/registry.js";
import { BigFloat, BigFloatField } from "../src/numbers/bigFloatField.js";
import { weightParams } from "../src/patterns/derivatives.js";
import { restrictedLoss } from "../src/patterns/restrictedLoss.js";
import { splitPattern } from "../src/representations/splitPatterns.js";

// src/diff/jet.ts: a jet carries derivatives only over the variables it depends on, and leaves out the
// products with the zeros it fills in. Forcing every input to depend on all variables (adding 0 * x_j for
// every j), over a BigFloat whose zeros are each a new object (so that no product is recognised as one with
// a filled-in zero), gives the jets over all n variables with every product formed; the sparse jets must give
// the same value, gradient and Hessian to the last bit (the missing derivatives are exact zeros).

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
    const fresh = (r: BigFloat): BigFloat => (r.m === 0n ? new BigFloat(0n, 0) : r);
    const Fz: BigFloatField = Object.assign(Object.create(F) as BigFloatField, {
      fromInt: (k: number) => fresh(F.fromInt(k)),
      mul: (a: BigFloat, b: BigFloat) => fresh(F.mul(a, b)),
      add: (a: BigFloat, b: BigFloat) => fresh(F.add(a, b)),
      sub: (a: BigFloat, b: BigFloat) => fresh(F.sub(a, b)),
    });
    const P = splitPattern(familyPattern(findFamily("2c.d+1")), 2);
    const wrt = weightParams(P);
    const n = wrt.length + 1;
    const Js = jetScalar(F, n, 2);
    const Jd = jetScalar(Fz, n, 2);
    const x = P.params.map((q, i) => F.fromDecimalString(q.kind === "a" ? (i % 2 === 0 ? "1" : "-1") : (0.4 * Math.sin(1 + 2 * i)).toFixed(12)));
    const d = F.fromDecimalString("9.5");
    const inputs = (J: typeof Js) => {
      const xs = x.map((v, k) => (wrt.includes(k) ? J.variable(wrt.indexOf(k), v) : J.constant(v)));
      return { xs, dj: J.variable(n - 1, d) };
    };
    const sparse = inputs(Js);
    const zeroTimesAll = Array.from({ length: n }, (_, j) => Jd.mul(Jd.constant(Fz.fromInt(0)), Jd.variable(j, F.one()))).reduce((s, t) => Jd.add(s, t));
    const dense = (a: Jet<BigFloat>): Jet<BigFloat> => Jd.add(a, zeroTimesAll);
    const vars = inputs(Jd);
    const full = { xs: vars.xs.map(dense), dj: dense(vars.dj) };
    expect(full.xs.every((a) => a.s?.length === n)).toBe(true);
    const Ls = restrictedLoss(Js, P, sparse.xs, sparse.dj);
    const Lf = restrictedLoss(Jd, P, full.xs, full.dj);
    const same = (a: readonly BigFloat[], b: readonly BigFloat[]): boolean => a.every((u, i) => F.equals(u, b[i]!));
    expect(F.equals(Ls.v, Lf.v)).toBe(true);
    expect(same(Js.gradient(Ls), Jd.gradient(Lf))).toBe(true);
    expect(Js.hessian(Ls).every((row, i) => same(row, Jd.hessian(Lf)[i]!))).toBe(true);
    // Not all zero: the check compares derivatives that are there.
    expect(Js.hessian(Ls).flat().filter((h) => !F.isZero(h)).length).toBeGreaterThan(n);
  });
});
