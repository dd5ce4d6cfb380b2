import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  flattenParameters,
  gradient,
  hessian,
  loss,
  lossAndGradient,
  unflattenParameters,
} from "../src/model/evaluator.js";
import { kernel, kernelGradient, kernelHessian, pairGeometry } from "../src/model/kernel.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import type { RealField } from "../src/numbers/field.js";
import { F64 } from "../src/numbers/floatField.js";
import { relativeDistance } from "./support/distance.js";
import { mulberry32, randomPermutation } from "./support/random.js";
import { randomNormalMatrix } from "./support/randomMatrices.js";

// Every check compares against an independent computation: Monte Carlo, central differences, the other
// precision, or an exact identity of the loss (docs/evaluator.md §8).

const D50 = new DecimalField(50);


const relu = (x: number) => (x > 0 ? x : 0);
const dot = (w: readonly number[], x: Float64Array, offset: number) =>
  w.reduce((acc, wj, j) => acc + wj * x[offset + j]!, 0);

/** N samples of x ~ N(0, I_d), stored row after row. */
function gaussianSamples(seed: number, samples: number, d: number): Float64Array {
  const rng = mulberry32(seed);
  const x = new Float64Array(samples * d);
  for (let p = 0; p < x.length; p++) x[p] = rng.normal();
  return x;
}

/** Sample mean and its standard error. */
function meanAndStandardError(values: Float64Array): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

const toDecimal = (M: number[][]) => M.map((row) => row.map((x) => D50.from(x)));
const toDecimalVector = (v: number[]) => v.map((x) => D50.from(x));

/** Central differences (f(x + h u) - f(x - h u)) / 2h of a vector-valued f, one list per direction u. */
function centralDifferences<T>(F: RealField<T>, f: (x: T[]) => T[], x: readonly T[], directions: T[][], h: T): T[][] {
  const twoH = F.add(h, h);
  return directions.map((u) => {
    const fp = f(x.map((xp, p) => F.add(xp, F.mul(h, u[p]!))));
    const fm = f(x.map((xp, p) => F.sub(xp, F.mul(h, u[p]!))));
    return fp.map((v, q) => F.div(F.sub(v, fm[q]!), twoH));
  });
}

/** The coordinate directions e_1..e_n (central differences along them are the Jacobian's columns). */
function coordinateDirections<T>(F: RealField<T>, n: number): T[][] {
  return Array.from({ length: n }, (_, p) => Array.from({ length: n }, (_, q) => (p === q ? F.one() : F.zero())));
}

/** The Jacobian J (rows = outputs) applied to each direction u: the exact counterpart of centralDifferences. */
function applyToDirections<T>(F: RealField<T>, J: readonly (readonly T[])[], directions: T[][]): T[][] {
  return directions.map((u) => J.map((row) => row.reduce((acc, Jq, p) => F.add(acc, F.mul(Jq, u[p]!)), F.zero())));
}

/** Central differences along coordinate directions, as a Jacobian (rows = outputs, columns = inputs). */
function centralDifferenceJacobian<T>(F: RealField<T>, f: (x: T[]) => T[], x: readonly T[], h: T): T[][] {
  const columns = centralDifferences(F, f, x, coordinateDirections(F, x.length), h);
  return columns[0]!.map((_, q) => columns.map((col) => col[q]!));
}

