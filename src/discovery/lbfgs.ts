/**
 * Limited-memory BFGS on a smooth function of a Float64Array (Nocedal & Wright, Algorithm 7.4/7.5),
 * with a backtracking Armijo line search (docs/discovery.md, "Training"). The curvature pair of a step
 * is kept only when s.y > 1e-10 |s| |y|, so the implicit inverse Hessian stays positive definite.
 */

/** f(x), writing grad f(x) into `grad`; NaN or infinite values make the line search backtrack. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when the Euclidean norm of the gradient is below this. */
  readonly gradientTolerance: number;
  readonly maxIterations: number;
  /** Number of curvature pairs kept (default 12). */
  readonly memory?: number;
  /** Called after each accepted step with the iterate and its gradient; true ends the descent ("abandoned"). */
  readonly abandon?: (x: Float64Array, grad: Float64Array) => boolean;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradientNorm: number;
  readonly iterations: number;
  /** Why it stopped: the gradient test, the iteration cap, a line search that found no decrease, or the caller's abandon test. */
  readonly reason: "gradient" | "iterations" | "stalled" | "abandoned";
}

function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i]! * v[i]!;
  return s;
}

/**
 * Minimise f from x0 (x0 is not modified). The curvature pairs live in a ring of `memory` preallocated
 * arrays (oldest at `first`), so a step allocates nothing; the arithmetic and its order are those of the
 * two-loop recursion over a list of pairs.
 */
export function lbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const memory = options.memory ?? 12;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let value = f(x, g);
  if (!Number.isFinite(value)) throw new RangeError("lbfgs: the objective is not finite at the starting point");
  const S = Array.from({ length: memory }, () => new Float64Array(n));
  const Y = Array.from({ length: memory }, () => new Float64Array(n));
  const rho = new Float64Array(memory);
  let first = 0;
  let pairs = 0;
  // The pair of the step being taken, swapped into the ring when kept.
  let s = new Float64Array(n);
  let y = new Float64Array(n);
  const alpha = new Float64Array(memory);
  const direction = new Float64Array(n);
  const trial = new Float64Array(n);
  const trialGrad = new Float64Array(n);
  let gradientNorm = Math.sqrt(dot(g, g));
  let iterations = 0;
  while (gradientNorm >= options.gradientTolerance) {
    if (iterations >= options.maxIterations) return { x, value, gradientNorm, iterations, reason: "iterations" };
    iterations++;
    // two-loop recursion: direction = -H g, over the pairs from the newest (slot of pair k: (first + k) % memory)
    direction.set(g);
    for (let k = pairs - 1; k >= 0; k--) {
      const slot = (first + k) % memory;
      alpha[k] = rho[slot]! * dot(S[slot]!, direction);
      const yk = Y[slot]!;
      for (let i = 0; i < n; i++) direction[i]! -= alpha[k]! * yk[i]!;
    }
    if (pairs > 0) {
      const last = (first + pairs - 1) % memory;
      const gamma = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let i = 0; i < n; i++) direction[i]! *= gamma;
    } else {
      // first step (or after a reset): a steepest-descent step of length at most 0.1
      const scale = Math.min(1, 0.1 / gradientNorm);
      for (let i = 0; i < n; i++) direction[i]! *= scale;
    }
    for (let k = 0; k < pairs; k++) {
      const slot = (first + k) % memory;
      const beta = rho[slot]! * dot(Y[slot]!, direction);
      const sk = S[slot]!;
      for (let i = 0; i < n; i++) direction[i]! += sk[i]! * (alpha[k]! - beta);
    }
    for (let i = 0; i < n; i++) direction[i] = -direction[i]!;
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // not a descent direction (rounding): restart from steepest descent
      pairs = 0;
      const scale = Math.min(1, 0.1 / gradientNorm);
      for (let i = 0; i < n; i++) direction[i] = -scale * g[i]!;
      slope = dot(g, direction);
    }
    // backtracking Armijo line search from the unit step
    let step = 1;
    let trialValue = Number.NaN;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) trial[i] = x[i]! + step * direction[i]!;
      trialValue = f(trial, trialGrad);
      if (Number.isFinite(trialValue) && trialValue <= value + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      // quadratic interpolation of the decrease, safeguarded to [0.1, 0.5] of the step
      const quadratic = Number.isFinite(trialValue) ? (-slope * step * step) / (2 * (trialValue - value - slope * step)) : 0.1 * step;
      step = Math.min(0.5 * step, Math.max(0.1 * step, quadratic));
    }
    if (!accepted) {
      if (pairs === 0) return { x, value, gradientNorm, iterations, reason: "stalled" };
      pairs = 0;
      continue;
    }
    for (let i = 0; i < n; i++) {
      s[i] = trial[i]! - x[i]!;
      y[i] = trialGrad[i]! - g[i]!;
    }
    x.set(trial);
    g.set(trialGrad);
    value = trialValue;
    gradientNorm = Math.sqrt(dot(g, g));
    if (gradientNorm >= options.gradientTolerance && options.abandon?.(x, g) === true) return { x, value, gradientNorm, iterations, reason: "abandoned" };
    const sy = dot(s, y);
    if (sy > 1e-10 * Math.sqrt(dot(s, s) * dot(y, y))) {
      // The new pair goes to the slot after the newest; with the ring full, that is the oldest, dropped.
      if (pairs === memory) first = (first + 1) % memory;
      else pairs++;
      const slot = (first + pairs - 1) % memory;
      [S[slot], s] = [s, S[slot]!];
      [Y[slot], y] = [y, Y[slot]!];
      rho[slot] = 1 / sy;
    }
  }
  return { x, value, gradientNorm, iterations, reason: "gradient" };
}
