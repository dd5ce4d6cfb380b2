import Fraction from "fraction.js";
import type { Decimal } from "decimal.js";
import type { DecimalField } from "../../src/numbers/decimalField.js";
import type { BigFloat, BigFloatField } from "../../src/numbers/bigFloatField.js";
import type { Poly } from "../../src/numbers/polynomial.js";
import { QPI, type QPi } from "../../src/numbers/qpi.js";
import type { Quadratic, QuadraticExtension } from "../../src/numbers/quadraticExtension.js";
import { randInt, type Random } from "./random.js";

// Random elements of the fields of src/numbers, all drawn from the one seeded generator (./random.ts).
// `allowZero` lets an element be zero (with a small probability for the fields that never hit it by chance).

/** A random rational n/d with |n| <= 9, 1 <= d <= 6. */
export function randomFraction(rng: Random, allowZero = true): Fraction {
  for (;;) {
    const f = new Fraction(BigInt(randInt(rng, -9, 9)), BigInt(randInt(rng, 1, 6)));
    if (allowZero || f.n !== 0n) return f;
  }
}

/** A random polynomial (in pi) of degree <= maxDeg with small rational coefficients, nonzero. */
export function randomRationalPoly(rng: Random, maxDeg: number): Poly<Fraction> {
  const deg = randInt(rng, 0, maxDeg);
  const c: Fraction[] = [];
  for (let k = 0; k < deg; k++) c.push(randomFraction(rng));
  c.push(randomFraction(rng, false));
  return c;
}

/** A random element of Q(pi): num/den of degree <= 2 each (zero with probability 0.05 when allowed). */
export function randomQPi(rng: Random, allowZero = true): QPi {
  if (allowZero && rng.uniform() < 0.05) return QPI.zero();
  return QPI.fromPolys(randomRationalPoly(rng, 2), randomRationalPoly(rng, 2));
}

/** (a + b pi) / c with |a| <= 5, |b| <= 3, 1 <= c <= 3: a cheap element of Q(pi) for matrices. */
export function randomLinearQPi(rng: Random): QPi {
  const a = QPI.fromInt(randInt(rng, -5, 5));
  const b = QPI.mul(QPI.fromInt(randInt(rng, -3, 3)), QPI.pi());
  return QPI.div(QPI.add(a, b), QPI.fromInt(randInt(rng, 1, 3)));
}

/** u + w sqrt(c) with u, w cheap random elements of Q(pi) (never zero when allowZero is false). */
export function randomQuadratic(E: QuadraticExtension<QPi>, rng: Random, allowZero = true): Quadratic<QPi> {
  for (;;) {
    const x = { a: randomLinearQPi(rng), b: randomLinearQPi(rng) };
    if (allowZero || !E.isZero(x)) return x;
  }
}

/** m 10^e with a 15-digit mantissa m in (-1, 1) and |e| <= 3 (zero with probability 0.05 when allowed). */
export function randomDecimal(D: DecimalField, rng: Random, allowZero = true): Decimal {
  if (allowZero && rng.uniform() < 0.05) return D.zero();
  const mant = (rng.uniform() * 2 - 1).toFixed(15);
  const v = D.fromDecimalString(`${mant}e${randInt(rng, -3, 3)}`);
  return v.isZero() ? D.one() : v;
}

/** The same draws as randomDecimal, in a BigFloatField (m 10^e, |m| < 1 with 15 digits, |e| <= 3). */
export function randomBigFloat(B: BigFloatField, rng: Random, allowZero = true): BigFloat {
  if (allowZero && rng.uniform() < 0.05) return B.zero();
  const mant = (rng.uniform() * 2 - 1).toFixed(15);
  const v = B.fromDecimalString(`${mant}e${randInt(rng, -3, 3)}`);
  return B.isZero(v) ? B.one() : v;
}

/** A float64 m 10^e with m uniform in (-1, 1) and |e| <= 3 (zero with probability 0.05 when allowed). */
export function randomFloat(rng: Random, allowZero = true): number {
  if (allowZero && rng.uniform() < 0.05) return 0;
  const v = (rng.uniform() * 2 - 1) * 10 ** randInt(rng, -3, 3);
  return v === 0 ? 1 : v;
}