describe("ReLU kernel", () => {
  const samples = 200_000;
  const d = 4;
  const x = gaussianSamples(11, samples, d);
  const rng = mulberry32(12);
  const generic = randomNormalMatrix(rng, 2, d);
  const unit = (theta: number) => [Math.cos(theta), Math.sin(theta), 0, 0];

  it.each([
    ["generic", generic[0]!, generic[1]!],
    ["orthogonal", [1, 0, 0, 0], [0, 2, 0, 0]],
    ["nearly parallel", unit(0).map((t) => 1.5 * t), unit(1e-3)],
    ["obtuse, near anti-parallel", unit(0), unit(Math.PI - 0.3).map((t) => 0.7 * t)],
    ["exactly anti-parallel", [1, -2, 0.5, 0], [-2, 4, -1, 0]],
  ])("K(w, v) matches a Monte Carlo estimate (%s)", (_, w, v) => {
    const products = new Float64Array(samples);
    for (let s = 0; s < samples; s++) products[s] = relu(dot(w, x, s * d)) * relu(dot(v, x, s * d));
    const { mean, se } = meanAndStandardError(products);
    expect(Math.abs(kernel(F64, w, v) - mean)).toBeLessThanOrEqual(5 * se + 1e-15);
  });

  it("K(w, w) from the pair formula equals |w|^2 / 2", () => {
    const w = toDecimalVector(generic[0]!);
    const norm2 = w.reduce((acc, t) => D50.add(acc, D50.mul(t, t)), D50.zero());
    expect(relativeDistance(D50, [kernel(D50, w, w)], [D50.div(norm2, D50.fromInt(2))])).toBeLessThan(1e-48);
  });

  const h = D50.fromDecimalString("1e-20");
  const pairs: [string, number[], number[]][] = [
    ["generic", generic[0]!, generic[1]!],
    ["nearly parallel", unit(0).map((t) => 1.5 * t), unit(1e-3)],
    ["near anti-parallel", unit(0), unit(Math.PI - 1e-3).map((t) => 0.7 * t)],
    ["exactly parallel (limit r = 0)", [1, 2, 0, -1], [2, 4, 0, -2]],
    ["exactly anti-parallel (limit r = 0)", [1, 2, 0, -1], [-0.5, -1, 0, 0.5]],
  ];

  it.each(pairs)("gradient and second derivatives match central differences in Decimal(50) (%s)", (_, w0, v0) => {
    const w = toDecimalVector(w0);
    const v = toDecimalVector(v0);
    const gradFd = centralDifferenceJacobian(D50, (y) => [kernel(D50, y, v)], w, h)[0]!;
    expect(relativeDistance(D50, kernelGradient(D50, w, v), gradFd)).toBeLessThan(1e-25);
    const H = kernelHessian(D50, w, v);
    // At r = 0 the kernel is C^2 but not C^3: central differences are then accurate to O(h), not O(h^2).
    const tolerance = pairGeometry(D50, w, v).r.isZero() ? 1e-19 : 1e-25;
    const wwFd = centralDifferenceJacobian(D50, (y) => kernelGradient(D50, y, v), w, h);
    const wvFd = centralDifferenceJacobian(D50, (y) => kernelGradient(D50, w, y), v, h);
    const vvFd = centralDifferenceJacobian(D50, (y) => kernelGradient(D50, y, w), v, h);
    expect(relativeDistance(D50, H.ww, wwFd)).toBeLessThan(tolerance);
    expect(relativeDistance(D50, H.wv, wvFd)).toBeLessThan(tolerance);
    expect(relativeDistance(D50, H.vv, vvFd)).toBeLessThan(tolerance);
  });

  it("keeps full float64 accuracy for a row near e_1 against e_1 (Lagrange identity)", () => {
    for (const delta of [1e-12, 1e-6]) {
      const w = [1, delta, 0];
      const e1 = [1, 0, 0];
      const wD = toDecimalVector(w);
      const eD = toDecimalVector(e1);
      const entrywise = (x: number[], y: Decimal[]) =>
        x.forEach((xp, p) => {
          const yp = y[p]!.toNumber();
          if (yp === 0) expect(Math.abs(xp)).toBe(0);
          else expect(Math.abs(xp - yp) / Math.abs(yp)).toBeLessThan(1e-14);
        });
      const g = pairGeometry(F64, w, e1);
      const gD = pairGeometry(D50, wD, eD);
      entrywise([g.r, g.s, kernel(F64, w, e1)], [gD.r, gD.s, kernel(D50, wD, eD)]);
      entrywise(kernelGradient(F64, w, e1), kernelGradient(D50, wD, eD));
      entrywise(kernelGradient(F64, e1, w), kernelGradient(D50, eD, wD));
      const H = kernelHessian(F64, w, e1);
      const HD = kernelHessian(D50, wD, eD);
      for (const block of ["ww", "wv", "vv"] as const) entrywise(H[block].flat(), HD[block].flat());
    }
  });

  it("derivatives at w = 0 are reported as undefined", () => {
    expect(kernel(F64, [0, 0], [1, 2])).toBe(0);
    expect(() => kernelGradient(F64, [0, 0], [1, 2])).toThrow(/\|w\| = 0/);
    expect(() => kernelHessian(F64, [1, 2], [0, 0])).toThrow(/\|v\| = 0/);
  });
});

