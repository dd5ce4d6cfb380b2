import type { Scalar } from "../numbers/scalar.js";

/**
 * A second-order jet of a function of n variables at a point: value, gradient and Hessian (packed upper
 * triangle, row by row). `g`/`h` are undefined for constants, which keeps the many count factors of the
 * restricted loss cheap. Derivatives follow the chain rule exactly, so over an exact Scalar (series over
 * Q(pi)) the jet's gradient and Hessian are exact (docs/patterns.md, "derivatives").
 */
export interface Jet<X> {
  readonly v: X;
  readonly g?: readonly X[];
  readonly h?: readonly X[];
}

/** Index of H[i][j] (i <= j) in the packed upper triangle of an n x n symmetric matrix. */
export function packedIndex(n: number, i: number, j: number): number {
  if (i > j) [i, j] = [j, i];
  return i * n - (i * (i - 1)) / 2 + (j - i);
}

export interface JetScalar<X> extends Scalar<Jet<X>> {
  readonly base: Scalar<X>;
  readonly n: number;
  /** Whether the Hessian part is carried (order 2) or only the gradient (order 1). */
  readonly order: 1 | 2;
  /** The i-th variable at value x. */
  variable(i: number, x: X): Jet<X>;
  constant(x: X): Jet<X>;
  /** The gradient as a dense array. */
  gradient(a: Jet<X>): X[];
  /** The Hessian as a dense symmetric matrix (order 2 only). */
  hessian(a: Jet<X>): X[][];
}

