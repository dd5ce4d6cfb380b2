import type { Scalar } from "../numbers/scalar.js";

/**
 * Reverse mode (adjoints) over any Scalar (docs/patterns.md, "derivatives"): a function written against
 * Scalar is evaluated once on `Adjoint` values, which record every operation on a variable with the
 * partial derivatives of its result with respect to its operands (a tape); `gradient` then sweeps the
 * tape backwards once,
 *
 *   adj(out) = 1,   adj(u) = sum over the operations w that use u of adj(w) * dw/du,
 *
 * and the gradient is the adjoints of the variables. The chain rule is the one the jets of jet.ts apply
 * (the same partial derivatives), summed in the other order, so over an exact Scalar the gradient is the
 * jets' exactly, at about three evaluations of the function instead of one per variable. Values are those
 * of the base arithmetic; constants (no variable below them) are not recorded.
 */

/** A value of the base arithmetic and, unless it is a constant, its place on the tape. */
export interface Adjoint<X> {
  readonly v: X;
  /** The index of the operation that made it; -1 for a constant. */
  readonly id: number;
}

/** A partial derivative of an operation: +1 and -1 (sums) are marked, not multiplied by. */
type Partial<X> = { readonly unit: 1 | -1 } | { readonly unit: 0; readonly p: X };

/** Where a recorded value is used: the operation that used it and the partial derivative there. */
interface Use<X> {
  readonly by: number;
  readonly partial: Partial<X>;
}

export interface AdjointScalar<X> extends Scalar<Adjoint<X>> {
  readonly base: Scalar<X>;
  /** A new variable at value x (recorded on the tape). */
  variable(x: X): Adjoint<X>;
  constant(x: X): Adjoint<X>;
  /**
   * d out / d v for each variable v of `wrt`, by one backward sweep of the tape: the exact zero of the
   * base for a variable `out` does not depend on.
   */
  gradient(out: Adjoint<X>, wrt: readonly Adjoint<X>[]): X[];
}

/** Reverse mode over `base`; one instance holds one tape (make one per function evaluation). */
export function adjointScalar<X>(base: Scalar<X>): AdjointScalar<X> {
  const B = base;
  /** uses[i]: the uses of the value recorded at index i. */
  const uses: Use<X>[][] = [];
  const PLUS: Partial<X> = { unit: 1 };
  const MINUS: Partial<X> = { unit: -1 };
  const constant = (x: X): Adjoint<X> => ({ v: x, id: -1 });
  const by = (p: X): Partial<X> => ({ unit: 0, p });

  /** Record the value v, made from the listed operands with the given partial derivatives. */
  const record = (v: X, operands: readonly (readonly [Adjoint<X>, () => Partial<X>])[]): Adjoint<X> => {
    const live = operands.filter(([a]) => a.id >= 0);
    if (live.length === 0) return constant(v);
    const id = uses.length;
    uses.push([]);
    for (const [a, partial] of live) uses[a.id]!.push({ by: id, partial: partial() });
    return { v, id };
  };

  /** sum_i x[i] y[i] as the base computes it: its sumOfProducts, or the left fold of mul and add. */
  const dot = (x: readonly X[], y: readonly X[]): X => {
    if (x.length > 1 && B.sumOfProducts !== undefined) return B.sumOfProducts(x, y);
    let s = B.mul(x[0]!, y[0]!);
    for (let i = 1; i < x.length; i++) s = B.add(s, B.mul(x[i]!, y[i]!));
    return s;
  };

  const mul = (a: Adjoint<X>, b: Adjoint<X>): Adjoint<X> =>
    record(B.mul(a.v, b.v), [[a, () => by(b.v)], [b, () => by(a.v)]]);

  return {
    name: `adjoints over ${B.name}`,
    base: B,
    variable(x) {
      uses.push([]);
      return { v: x, id: uses.length - 1 };
    },
    constant,
    gradient(out, wrt) {
      const zero = B.fromInt(0);
      if (out.id < 0) return wrt.map(() => zero);
      const adj: (X | undefined)[] = new Array<X | undefined>(out.id + 1);
      adj[out.id] = B.fromInt(1);
      for (let i = out.id - 1; i >= 0; i--) {
        const plus: X[] = [];
        const minus: X[] = [];
        const x: X[] = [];
        const y: X[] = [];
        for (const u of uses[i]!) {
          const a = u.by <= out.id ? adj[u.by] : undefined;
          if (a === undefined) continue;
          const partial = u.partial;
          if (partial.unit === 0) x.push(a), y.push(partial.p);
          else if (partial.unit === 1) plus.push(a);
          else minus.push(a);
        }
        let s: X | undefined = x.length > 0 ? dot(x, y) : undefined;
        for (const a of plus) s = s === undefined ? a : B.add(s, a);
        for (const a of minus) s = s === undefined ? B.neg(a) : B.sub(s, a);
        adj[i] = s;
      }
      return wrt.map((w) => (w.id < 0 ? zero : adj[w.id] ?? zero));
    },
    fromInt: (n) => constant(B.fromInt(n)),
    fromRational: (n, d) => constant(B.fromRational(n, d)),
    add: (a, b) => record(B.add(a.v, b.v), [[a, () => PLUS], [b, () => PLUS]]),
    sub: (a, b) => record(B.sub(a.v, b.v), [[a, () => PLUS], [b, () => MINUS]]),
    neg: (a) => record(B.neg(a.v), [[a, () => MINUS]]),
    mul,
    div(a, b) {
      const one = B.fromInt(1);
      if (b.id < 0) {
        // d(a/b)/da = 1/b
        return record(B.div(a.v, b.v), [[a, () => by(B.div(one, b.v))]]);
      }
      // a/b = a r with r = 1/b: d/da = r, d/db = -a r^2 = -(a/b) r
      const r = B.div(one, b.v);
      const v = B.mul(a.v, r);
      return record(v, [[a, () => by(r)], [b, () => by(B.neg(B.mul(v, r)))]]);
    },
    sqrt(a) {
      const s = B.sqrt(a.v);
      if (a.id >= 0 && B.isZero(s)) throw new RangeError("sqrt is not differentiable at 0 (the adjoint of sqrt(0) was asked for)");
      // (sqrt)' = 1/(2 s)
      return record(s, [[a, () => by(B.div(B.fromInt(1), B.mul(B.fromInt(2), s)))]]);
    },
    atan2(y, x) {
      if (y.id < 0 && x.id < 0) return constant(B.atan2(y.v, x.v));
      if (B.atan2WithPartials !== undefined) {
        const { angle, dy, dx } = B.atan2WithPartials(y.v, x.v);
        return record(angle, [[y, () => by(dy)], [x, () => by(dx)]]);
      }
      // theta_y = x/rho, theta_x = -y/rho, rho = x^2 + y^2 (one inverse for both)
      const v = B.atan2(y.v, x.v);
      const q = B.div(B.fromInt(1), B.add(B.mul(x.v, x.v), B.mul(y.v, y.v)));
      return record(v, [[y, () => by(B.mul(x.v, q))], [x, () => by(B.neg(B.mul(y.v, q)))]]);
    },
    pi: () => constant(B.pi()),
    isZero: (a) => B.isZero(a.v),
    sign: (a) => B.sign(a.v),
    ...(B.negligible === undefined ? {} : { negligible: (a: Adjoint<X>, scale: Adjoint<X>) => B.negligible!(a.v, scale.v) }),
    values: { scalar: B as Scalar<unknown>, value: (a: Adjoint<X>): unknown => a.v },
  };
}
