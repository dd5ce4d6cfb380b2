import { describe, expect, it } from "vitest";
import { lbfgs, type Objective } from "../src/discovery/lbfgs.js";

/**
 * The two-loop recursion over plain lists of curvature pairs (push, shift when full), as Nocedal & Wright
 * write it: lbfgs keeps the pairs in a ring of preallocated arrays and must take the same steps, to the bit.
 */
function reference(f: Objective, x0: Float64Array, tolerance: number, maxIterations: number, memory: number): { x: Float64Array; iterations: number } {
  const n = x0.length;
  const dot = (u: Float64Array, v: Float64Array): number => u.reduce((s, ui, i) => s + ui * v[i]!, 0);
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let value = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  let iterations = 0;
  while (Math.sqrt(dot(g, g)) >= tolerance && iterations < maxIterations) {
    iterations++;
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, q);
      for (let i = 0; i < n; i++) q[i]! -= alpha[k]! * Y[k]![i]!;
    }
    const last = S.length - 1;
    const gamma = S.length > 0 ? dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!) : Math.min(1, 0.1 / Math.sqrt(dot(g, g)));
    for (let i = 0; i < n; i++) q[i]! *= gamma;
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, q);
      for (let i = 0; i < n; i++) q[i]! += S[k]![i]! * (alpha[k]! - beta);
    }
    const direction = q.map((v) => -v);
    const slope = dot(g, direction);
    expect(slope).toBeLessThan(0);
    let step = 1;
    const trial = new Float64Array(n);
    const trialGrad = new Float64Array(n);
    let trialValue: number;
    for (;;) {
      for (let i = 0; i < n; i++) trial[i] = x[i]! + step * direction[i]!;
      trialValue = f(trial, trialGrad);
      if (trialValue <= value + 1e-4 * step * slope) break;
      const quadratic = (-slope * step * step) / (2 * (trialValue - value - slope * step));
      step = Math.min(0.5 * step, Math.max(0.1 * step, quadratic));
    }
    const s = trial.map((t, i) => t - x[i]!);
    const y = trialGrad.map((t, i) => t - g[i]!);
    x.set(trial);
    g.set(trialGrad);
    value = trialValue;
    const sy = dot(s, y);
    if (sy > 1e-10 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (S.length === memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
  }
  return { x, iterations };
}

/** The extended Rosenbrock function in an even number of variables. */
const rosenbrock: Objective = (x, grad) => {
  let value = 0;
  grad.fill(0);
  for (let i = 0; i < x.length; i += 2) {
    const a = 1 - x[i]!;
    const b = x[i + 1]! - x[i]! * x[i]!;
    value += a * a + 100 * b * b;
    grad[i]! += -2 * a - 400 * x[i]! * b;
    grad[i + 1]! += 200 * b;
  }
  return value;
};

describe("lbfgs", () => {
  it("takes the steps of the two-loop recursion over lists, the ring of pairs wrapping around many times", () => {
    const x0 = Float64Array.from([-1.2, 1, -1.5, 2, 0.3, -0.7]);
    for (const memory of [1, 3, 12]) {
      const got = lbfgs(rosenbrock, x0, { gradientTolerance: 1e-8, maxIterations: 500, memory });
      const want = reference(rosenbrock, x0, 1e-8, 500, memory);
      expect(got.iterations).toBe(want.iterations);
      expect(got.iterations).toBeGreaterThan(3 * memory);
      expect(Array.from(got.x)).toEqual(Array.from(want.x));
      expect([got.reason, memory]).toEqual(["gradient", memory]);
    }
  });
});