/** Jets of order 1 or 2 in n variables over the Scalar `base`. */
export function jetScalar<X>(base: Scalar<X>, n: number, order: 1 | 2 = 2): JetScalar<X> {
  const B = base;
  const zero = B.fromInt(0);
  const m = (n * (n + 1)) / 2;
  const constant = (x: X): Jet<X> => ({ v: x });
  /** sum_i x_i y_i: the base's sumOfProducts (one pass for series) or the left fold of mul and add. */
  const dot = (x: readonly X[], y: readonly X[]): X => {
    if (B.sumOfProducts !== undefined) return B.sumOfProducts(x, y);
    let s = B.mul(x[0]!, y[0]!);
    for (let i = 1; i < x.length; i++) s = B.add(s, B.mul(x[i]!, y[i]!));
    return s;
  };

  const addParts = (a: readonly X[] | undefined, b: readonly X[] | undefined, sub: boolean): X[] | undefined => {
    if (a === undefined) return b === undefined ? undefined : sub ? b.map((x) => B.neg(x)) : (b as X[]);
    if (b === undefined) return a as X[];
    return a.map((x, i) => (sub ? B.sub(x, b[i]!) : B.add(x, b[i]!)));
  };

  /** f(a) from f(a.v), f'(a.v), f''(a.v): g = f' a.g, h = f' a.h + f'' a.g a.g^T. */
  const compose = (a: Jet<X>, f: X, f1: () => X, f2: () => X): Jet<X> => {
    if (a.g === undefined) return { v: f };
    const d1 = f1();
    const g = a.g.map((x) => B.mul(d1, x));
    if (order === 1) return { v: f, g };
    const d2 = f2();
    const h: X[] = new Array<X>(m);
    const ag = a.g;
    for (let i = 0, k = 0; i < n; i++) {
      const t = B.mul(d2, ag[i]!);
      for (let j = i; j < n; j++, k++) {
        h[k] = a.h === undefined ? B.mul(t, ag[j]!) : B.sumOfProducts === undefined ? B.add(B.mul(d1, a.h[k]!), B.mul(t, ag[j]!)) : dot([d1, t], [a.h[k]!, ag[j]!]);
      }
    }
    return { v: f, g, h };
  };

  const mul = (a: Jet<X>, b: Jet<X>): Jet<X> => {
    const v = B.mul(a.v, b.v);
    if (a.g === undefined && b.g === undefined) return { v };
    if (a.g === undefined) return scaleJet(b, a.v, v);
    if (b.g === undefined) return scaleJet(a, b.v, v);
    const ag = a.g;
    const bg = b.g;
    if (B.sumOfProducts === undefined) return mulFolded(a, b, v, ag, bg);
    if (a === b && B.negligible === undefined) return square(a, v, ag);
    const g = ag.map((x, i) => dot([a.v, b.v], [bg[i]!, x]));
    if (order === 1) return { v, g };
    const h: X[] = new Array<X>(m);
    for (let i = 0, k = 0; i < n; i++) {
      for (let j = i; j < n; j++, k++) {
        const x: X[] = [ag[i]!, ag[j]!];
        const y: X[] = [bg[j]!, bg[i]!];
        if (a.h !== undefined) x.push(b.v), y.push(a.h[k]!);
        if (b.h !== undefined) x.push(a.v), y.push(b.h[k]!);
        h[k] = dot(x, y);
      }
    }
    return { v, g, h };
  };

  /**
   * a a over an exact base with sums of products: g = (2 a.v) a.g and h_ij = (2 a.g_i) a.g_j + (2 a.v) a.h_ij,
   * the same values as the general rule from half its products (docs/patterns.md §6).
   */
  const square = (a: Jet<X>, v: X, ag: readonly X[]): Jet<X> => {
    const two = B.fromInt(2);
    const v2 = B.mul(two, a.v);
    const g = ag.map((x) => B.mul(v2, x));
    if (order === 1) return { v, g };
    const ag2 = ag.map((x) => B.mul(two, x));
    const ah = a.h;
    const h: X[] = new Array<X>(m);
    for (let i = 0, k = 0; i < n; i++) {
      for (let j = i; j < n; j++, k++) h[k] = ah === undefined ? B.mul(ag2[i]!, ag[j]!) : dot([ag2[i]!, v2], [ag[j]!, ah[k]!]);
    }
    return { v, g, h };
  };

  /** mul without sumOfProducts: the same left folds of mul and add as dot, without the arrays of its terms. */
  const mulFolded = (a: Jet<X>, b: Jet<X>, v: X, ag: readonly X[], bg: readonly X[]): Jet<X> => {
    const av = a.v;
    const bv = b.v;
    const g: X[] = new Array<X>(n);
    for (let i = 0; i < n; i++) g[i] = B.add(B.mul(av, bg[i]!), B.mul(bv, ag[i]!));
    if (order === 1) return { v, g };
    const h: X[] = new Array<X>(m);
    const ah = a.h;
    const bh = b.h;
    for (let i = 0, k = 0; i < n; i++) {
      const agi = ag[i]!;
      const bgi = bg[i]!;
      for (let j = i; j < n; j++, k++) {
        let s = B.add(B.mul(agi, bg[j]!), B.mul(ag[j]!, bgi));
        if (ah !== undefined) s = B.add(s, B.mul(bv, ah[k]!));
        if (bh !== undefined) s = B.add(s, B.mul(av, bh[k]!));
        h[k] = s;
      }
    }
    return { v, g, h };
  };

  const scaleJet = (a: Jet<X>, c: X, v: X): Jet<X> => ({
    v,
    g: a.g?.map((x) => B.mul(c, x)),
    h: a.h?.map((x) => B.mul(c, x)),
  });

  const inv = (a: Jet<X>): Jet<X> => {
    const r = B.div(B.fromInt(1), a.v);
    return compose(a, r, () => B.neg(B.mul(r, r)), () => B.mul(B.fromInt(2), B.mul(r, B.mul(r, r))));
  };

  return {
    name: `jets of order ${order} in ${n} variables over ${B.name}`,
    base: B,
    n,
    order,
    variable(i, x) {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`jet variable index ${i} is outside 0..${n - 1}`);
      const g = new Array<X>(n).fill(zero);
      g[i] = B.fromInt(1);
      return order === 1 ? { v: x, g } : { v: x, g, h: new Array<X>(m).fill(zero) };
    },
    constant,
    gradient: (a) => (a.g === undefined ? new Array<X>(n).fill(zero) : [...a.g]),
    hessian(a) {
      if (order !== 2) throw new Error("the Hessian of an order-1 jet is not carried");
      const H: X[][] = Array.from({ length: n }, () => new Array<X>(n).fill(zero));
      if (a.h === undefined) return H;
      for (let i = 0, k = 0; i < n; i++) {
        for (let j = i; j < n; j++, k++) {
          H[i]![j] = a.h[k]!;
          H[j]![i] = a.h[k]!;
        }
      }
      return H;
    },
    fromInt: (x) => constant(B.fromInt(x)),
    fromRational: (p, q) => constant(B.fromRational(p, q)),
    add: (a, b) => ({ v: B.add(a.v, b.v), g: addParts(a.g, b.g, false), h: addParts(a.h, b.h, false) }),
    sub: (a, b) => ({ v: B.sub(a.v, b.v), g: addParts(a.g, b.g, true), h: addParts(a.h, b.h, true) }),
    neg: (a) => ({ v: B.neg(a.v), g: a.g?.map((x) => B.neg(x)), h: a.h?.map((x) => B.neg(x)) }),
    mul,
    div: (a, b) => (b.g === undefined ? scaleJet(a, B.div(B.fromInt(1), b.v), B.div(a.v, b.v)) : mul(a, inv(b))),
    sqrt(a) {
      const s = B.sqrt(a.v);
      if (a.g !== undefined && B.isZero(s)) {
        throw new RangeError("sqrt is not differentiable at 0 (a jet of sqrt(0) was asked for)");
      }
      // (sqrt)' = 1/(2 s), (sqrt)'' = -1/(4 s^3)
      return compose(a, s, () => B.div(B.fromInt(1), B.mul(B.fromInt(2), s)),
        () => B.neg(B.div(B.fromInt(1), B.mul(B.fromInt(4), B.mul(s, B.mul(s, s))))));
    },
    atan2(y, x) {
      if (y.g === undefined && x.g === undefined) return { v: B.atan2(y.v, x.v) };
      // theta_y = x/rho, theta_x = -y/rho; theta_yy = -2xy/rho^2, theta_xx = 2xy/rho^2,
      // theta_xy = (y^2 - x^2)/rho^2, rho = x^2 + y^2. A base that forms theta_y and theta_x with the
      // angle gives them; the second derivatives are then theta_xx = -2 theta_y theta_x = -theta_yy and
      // theta_xy = theta_x^2 - theta_y^2 = (theta_x - theta_y)(theta_x + theta_y), two products.
      const fused = B.atan2WithPartials?.(y.v, x.v);
      const v = fused === undefined ? B.atan2(y.v, x.v) : fused.angle;
      const rho = fused === undefined ? B.add(B.mul(x.v, x.v), B.mul(y.v, y.v)) : undefined;
      const ty = fused === undefined ? B.div(x.v, rho!) : fused.dy;
      const tx = fused === undefined ? B.neg(B.div(y.v, rho!)) : fused.dx;
      const yg = y.g ?? new Array<X>(n).fill(zero);
      const xg = x.g ?? new Array<X>(n).fill(zero);
      const g = yg.map((dy, i) => dot([ty, tx], [dy, xg[i]!]));
      if (order === 1) return { v, g };
      let txx: X;
      let txy: X;
      if (fused === undefined) {
        const rho2 = B.mul(rho!, rho!);
        txx = B.div(B.mul(B.fromInt(2), B.mul(x.v, y.v)), rho2);
        txy = B.div(B.sub(B.mul(y.v, y.v), B.mul(x.v, x.v)), rho2);
      } else {
        txx = B.mul(B.fromInt(-2), B.mul(ty, tx));
        txy = B.mul(B.sub(tx, ty), B.add(tx, ty));
      }
      const tyy = B.neg(txx);
      const h: X[] = new Array<X>(m);
      if (B.sumOfProducts !== undefined) {
        // h_ij = P_i xg_j + Q_i yg_j + tx x.h_ij + ty y.h_ij with P_i = txx xg_i + txy yg_i and
        // Q_i = tyy yg_i + txy xg_i: the same sum, four products per entry instead of nine.
        const P = xg.map((dx, i) => B.sumOfProducts!([txx, txy], [dx, yg[i]!]));
        const Q = yg.map((dy, i) => B.sumOfProducts!([tyy, txy], [dy, xg[i]!]));
        for (let i = 0, k = 0; i < n; i++) {
          for (let j = i; j < n; j++, k++) {
            const u: X[] = [P[i]!, Q[i]!];
            const w: X[] = [xg[j]!, yg[j]!];
            if (x.h !== undefined) u.push(tx), w.push(x.h[k]!);
            if (y.h !== undefined) u.push(ty), w.push(y.h[k]!);
            h[k] = B.sumOfProducts(u, w);
          }
        }
        return { v, g, h };
      }
      for (let i = 0, k = 0; i < n; i++) {
        for (let j = i; j < n; j++, k++) {
          let s = B.add(B.add(B.mul(txx, B.mul(xg[i]!, xg[j]!)), B.mul(tyy, B.mul(yg[i]!, yg[j]!))),
            B.mul(txy, B.add(B.mul(xg[i]!, yg[j]!), B.mul(xg[j]!, yg[i]!))));
          if (x.h !== undefined) s = B.add(s, B.mul(tx, x.h[k]!));
          if (y.h !== undefined) s = B.add(s, B.mul(ty, y.h[k]!));
          h[k] = s;
        }
      }
      return { v, g, h };
    },
    pi: () => constant(B.pi()),
    isZero: (a) => B.isZero(a.v),
    sign: (a) => B.sign(a.v),
    ...(B.negligible === undefined ? {} : { negligible: (a: Jet<X>, scale: Jet<X>) => B.negligible!(a.v, scale.v) }),
    values: { scalar: B as Scalar<unknown>, value: (a: Jet<X>): unknown => a.v },
  };
}
