import type { Scalar } from "../numbers/scalar.js";

/**
 * A second-order jet of a function of n variables at a point: value, gradient and Hessian (packed upper
 * triangle, row by row). `g`/`h` are undefined for constants, which keeps the many count factors of the
 * restricted loss cheap. Derivatives follow the chain rule exactly, so over an exact Scalar (series over
 * Q(pi)) the jet's gradient and Hessian are exact (docs/patterns.md, "derivatives").
 */
export interface Jet<X> {
  readonly v: X;
  /**
   * The variables the jet depends on, increasing (all n when absent): `g` and `h` are over these only,
   * every other derivative is zero. A term of the restricted loss depends on the parameters of two row
   * classes, not on all of them (docs/patterns.md, "derivatives").
   */
  readonly s?: readonly number[];
  readonly g?: readonly X[];
  /** Undefined with `g` defined: a zero Hessian (a variable). */
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

/**
 * Jets of order 1 or 2 in n variables over the Scalar `base`. Each jet carries its derivatives only over
 * the variables it depends on (Jet.s); an operation works over the union of its operands' variables, with
 * the operands' missing derivatives as zeros, so every derivative has the value (the same roundings) it
 * has over all n variables: the others are sums of products with a zero factor.
 */
export function jetScalar<X>(base: Scalar<X>, n: number, order: 1 | 2 = 2): JetScalar<X> {
  const B = base;
  const zero = B.fromInt(0);
  const all: readonly number[] = Array.from({ length: n }, (_, i) => i);
  const constant = (x: X): Jet<X> => ({ v: x });
  const support = (a: Jet<X>): readonly number[] => a.s ?? all;
  /** sum_i x_i y_i: the base's sumOfProducts (one pass for series) or the left fold of mul and add. */
  const dot = (x: readonly X[], y: readonly X[]): X => {
    if (B.sumOfProducts !== undefined) return B.sumOfProducts(x, y);
    let s = B.mul(x[0]!, y[0]!);
    for (let i = 1; i < x.length; i++) s = B.add(s, B.mul(x[i]!, y[i]!));
    return s;
  };

  /**
   * dot over the terms whose factors are not the zeros that spread fills in (`zero` itself): the same
   * value (a product with an exact zero adds nothing, also in rounding arithmetic), fewer products.
   */
  const dotSpread = (x: readonly X[], y: readonly X[]): X => {
    const u: X[] = [];
    const w: X[] = [];
    for (let i = 0; i < x.length; i++) if (x[i] !== zero && y[i] !== zero) u.push(x[i]!), w.push(y[i]!);
    return u.length === 0 ? zero : u.length === 1 ? B.mul(u[0]!, w[0]!) : dot(u, w);
  };

  /** The union of two supports (one of them when it contains the other). */
  const unite = (sa: readonly number[], sb: readonly number[]): readonly number[] => {
    if (sa === sb) return sa;
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < sa.length && j < sb.length) {
      const x = sa[i]!;
      const y = sb[j]!;
      if (x === y) out.push(x), i++, j++;
      else if (x < y) out.push(x), i++;
      else out.push(y), j++;
    }
    while (i < sa.length) out.push(sa[i++]!);
    while (j < sb.length) out.push(sb[j++]!);
    return out.length === sa.length ? sa : out.length === sb.length ? sb : out;
  };

  /** The derivatives of a (non-constant) over the support s containing a's, zeros where a has none. */
  const spread = (a: Jet<X>, s: readonly number[]): { g: readonly X[]; h: readonly X[] | undefined } => {
    const sa = support(a);
    if (sa === s) return { g: a.g!, h: a.h };
    const k = s.length;
    const pos = new Int32Array(k);
    for (let t = 0, p = 0; t < k; t++) pos[t] = p < sa.length && sa[p] === s[t] ? p++ : -1;
    const ag = a.g!;
    const g = new Array<X>(k);
    for (let t = 0; t < k; t++) g[t] = pos[t]! >= 0 ? ag[pos[t]!]! : zero;
    const ah = a.h;
    if (ah === undefined) return { g, h: undefined };
    const ka = sa.length;
    const h = new Array<X>((k * (k + 1)) / 2);
    for (let t = 0, q = 0; t < k; t++) {
      const pt = pos[t]!;
      for (let u = t; u < k; u++, q++) {
        const pu = pos[u]!;
        h[q] = pt >= 0 && pu >= 0 ? ah[packedIndex(ka, pt, pu)]! : zero;
      }
    }
    return { g, h };
  };

