/**
 * Truncated Newton (Newton–CG) on grad f = 0 in float64, from the gradient alone (docs/census.md §10,
 * "Training"): each step solves H p = -g by conjugate gradients to a relative residual
 * min(0.1, sqrt |g|), with the Hessian–vector products H v taken as forward differences of the gradient,
 * (g(x + h v) - g(x)) / h with h = 1e-7 (1 + |x|) / |v|; a step is halved (up to 4 times) until the gradient
 * norm decreases. It measures the gradient, never the loss: near a critical point the float64 loss (a sum of
 * O(d^2) terms of order 1) stops resolving the decrease that a line search on it needs, while the gradient
 * still has digits to lose. No dense Hessian is formed. CG stops at a direction of non-positive curvature,
 * so it converges to minima (and to saddles only from very close).
 */

/** The gradient of f at x, written into g. */
export type Gradient = (x: Float64Array, g: Float64Array) => void;

export interface NewtonCgOptions {
  /** Converged when the Euclidean gradient norm is below this. */
  readonly tolerance: number;
  readonly maxSteps: number;
  /** Conjugate-gradient iterations per Newton step. */
  readonly maxCgIterations: number;
}

export interface NewtonCgResult {
  readonly x: Float64Array;
  readonly gradientNorm: number;
  readonly steps: number;
  readonly converged: boolean;
}

function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i]! * v[i]!;
  return s;
}

export function newtonCg(gradient: Gradient, x0: Float64Array, options: NewtonCgOptions): NewtonCgResult {
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const trial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  const p = new Float64Array(n);
  const r = new Float64Array(n);
  const v = new Float64Array(n);
  const Hv = new Float64Array(n);
  gradient(x, g);
  let norm = Math.sqrt(dot(g, g));
  let xNorm = Math.sqrt(dot(x, x));
  const times = (u: Float64Array, out: Float64Array): void => {
    const h = (1e-7 * (1 + xNorm)) / Math.sqrt(dot(u, u));
    for (let i = 0; i < n; i++) trial[i] = x[i]! + h * u[i]!;
    gradient(trial, out);
    for (let i = 0; i < n; i++) out[i] = (out[i]! - g[i]!) / h;
  };
  for (let step = 0; step < options.maxSteps; step++) {
    if (!(norm >= options.tolerance)) return { x, gradientNorm: norm, steps: step, converged: norm < options.tolerance };
    // CG on H p = -g from p = 0.
    p.fill(0);
    for (let i = 0; i < n; i++) r[i] = -g[i]!;
    v.set(r);
    let rr = dot(r, r);
    const target = Math.min(0.1, Math.sqrt(norm)) * norm;
    for (let it = 0; it < options.maxCgIterations && Math.sqrt(rr) > target; it++) {
      times(v, Hv);
      const curvature = dot(v, Hv);
      if (!(curvature > 0)) {
        if (it === 0) p.set(r);
        break;
      }
      const alpha = rr / curvature;
      for (let i = 0; i < n; i++) {
        p[i]! += alpha * v[i]!;
        r[i]! -= alpha * Hv[i]!;
      }
      const next = dot(r, r);
      const beta = next / rr;
      rr = next;
      for (let i = 0; i < n; i++) v[i] = r[i]! + beta * v[i]!;
    }
    let t = 1;
    let accepted = false;
    for (let halving = 0; halving <= 4 && !accepted; halving++, t /= 2) {
      for (let i = 0; i < n; i++) trial[i] = x[i]! + t * p[i]!;
      gradient(trial, gTrial);
      const trialNorm = Math.sqrt(dot(gTrial, gTrial));
      if (trialNorm < norm) {
        x.set(trial);
        g.set(gTrial);
        norm = trialNorm;
        xNorm = Math.sqrt(dot(x, x));
        accepted = true;
      }
    }
    if (!accepted) return { x, gradientNorm: norm, steps: step + 1, converged: norm < options.tolerance };
  }
  return { x, gradientNorm: norm, steps: options.maxSteps, converged: norm < options.tolerance };
}
