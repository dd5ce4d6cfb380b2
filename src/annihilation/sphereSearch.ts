/**
 * Minimising a function on the unit sphere of a space with an inner product: gradient descent along
 * the sphere (the tangential part of the gradient, a step, then back to the sphere by normalising) with
 * Armijo backtracking, from several starts (docs/annihilation.md §3). Plain float64: the searches only
 * find a direction; values that are reported are recomputed afterwards.
 */

export interface SphereProblem {
  /** The dimension of the coordinates (cells, or d for full vectors). */
  readonly dimension: number;
  /** The inner product of the space in these coordinates. */
  dot(u: readonly number[], v: readonly number[]): number;
  /** The value and the gradient (with respect to `dot`: f(w + h) = f(w) + dot(gradient, h) + ...). */
  evaluate(w: readonly number[]): { value: number; gradient: number[] };
}

export interface SphereMinimum {
  readonly value: number;
  readonly direction: number[];
  /** The norm of the tangential gradient at the end. */
  readonly tangentNorm: number;
}

/** A small seeded generator of uniform numbers in [0, 1) (mulberry32), so that searches repeat exactly. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normalise(P: SphereProblem, w: readonly number[]): number[] {
  const n = Math.sqrt(P.dot(w, w));
  return w.map((x) => x / n);
}

/** Descent on the sphere from one start (any nonzero vector). */
export function descendOnSphere(P: SphereProblem, start: readonly number[], maxIterations = 1500, tolerance = 1e-8): SphereMinimum {
  let w = normalise(P, start);
  let { value, gradient } = P.evaluate(w);
  let step = 1;
  let tangentNorm = Infinity;
  let stalled = 0;
  for (let it = 0; it < maxIterations; it++) {
    const radial = P.dot(gradient, w);
    const tangent = gradient.map((g, k) => g - radial * w[k]!);
    tangentNorm = Math.sqrt(Math.max(0, P.dot(tangent, tangent)));
    if (tangentNorm < tolerance) break;
    let accepted = false;
    step = Math.min(step * 2, 4);
    while (step > 1e-14) {
      const trial = normalise(P, w.map((x, k) => x - step * tangent[k]!));
      const next = P.evaluate(trial);
      if (next.value <= value - 1e-4 * step * tangentNorm * tangentNorm) {
        stalled = value - next.value < 1e-15 * Math.max(1, Math.abs(value)) ? stalled + 1 : 0;
        w = trial;
        value = next.value;
        gradient = next.gradient;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted || stalled >= 20) break;
  }
  return { value, direction: w, tangentNorm };
}

/** The best of the descents from the given starts. */
export function minimiseOnSphere(P: SphereProblem, starts: readonly (readonly number[])[]): SphereMinimum {
  let best: SphereMinimum | undefined;
  for (const s of starts) {
    if (P.dot(s, s) <= 0) continue;
    const m = descendOnSphere(P, s);
    if (best === undefined || m.value < best.value) best = m;
  }
  if (best === undefined) throw new RangeError("minimiseOnSphere: no start of positive length");
  return best;
}

/** The starts of a search: each coordinate vector and its negative, then `random` seeded uniform directions. */
export function sphereStarts(dimension: number, random: number, seed: number): number[][] {
  const starts: number[][] = [];
  for (let k = 0; k < dimension; k++) {
    for (const sign of [1, -1]) starts.push(Array.from({ length: dimension }, (_, j) => (j === k ? sign : 0)));
  }
  const u = seededUniform(seed);
  for (let r = 0; r < random; r++) {
    // Box-Muller: Gaussian coordinates give a uniform direction.
    starts.push(Array.from({ length: dimension }, () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u())));
  }
  return starts;
}