  const addParts = (a: readonly X[] | undefined, b: readonly X[] | undefined, sub: boolean): X[] | undefined => {
    if (a === undefined) return b === undefined ? undefined : sub ? b.map((x) => B.neg(x)) : (b as X[]);
    if (b === undefined) return a as X[];
    return a.map((x, i) => (sub ? B.sub(x, b[i]!) : B.add(x, b[i]!)));
  };

  const addJets = (a: Jet<X>, b: Jet<X>, sub: boolean): Jet<X> => {
    const v = sub ? B.sub(a.v, b.v) : B.add(a.v, b.v);
    if (a.g === undefined && b.g === undefined) return { v };
    if (b.g === undefined) return { v, s: support(a), g: a.g!, ...(a.h === undefined ? {} : { h: a.h }) };
    if (a.g === undefined) {
      const h = addParts(undefined, b.h, sub);
      return { v, s: support(b), g: addParts(undefined, b.g, sub)!, ...(h === undefined ? {} : { h }) };
    }
    const s = unite(support(a), support(b));
    const A = spread(a, s);
    const Bj = spread(b, s);
    const h = addParts(A.h, Bj.h, sub);
    return { v, s, g: addParts(A.g, Bj.g, sub)!, ...(h === undefined ? {} : { h }) };
  };

  /** f(a) from f(a.v), f'(a.v), f''(a.v): g = f' a.g, h = f' a.h + f'' a.g a.g^T. */
  const compose = (a: Jet<X>, f: X, f1: () => X, f2: () => X): Jet<X> => {
    if (a.g === undefined) return { v: f };
    const s = support(a);
    const d1 = f1();
    const g = a.g.map((x) => B.mul(d1, x));
    if (order === 1) return { v: f, s, g };
    const d2 = f2();
    const k = s.length;
    const h: X[] = new Array<X>((k * (k + 1)) / 2);
    const ag = a.g;
    for (let i = 0, q = 0; i < k; i++) {
      const t = B.mul(d2, ag[i]!);
      for (let j = i; j < k; j++, q++) {
        h[q] = a.h === undefined ? B.mul(t, ag[j]!) : B.sumOfProducts === undefined ? B.add(B.mul(d1, a.h[q]!), B.mul(t, ag[j]!)) : dot([d1, t], [a.h[q]!, ag[j]!]);
      }
    }
    return { v: f, s, g, h };
  };

  const mul = (a: Jet<X>, b: Jet<X>): Jet<X> => {
    const v = B.mul(a.v, b.v);
    if (a.g === undefined && b.g === undefined) return { v };
    if (a.g === undefined) return scaleJet(b, a.v, v);
    if (b.g === undefined) return scaleJet(a, b.v, v);
    if (a === b && B.sumOfProducts !== undefined && B.negligible === undefined) return square(a, v, support(a), a.g);
    const s = unite(support(a), support(b));
    const A = spread(a, s);
    const Bj = spread(b, s);
    if (B.sumOfProducts === undefined) return mulFolded(a.v, b.v, v, s, A.g, Bj.g, A.h, Bj.h);
    const ag = A.g;
    const bg = Bj.g;
    const k = s.length;
    const g = ag.map((x, i) => dotSpread([a.v, b.v], [bg[i]!, x]));
    if (order === 1) return { v, s, g };
    const h: X[] = new Array<X>((k * (k + 1)) / 2);
    for (let i = 0, q = 0; i < k; i++) {
      for (let j = i; j < k; j++, q++) {
        const x: X[] = [ag[i]!, ag[j]!];
        const y: X[] = [bg[j]!, bg[i]!];
        if (A.h !== undefined) x.push(b.v), y.push(A.h[q]!);
        if (Bj.h !== undefined) x.push(a.v), y.push(Bj.h[q]!);
        h[q] = dotSpread(x, y);
      }
    }
    return { v, s, g, h };
  };

