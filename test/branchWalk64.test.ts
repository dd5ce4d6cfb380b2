import { describe, expect, it } from "vitest";
import { followBranch64, type BranchSystem64, type StepRule64 } from "../src/linalg/branch64.js";

/**
 * The float64 predictor-corrector shared by branchWalk.ts and the bifurcation walk (src/linalg/branch64.ts),
 * on G(y; d) = (y0^2 + y1^2 - (2 - d), y1 - y0 / 2), whose branch y0 = 2 sqrt((2 - d) / 5), y1 = y0 / 2 has
 * a fold at d = 2 (the Jacobian is singular at y = 0): closed forms to check against.
 */
function system(norms: number[][]): BranchSystem64 {
  return {
    evaluate: (y, d) => {
      const residual = [y[0]! ** 2 + y[1]! ** 2 - (2 - d), y[1]! - y[0]! / 2];
      norms.at(-1)?.push(Math.max(...residual.map(Math.abs)));
      return { residual, jacobian: [[2 * y[0]!, 2 * y[1]!], [-0.5, 1]] };
    },
    derivatives: (y) => ({ jacobian: [[2 * y[0]!, 2 * y[1]!], [-0.5, 1]], dd: [1, 0] }),
    newton: () => {
      norms.push([]);
      return { tolerance: 1e-14, maxSteps: 8 };
    },
  };
}
const branch = (d: number): number[] => [2 * Math.sqrt((2 - d) / 5), Math.sqrt((2 - d) / 5)];
const rule: StepRule64 = { initial: 0.25, grow: (h) => Math.min(1.5 * h, 0.5), shortest: 1e-9, jumpAllowance: 1e-3 };

describe("followBranch64", () => {
  it("reaches the branch's point at d, each corrector converging quadratically", () => {
    const norms: number[][] = [];
    const walked = followBranch64(system(norms), branch(0.1), 0.1, 1.5, rule);
    expect(walked.reached).toBe(true);
    walked.y.forEach((v, i) => expect(Math.abs(v - branch(1.5)[i]!)).toBeLessThan(1e-14));
    // Quadratic: while above rounding, each residual is at most a constant times the square of the one before.
    for (const corrector of norms) {
      expect(corrector.length).toBeLessThanOrEqual(6);
      for (let k = 1; k < corrector.length; k++) if (corrector[k - 1]! > 1e-7) expect(corrector[k]!).toBeLessThan(10 * corrector[k - 1]! ** 2);
    }
  });

  it("ends at the fold when asked past it, at the last d reached", () => {
    const walked = followBranch64(system([]), branch(0.1), 0.1, 3, rule);
    expect(walked.reached).toBe(false);
    if (walked.reached) return;
    expect(walked.d).toBeLessThan(2);
    expect(walked.d).toBeGreaterThan(1.99);
    walked.y.forEach((v, i) => expect(Math.abs(v - branch(walked.d)[i]!)).toBeLessThan(1e-9));
  });
});
