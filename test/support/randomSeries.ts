import type Fraction from "fraction.js";
import type { Field } from "../../src/numbers/field.js";
import { Q } from "../../src/numbers/rational.js";
import { QPI, type QPi } from "../../src/numbers/qpi.js";
import { Series } from "../../src/series/series.js";
import { randInt, type Random } from "./random.js";

/** A field with a generator of random coefficients; `lead` asks for a nonzero leading coefficient. */
export interface CoefficientGenerator<T> {
  F: Field<T>;
  coeff: (rng: Random, lead: boolean) => T;
}

/** A small rational n/d with |n| <= 3, 1 <= d <= 3 (n != 0 when nonzero). */
function smallRational(rng: Random, nonzero: boolean): [number, number] {
  for (;;) {
    const n = randInt(rng, -3, 3);
    if (!nonzero || n !== 0) return [n, randInt(rng, 1, 3)];
  }
}

/** Leading coefficients: squares and non-squares of both signs (sqrt needs some of each). */
const LEADS: [number, number][] = [
  [1, 1],
  [-1, 1],
  [2, 1],
  [-3, 1],
  [9, 4],
  [-1, 2],
];

/** Small rationals over Q(pi), times pi with probability 0.15. */
export const qpiCoefficients: CoefficientGenerator<QPi> = {
  F: QPI,
  coeff: (rng, lead) => {
    const [n, d] = lead ? LEADS[randInt(rng, 0, LEADS.length - 1)]! : smallRational(rng, false);
    const c = QPI.fromRational(n, d);
    return rng.uniform() < 0.15 ? QPI.mul(c, QPI.pi()) : c;
  },
};

/** Small rationals over Q. */
export const rationalCoefficients: CoefficientGenerator<Fraction> = {
  F: Q,
  coeff: (rng, lead) => {
    const [n, d] = lead ? LEADS[randInt(rng, 0, LEADS.length - 1)]! : smallRational(rng, false);
    return Q.fromRational(n, d);
  },
};

/** A random inexact series: valuation in [vlo, vhi], 3 to 5 known coefficients, nonzero leading one. */
export function randomSeries<T>(g: CoefficientGenerator<T>, rng: Random, vlo = -1, vhi = 1): Series<T> {
  const val = randInt(rng, vlo, vhi);
  const n = randInt(rng, 3, 5);
  const c: T[] = [g.coeff(rng, true)];
  for (let i = 1; i < n; i++) c.push(g.coeff(rng, false));
  return Series.of(g.F, val, c, val + n);
}

/** s with three more random coefficients: a series that s describes (s agrees with it to O(eps^prec(s))). */
export function refineSeries<T>(g: CoefficientGenerator<T>, s: Series<T>, rng: Random): Series<T> {
  if (s.isExact()) return s;
  const c: T[] = [];
  for (let k = s.val; k < s.prec; k++) c.push(s.coeff(k));
  for (let k = 0; k < 3; k++) c.push(g.coeff(rng, false));
  return Series.of(g.F, Math.min(s.val, s.prec), c, s.prec + 3);
}