  /**
   * a a over an exact base with sums of products: g = (2 a.v) a.g and h_ij = (2 a.g_i) a.g_j + (2 a.v) a.h_ij,
   * the same values as the general rule from half its products (docs/patterns.md §6).
   */
  const square = (a: Jet<X>, v: X, s: readonly number[], ag: readonly X[]): Jet<X> => {
    const two = B.fromInt(2);
    const v2 = B.mul(two, a.v);
    const g = ag.map((x) => B.mul(v2, x));
    if (order === 1) return { v, s, g };
    const ag2 = ag.map((x) => B.mul(two, x));
    const ah = a.h;
    const k = s.length;
    const h: X[] = new Array<X>((k * (k + 1)) / 2);
    for (let i = 0, q = 0; i < k; i++) {
      for (let j = i; j < k; j++, q++) h[q] = ah === undefined ? B.mul(ag2[i]!, ag[j]!) : dot([ag2[i]!, v2], [ag[j]!, ah[q]!]);
    }
    return { v, s, g, h };
  };

  /** mul without sumOfProducts (operands spread over s): the same left folds of mul and add as dot, without the arrays of its terms. */
  const mulFolded = (av: X, bv: X, v: X, s: readonly number[], ag: readonly X[], bg: readonly X[], ah: readonly X[] | undefined, bh: readonly X[] | undefined): Jet<X> => {
    const k = s.length;
    const g: X[] = new Array<X>(k);
    for (let i = 0; i < k; i++) g[i] = bg[i] === zero ? B.mul(bv, ag[i]!) : ag[i] === zero ? B.mul(av, bg[i]!) : B.add(B.mul(av, bg[i]!), B.mul(bv, ag[i]!));
    if (order === 1) return { v, s, g };
    const h: X[] = new Array<X>((k * (k + 1)) / 2);
    // The terms with a zero factor that spread filled in are left out (dotSpread).
    for (let i = 0, q = 0; i < k; i++) {
      const agi = ag[i]!;
      const bgi = bg[i]!;
      for (let j = i; j < k; j++, q++) {
        let t: X | undefined = agi === zero || bg[j] === zero ? undefined : B.mul(agi, bg[j]!);
        if (ag[j] !== zero && bgi !== zero) t = t === undefined ? B.mul(ag[j]!, bgi) : B.add(t, B.mul(ag[j]!, bgi));
        if (ah !== undefined && ah[q] !== zero) t = t === undefined ? B.mul(bv, ah[q]!) : B.add(t, B.mul(bv, ah[q]!));
        if (bh !== undefined && bh[q] !== zero) t = t === undefined ? B.mul(av, bh[q]!) : B.add(t, B.mul(av, bh[q]!));
        h[q] = t ?? zero;
      }
    }
    return { v, s, g, h };
  };