describe("evaluator", () => {
  it.each([3, 4])("loss matches a Monte Carlo estimate of 1/2 E[(a.relu(Wx) - 1.relu(x))^2] (d = %i)", (d) => {
    const samples = 200_000;
    const rng = mulberry32(100 + d);
    const W = randomNormalMatrix(rng, d, d);
    const a = Array.from({ length: d }, () => rng.normal());
    const x = gaussianSamples(200 + d, samples, d);
    const halfSquares = new Float64Array(samples);
    for (let s = 0; s < samples; s++) {
      let student = 0;
      let teacher = 0;
      for (let i = 0; i < d; i++) {
        student += a[i]! * relu(dot(W[i]!, x, s * d));
        teacher += relu(x[s * d + i]!);
      }
      halfSquares[s] = 0.5 * (student - teacher) ** 2;
    }
    const { mean, se } = meanAndStandardError(halfSquares);
    expect(Math.abs(loss(F64, W, a) - mean)).toBeLessThanOrEqual(5 * se);
  });

  const h = D50.fromDecimalString("1e-20");
  // All coordinate directions up to 20 parameters; beyond that, random directions (each touches every column).
  const shapes: [number, number][] = [
    [3, 3],
    [4, 4],
    [4, 3],
    [5, 5],
  ];

  it.each(shapes)("gradient and Hessian match central differences in Decimal(50) (k = %i, d = %i)", (k, d) => {
    const rng = mulberry32(300 + 10 * k + d);
    const W = toDecimal(randomNormalMatrix(rng, k, d));
    const a = toDecimalVector(Array.from({ length: k }, () => rng.normal()));
    const x = flattenParameters(W, a);
    const directions =
      x.length <= 20 ? coordinateDirections(D50, x.length) : toDecimal(randomNormalMatrix(rng, 6, x.length));
    const lossAt = (y: Decimal[]) => {
      const { W: Wy, a: ay } = unflattenParameters(y, k, d);
      return [loss(D50, Wy, ay)];
    };
    const gradientAt = (y: Decimal[]) => {
      const { W: Wy, a: ay } = unflattenParameters(y, k, d);
      const g = gradient(D50, Wy, ay);
      return flattenParameters(g.gW, g.ga);
    };
    const lossFd = centralDifferences(D50, lossAt, x, directions, h);
    expect(relativeDistance(D50, applyToDirections(D50, [gradientAt(x)], directions), lossFd)).toBeLessThan(1e-25);
    const gradientFd = centralDifferences(D50, gradientAt, x, directions, h);
    expect(relativeDistance(D50, applyToDirections(D50, hessian(D50, W, a), directions), gradientFd)).toBeLessThan(
      1e-25,
    );
  });

  it("vanishes with its gradient at the global minimum W = I, a = 1 (Decimal(50))", () => {
    for (const d of [3, 5]) {
      const W = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => D50.fromInt(i === j ? 1 : 0)));
      const a = Array.from({ length: d }, () => D50.one());
      const { loss: L, gW, ga } = lossAndGradient(D50, W, a);
      expect(L.abs().toNumber()).toBeLessThan(1e-45);
      const g = flattenParameters(gW, ga);
      expect(relativeDistance(D50, g, g.map(() => D50.zero()))).toBeLessThan(1e-45);
    }
  });

  it("is invariant under W -> P W P^T, a -> P a and under (w_i, a_i) -> (s_i w_i, a_i / s_i)", () => {
    const d = 5;
    const rng = mulberry32(400);
    const W = toDecimal(randomNormalMatrix(rng, d, d));
    const a = toDecimalVector(Array.from({ length: d }, () => rng.normal()));
    const other = mulberry32(401);
    const sigma = randomPermutation(other, d);
    const base = lossAndGradient(D50, W, a);

    const Wp = sigma.map((si) => sigma.map((sj) => W[si]![sj]!));
    const ap = sigma.map((si) => a[si]!);
    const permuted = lossAndGradient(D50, Wp, ap);
    expect(relativeDistance(D50, [permuted.loss], [base.loss])).toBeLessThan(1e-45);
    const gWp = sigma.map((si) => sigma.map((sj) => base.gW[si]![sj]!));
    expect(relativeDistance(D50, permuted.gW, gWp)).toBeLessThan(1e-45);
    expect(relativeDistance(D50, permuted.ga, sigma.map((si) => base.ga[si]!))).toBeLessThan(1e-45);

    const s = Array.from({ length: d }, () => D50.from(0.5 + 1.5 * other.uniform()));
    const Ws = W.map((row, i) => row.map((t) => D50.mul(s[i]!, t)));
    const as = a.map((t, i) => D50.div(t, s[i]!));
    expect(relativeDistance(D50, [loss(D50, Ws, as)], [base.loss])).toBeLessThan(1e-45);
  });

  it("float64 and Decimal(50) agree at random points, and loss agrees with lossAndGradient", () => {
    for (const [k, d] of [
      [4, 4],
      [6, 5],
    ] as const) {
      const rng = mulberry32(500 + k + d);
      const W = randomNormalMatrix(rng, k, d);
      const a = Array.from({ length: k }, () => rng.normal());
      const WD = toDecimal(W);
      const aD = toDecimalVector(a);
      const lg = lossAndGradient(F64, W, a);
      const lgD = lossAndGradient(D50, WD, aD);
      const asDecimal = (M: readonly unknown[]) => (M.flat(2) as number[]).map((t) => D50.from(t));
      expect(relativeDistance(D50, [D50.from(loss(F64, W, a))], [lgD.loss])).toBeLessThan(1e-13);
      expect(relativeDistance(D50, [D50.from(lg.loss)], [lgD.loss])).toBeLessThan(1e-13);
      expect(relativeDistance(D50, [loss(D50, WD, aD)], [lgD.loss])).toBeLessThan(1e-45);
      expect(relativeDistance(D50, asDecimal([lg.gW, lg.ga]), flattenParameters(lgD.gW, lgD.ga))).toBeLessThan(1e-13);
      expect(relativeDistance(D50, asDecimal(hessian(F64, W, a)), hessian(D50, WD, aD).flat())).toBeLessThan(1e-13);
    }
  });

  it("Hessian is symmetric", () => {
    const rng = mulberry32(600);
    const W = randomNormalMatrix(rng, 5, 4);
    const a = Array.from({ length: 5 }, () => rng.normal());
    const H = hessian(F64, W, a);
    const transpose = H.map((_, p) => H.map((row) => row[p]!));
    expect(relativeDistance(F64, H, transpose)).toBeLessThan(1e-15);
    const HD = hessian(D50, toDecimal(W), toDecimalVector(a));
    const transposeD = HD.map((_, p) => HD.map((row) => row[p]!));
    expect(relativeDistance(D50, HD, transposeD)).toBeLessThan(1e-48);
  });
});
