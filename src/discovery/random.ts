/**
 * A small seeded pseudo-random generator for discovery runs (docs/discovery.md, "Reproducibility"):
 * mulberry32 for uniforms, Box–Muller for normals. Not cryptographic; chosen because it is tiny, fast and
 * gives the same stream on every platform, so a (seed, run) pair always reproduces the same training run.
 */
export interface Random {
  /** A uniform number in [0, 1). */
  uniform(): number;
  /** A standard normal number N(0, 1). */
  normal(): number;
  /** A uniform integer in [0, n). */
  integer(n: number): number;
}

/** The 32-bit mixing step of splitmix32 (an invertible avalanche on uint32). */
function mix32(x: number): number {
  let z = x >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** The seed of run `run` of a discovery with seed `seed`: independent of how many runs are made. */
export function runSeed(seed: number, run: number): number {
  return mix32(mix32(seed >>> 0) ^ Math.imul((run + 1) >>> 0, 0x9e3779b9));
}

/** mulberry32 seeded with `seed` (any integer; taken modulo 2^32), with Box–Muller normals. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  let spare: number | undefined;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    normal(): number {
      if (spare !== undefined) {
        const z = spare;
        spare = undefined;
        return z;
      }
      const u1 = 1 - uniform(); // in (0, 1], so the logarithm is finite
      const u2 = uniform();
      const radius = Math.sqrt(-2 * Math.log(u1));
      spare = radius * Math.sin(2 * Math.PI * u2);
      return radius * Math.cos(2 * Math.PI * u2);
    },
    integer(n: number): number {
      return Math.floor(uniform() * n);
    },
  };
}