  const scaleJet = (a: Jet<X>, c: X, v: X): Jet<X> => {
    const g = a.g?.map((x) => B.mul(c, x));
    if (g === undefined) return { v };
    return a.h === undefined ? { v, s: support(a), g } : { v, s: support(a), g, h: a.h.map((x) => B.mul(c, x)) };
  };

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
      return { v: x, s: [i], g: [B.fromInt(1)] };
    },
    constant,
    gradient(a) {
      const g = new Array<X>(n).fill(zero);
      if (a.g === undefined) return g;
      const s = support(a);
      for (let t = 0; t < s.length; t++) g[s[t]!] = a.g[t]!;
      return g;
    },
    hessian(a) {
      if (order !== 2) throw new Error("the Hessian of an order-1 jet is not carried");
      const H: X[][] = Array.from({ length: n }, () => new Array<X>(n).fill(zero));
      if (a.h === undefined) return H;
      const s = support(a);
      for (let t = 0, q = 0; t < s.length; t++) {
        for (let u = t; u < s.length; u++, q++) {
          H[s[t]!]![s[u]!] = a.h[q]!;
          H[s[u]!]![s[t]!] = a.h[q]!;
        }
      }
      return H;
    },
    fromInt: (x) => constant(B.fromInt(x)),
    fromRational: (p, q) => constant(B.fromRational(p, q)),
    add: (a, b) => addJets(a, b, false),
    sub: (a, b) => addJets(a, b, true),
    neg: (a) => (a.g === undefined ? { v: B.neg(a.v) } : { v: B.neg(a.v), s: support(a), g: a.g.map((x) => B.neg(x)), ...(a.h === undefined ? {} : { h: a.h.map((x) => B.neg(x)) }) }),
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
      const s = y.g === undefined ? support(x) : x.g === undefined ? support(y) : unite(support(y), support(x));
      const k = s.length;
      const Y = y.g === undefined ? { g: new Array<X>(k).fill(zero), h: undefined } : spread(y, s);
      const X_ = x.g === undefined ? { g: new Array<X>(k).fill(zero), h: undefined } : spread(x, s);
      const yg = Y.g;
      const xg = X_.g;
      const g = yg.map((dy, i) => dot([ty, tx], [dy, xg[i]!]));
      if (order === 1) return { v, s, g };
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
      const xh = X_.h;
      const yh = Y.h;
      const h: X[] = new Array<X>((k * (k + 1)) / 2);
      if (B.sumOfProducts !== undefined) {
        // h_ij = P_i xg_j + Q_i yg_j + tx x.h_ij + ty y.h_ij with P_i = txx xg_i + txy yg_i and
        // Q_i = tyy yg_i + txy xg_i: the same sum, four products per entry instead of nine.
        const P = xg.map((dx, i) => B.sumOfProducts!([txx, txy], [dx, yg[i]!]));
        const Q = yg.map((dy, i) => B.sumOfProducts!([tyy, txy], [dy, xg[i]!]));
        for (let i = 0, q = 0; i < k; i++) {
          for (let j = i; j < k; j++, q++) {
            const u: X[] = [P[i]!, Q[i]!];
            const w: X[] = [xg[j]!, yg[j]!];
            if (xh !== undefined) u.push(tx), w.push(xh[q]!);
            if (yh !== undefined) u.push(ty), w.push(yh[q]!);
            h[q] = B.sumOfProducts(u, w);
          }
        }
        return { v, s, g, h };
      }
      for (let i = 0, q = 0; i < k; i++) {
        for (let j = i; j < k; j++, q++) {
          let t = B.add(B.add(B.mul(txx, B.mul(xg[i]!, xg[j]!)), B.mul(tyy, B.mul(yg[i]!, yg[j]!))),
            B.mul(txy, B.add(B.mul(xg[i]!, yg[j]!), B.mul(xg[j]!, yg[i]!))));
          if (xh !== undefined) t = B.add(t, B.mul(tx, xh[q]!));
          if (yh !== undefined) t = B.add(t, B.mul(ty, yh[q]!));
          h[q] = t;
        }
      }
      return { v, s, g, h };
    },
    pi: () => constant(B.pi()),
    isZero: (a) => B.isZero(a.v),
    sign: (a) => B.sign(a.v),
    ...(B.negligible === undefined ? {} : { negligible: (a: Jet<X>, scale: Jet<X>) => B.negligible!(a.v, scale.v) }),
    values: { scalar: B as Scalar<unknown>, value: (a: Jet<X>): unknown => a.v },
  };
}
