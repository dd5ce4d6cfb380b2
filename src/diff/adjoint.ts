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

/**
 * For a base of truncated series: the valuation of an element (its precision when it is zero to it)
 * and its truncation at an absolute precision.
 */
export interface Truncation<X> {
  valuation(x: X): number;
  truncate(x: X, prec: number): X;
}

/**
 * The precision wanted of each derivative, for a base of truncated series: d out / d wrt[j] to
 * O(eps^targets[j]). The sweep then forms each adjoint only to the precision the targets need of it.
 */
export interface GradientPrecision<X> {
  readonly truncation: Truncation<X>;
  readonly targets: readonly number[];
}

export interface AdjointScalar<X> extends Scalar<Adjoint<X>> {
  readonly base: Scalar<X>;
  /** A new variable at value x (recorded on the tape). */
  variable(x: X): Adjoint<X>;
  constant(x: X): Adjoint<X>;
  /**
   * d out / d v for each variable v of `wrt`, by one backward sweep of the tape: the exact zero of the
   * base for a variable `out` does not depend on. With `precision` (series), the derivatives are formed
   * to the targets (or to less, where the values are not known to more; the truncated series say so).
   */
  gradient(out: Adjoint<X>, wrt: readonly Adjoint<X>[], precision?: GradientPrecision<X>): X[];
}

/**
 * The precision each recorded value's adjoint is needed to, for d out / d wrt[j] to O(eps^targets[j]):
 * an error O(eps^p) in adj(u) changes d out / d wrt[j] by O(eps^(p + val(du / d wrt[j]))), so adj(u) is
 * needed to max_j (targets[j] - v_j(u)) with v_j(u) a lower bound of the valuation of du / d wrt[j],
 * found forwards: v_j(wrt[j]) = 0, v_j(w) = min over the operands u of w of v_j(u) + val(dw/du).
 * -Infinity where no target depends on the value.
 */
function neededPrecision<X>(uses: readonly (readonly Use<X>[])[], last: number, wrt: readonly Adjoint<X>[], precision: GradientPrecision<X>): Float64Array {
  const n = wrt.length;
  const bound = new Float64Array((last + 1) * n).fill(Infinity);
  wrt.forEach((w, j) => {
    if (w.id >= 0 && w.id <= last) bound[w.id * n + j] = 0;
  });
  const { truncation, targets } = precision;
  for (let i = 0; i <= last; i++) {
    for (const u of uses[i]!) {
      if (u.by > last) continue;
      const v = u.partial.unit === 0 ? truncation.valuation(u.partial.p) : 0;
      for (let j = 0; j < n; j++) {
        const b = bound[i * n + j]! + v;
        if (b < bound[u.by * n + j]!) bound[u.by * n + j] = b;
      }
    }
  }
  const needed = new Float64Array(last + 1).fill(-Infinity);
  for (let i = 0; i <= last; i++) {
    for (let j = 0; j < n; j++) {
      const b = bound[i * n + j]!;
      if (b !== Infinity && targets[j]! - b > needed[i]!) needed[i] = targets[j]! - b;
    }
  }
  return needed;
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

  // A square over an exact base with sums of products records one use with d(a^2)/da = 2a instead of two
  // uses with a each: the same adjoint from half the products of the sweep (docs/patterns.md §6); rounding
  // bases keep the two uses and their rounding.
  const exactSums = B.negligible === undefined && B.sumOfProducts !== undefined;
  const mul = (a: Adjoint<X>, b: Adjoint<X>): Adjoint<X> =>
    a === b && exactSums
      ? record(B.mul(a.v, a.v), [[a, () => by(B.mul(B.fromInt(2), a.v))]])
      : record(B.mul(a.v, b.v), [[a, () => by(b.v)], [b, () => by(a.v)]]);

  return {
    name: `adjoints over ${B.name}`,
    base: B,
    variable(x) {
      uses.push([]);
      return { v: x, id: uses.length - 1 };
    },
    constant,
    gradient(out, wrt, precision) {
      const zero = B.fromInt(0);
      if (out.id < 0) return wrt.map(() => zero);
      const needed = precision === undefined ? undefined : neededPrecision(uses, out.id, wrt, precision);
      const cut = precision?.truncation;
      const adj: (X | undefined)[] = new Array<X | undefined>(out.id + 1);
      adj[out.id] = B.fromInt(1);
      for (let i = out.id - 1; i >= 0; i--) {
        const p = needed === undefined ? Infinity : needed[i]!;
        if (p === -Infinity) continue;
        const plus: X[] = [];
        const minus: X[] = [];
        const x: X[] = [];
        const y: X[] = [];
        // Wanted to O(eps^p) only: a term of valuation >= p is O(eps^p) and only says so; the others'
        // factors are truncated so that their product is formed to O(eps^p) (each to p minus the other's
        // valuation, which stays its valuation).
        let negligible = false;
        for (const u of uses[i]!) {
          let a = u.by <= out.id ? adj[u.by] : undefined;
          if (a === undefined) continue;
          const partial = u.partial;
          if (cut !== undefined && p !== Infinity) {
            const va = cut.valuation(a);
            const vq = partial.unit === 0 ? cut.valuation(partial.p) : 0;
            if (va + vq >= p) {
              negligible = true;
              continue;
            }
            if (partial.unit === 0) {
              x.push(cut.truncate(a, p - vq)), y.push(cut.truncate(partial.p, p - va));
              continue;
            }
            a = cut.truncate(a, p);
          } else if (partial.unit === 0) {
            x.push(a), y.push(partial.p);
            continue;
          }
          if (partial.unit === 1) plus.push(a);
          else minus.push(a);
        }
        let s: X | undefined = x.length > 0 ? dot(x, y) : undefined;
        for (const a of plus) s = s === undefined ? a : B.add(s, a);
        for (const a of minus) s = s === undefined ? B.neg(a) : B.sub(s, a);
        if (negligible) {
          const small = cut!.truncate(zero, p);
          s = s === undefined ? small : B.add(s, small);
        }
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
