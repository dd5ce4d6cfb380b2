import { F64 } from "../numbers/floatField.js";
import type { Scalar } from "../numbers/scalar.js";

/**
 * Second-order jets over float64 in typed arrays: the jets of src/diff/jet.ts (the same formulas,
 * docs/patterns.md, "derivatives") specialised to JS numbers, without a call through a field for every
 * product (the float64 Newton solves and walks of the branches, docs/bifurcation.md §4, spend their time
 * here). `g` and `h` (the packed upper triangle) are undefined for constants.
 */
export interface Jet64 {
  readonly v: number;
  readonly g?: Float64Array;
  readonly h?: Float64Array;
}

export interface Jet64Scalar extends Scalar<Jet64> {
  readonly n: number;
  /** The i-th variable at value x. */
  variable(i: number, x: number): Jet64;
  constant(x: number): Jet64;
  /** The gradient as a dense array. */
  gradient(a: Jet64): number[];
  /** The Hessian as a dense symmetric matrix. */
  hessian(a: Jet64): number[][];
}

/** Jets of order 2 in n variables over float64. */
export function jet64Scalar(n: number): Jet64Scalar {
  const m = (n * (n + 1)) / 2;
  const constant = (x: number): Jet64 => ({ v: x });

  /** a + sign b, either part absent (zero). */
  const combine = (a: Float64Array | undefined, b: Float64Array | undefined, sign: 1 | -1): Float64Array | undefined => {
    if (b === undefined) return a;
    if (a === undefined) return sign === 1 ? b : b.map((x) => -x);
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i]! + sign * b[i]!;
    return out;
  };

  const scale = (a: Jet64, c: number, v: number): Jet64 => ({ v, g: a.g?.map((x) => c * x), h: a.h?.map((x) => c * x) });

  /** f(a) from f = f(a.v), d1 = f'(a.v), d2 = f''(a.v): g = d1 a.g, h = d1 a.h + d2 a.g a.g^T. */
  const compose = (a: Jet64, f: number, d1: number, d2: number): Jet64 => {
    const ag = a.g;
    if (ag === undefined) return { v: f };
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) g[i] = d1 * ag[i]!;
    const h = new Float64Array(m);
    const ah = a.h;
    for (let i = 0, k = 0; i < n; i++) {
      const t = d2 * ag[i]!;
      for (let j = i; j < n; j++, k++) h[k] = (ah === undefined ? 0 : d1 * ah[k]!) + t * ag[j]!;
    }
    return { v: f, g, h };
  };

  const mul = (a: Jet64, b: Jet64): Jet64 => {
    const v = a.v * b.v;
    const ag = a.g;
    const bg = b.g;
    if (ag === undefined) return bg === undefined ? { v } : scale(b, a.v, v);
    if (bg === undefined) return scale(a, b.v, v);
    const av = a.v;
    const bv = b.v;
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) g[i] = av * bg[i]! + bv * ag[i]!;
    const h = new Float64Array(m);
    const ah = a.h;
    const bh = b.h;
    for (let i = 0, k = 0; i < n; i++) {
      const agi = ag[i]!;
      const bgi = bg[i]!;
      for (let j = i; j < n; j++, k++) h[k] = agi * bg[j]! + ag[j]! * bgi;
    }
    if (ah !== undefined) for (let k = 0; k < m; k++) h[k] += bv * ah[k]!;
    if (bh !== undefined) for (let k = 0; k < m; k++) h[k] += av * bh[k]!;
    return { v, g, h };
  };

  const inv = (a: Jet64): Jet64 => {
    const r = 1 / a.v;
    return compose(a, r, -r * r, 2 * r * r * r);
  };

  return {
    name: `jets of order 2 in ${n} variables over float64`,
    n,
    variable(i, x) {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`jet variable index ${i} is outside 0..${n - 1}`);
      const g = new Float64Array(n);
      g[i] = 1;
      return { v: x, g };
    },
    constant,
    gradient: (a) => (a.g === undefined ? new Array<number>(n).fill(0) : Array.from(a.g)),
    hessian(a) {
      const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
      if (a.h === undefined) return H;
      for (let i = 0, k = 0; i < n; i++) for (let j = i; j < n; j++, k++) H[i]![j] = H[j]![i] = a.h[k]!;
      return H;
    },
    fromInt: (x) => constant(Number(x)),
    fromRational: (p, q) => constant(Number(p) / Number(q)),
    add: (a, b) => ({ v: a.v + b.v, g: combine(a.g, b.g, 1), h: combine(a.h, b.h, 1) }),
    sub: (a, b) => ({ v: a.v - b.v, g: combine(a.g, b.g, -1), h: combine(a.h, b.h, -1) }),
    neg: (a) => ({ v: -a.v, g: a.g?.map((x) => -x), h: a.h?.map((x) => -x) }),
    mul,
    div: (a, b) => (b.g === undefined ? scale(a, 1 / b.v, a.v / b.v) : mul(a, inv(b))),
    sqrt(a) {
      const s = F64.sqrt(a.v);
      if (a.g !== undefined && s === 0) throw new RangeError("sqrt is not differentiable at 0 (a jet of sqrt(0) was asked for)");
      return compose(a, s, 1 / (2 * s), -1 / (4 * s * s * s));
    },
    atan2(y, x) {
      const v = Math.atan2(y.v, x.v);
      if (y.g === undefined && x.g === undefined) return { v };
      // theta_y = x/rho, theta_x = -y/rho, theta_xx = 2xy/rho^2 = -theta_yy, theta_xy = (y^2 - x^2)/rho^2.
      const rho = x.v * x.v + y.v * y.v;
      const ty = x.v / rho;
      const tx = -y.v / rho;
      const txx = (2 * x.v * y.v) / (rho * rho);
      const txy = (y.v * y.v - x.v * x.v) / (rho * rho);
      const yg = y.g ?? new Float64Array(n);
      const xg = x.g ?? new Float64Array(n);
      const g = new Float64Array(n);
      for (let i = 0; i < n; i++) g[i] = ty * yg[i]! + tx * xg[i]!;
      const h = new Float64Array(m);
      for (let i = 0, k = 0; i < n; i++) {
        const P = txx * xg[i]! + txy * yg[i]!;
        const Q = txy * xg[i]! - txx * yg[i]!;
        for (let j = i; j < n; j++, k++) h[k] = P * xg[j]! + Q * yg[j]!;
      }
      if (x.h !== undefined) for (let k = 0; k < m; k++) h[k] += tx * x.h[k]!;
      if (y.h !== undefined) for (let k = 0; k < m; k++) h[k] += ty * y.h[k]!;
      return { v, g, h };
    },
    pi: () => constant(Math.PI),
    isZero: (a) => a.v === 0,
    sign: (a) => F64.sign(a.v),
    negligible: (a, s) => F64.negligible(a.v, s.v),
    values: { scalar: F64 as Scalar<unknown>, value: (a: Jet64): unknown => a.v },
  };
}
