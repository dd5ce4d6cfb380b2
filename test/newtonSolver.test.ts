import { describe, expect, it } from "vitest";
import { liftingSchedule, NewtonError, newtonSolve, type NewtonEvaluation } from "../src/linalg/newton.js";
import type { RealField } from "../src/numbers/field.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";

/** x^2 + y^2 = 4, x = y: the root (sqrt 2, sqrt 2), known independently of Newton. */
function circleAndDiagonal<T>(F: RealField<T>): (y: readonly T[]) => NewtonEvaluation<T> {
  const two = F.fromInt(2);
  return ([x, y]) => ({
    residual: [F.sub(F.add(F.mul(x!, x!), F.mul(y!, y!)), F.fromInt(4)), F.sub(x!, y!)],
    jacobian: [[F.mul(two, x!), F.mul(two, y!)], [F.one(), F.neg(F.one())]],
  });
}

/** The failure thrown by f, which must be a NewtonError. */
function newtonError(f: () => unknown): NewtonError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NewtonError);
    return e as NewtonError;
  }
  throw new Error("expected a NewtonError, but the solve returned");
}

describe("newtonSolve", () => {
  it("converges quadratically to (sqrt 2, sqrt 2) over Decimal(60)", () => {
    const D = new DecimalField(60);
    const tolerance = D.D.pow(10, -50);
    const r = newtonSolve(D, [D.fromInt(3), D.fromInt(1)], circleAndDiagonal(D), { tolerance, maxSteps: 20 });
    const root = D.sqrt(D.fromInt(2));
    for (const v of r.y) expect(v.sub(root).abs().lt(D.D.pow(10, -50))).toBe(true);
    expect(r.steps).toBe(r.stepSizes.length);
    expect(r.stepSizes[r.steps - 1]!.lte(tolerance)).toBe(true);
    // Quadratic: once the step is below 1e-2, each next step is at most a constant times its square.
    let quadraticSteps = 0;
    for (let k = 0; k + 1 < r.steps; k++) {
      const s = r.stepSizes[k]!;
      if (s.gt(1e-2) || s.lt(1e-25)) continue;
      expect(r.stepSizes[k + 1]!.lte(s.mul(s).mul(10))).toBe(true);
      quadraticSteps++;
    }
    expect(quadraticSteps).toBeGreaterThanOrEqual(2);
  });

  it("converges to (sqrt 2, sqrt 2) over float64, accepting the rounding floor as a noise floor", () => {
    const r = newtonSolve(F64, [3, 1], circleAndDiagonal(F64), { tolerance: 1e-300, noiseFloor: 1e-8, maxSteps: 30 });
    for (const v of r.y) expect(Math.abs(v - Math.SQRT2)).toBeLessThan(1e-15);
    // Accepted at the noise floor: the last step did not shrink and is below it.
    const [before, last] = r.stepSizes.slice(-2);
    expect(last!).toBeGreaterThanOrEqual(before!);
    expect(last!).toBeLessThan(1e-8);
  });

  it("throws NewtonError (singular Jacobian) with the residual and the steps taken", () => {
    // G(x, y) = (x + y - 1, 2x + 2y - 2): a rank-one Jacobian everywhere.
    const e = newtonError(() =>
      newtonSolve(F64, [0, 0], ([x, y]) => ({ residual: [x! + y! - 1, 2 * x! + 2 * y! - 2], jacobian: [[1, 1], [2, 2]] }), { tolerance: 1e-12, maxSteps: 10 }),
    );
    expect(e.reason).toBe("singular Jacobian");
    expect(e.steps).toBe(0);
    expect(e.lastResidual).toBe(2);
    expect(e.message).toMatch(/singular/);
  });

  it("throws NewtonError (step limit) when the tolerance is not reached in maxSteps", () => {
    const D = new DecimalField(40);
    const e = newtonError(() =>
      newtonSolve(D, [D.one()], ([x]) => ({ residual: [D.sub(D.mul(x!, x!), D.fromInt(2))], jacobian: [[D.mul(D.fromInt(2), x!)]] }), { tolerance: D.D.pow(10, -35), maxSteps: 2 }),
    );
    expect(e.reason).toBe("step limit");
    expect(e.steps).toBe(2);
    // After two steps from 1 (1 -> 3/2 -> 17/12) the residual is evaluated at 3/2: |9/4 - 2| = 1/4.
    expect(D.toString(e.lastResidual as never)).toBe("0.25");
  });

  it("throws NewtonError (diverged) when an iterate overflows: exp(x) = 1 from x0 = -10", () => {
    // x1 = x0 - 1 + e^(-x0) = e^10 - 11, where e^x1 overflows: the next step is not finite.
    const e = newtonError(() => newtonSolve(F64, [-10], ([x]) => ({ residual: [Math.exp(x!) - 1], jacobian: [[Math.exp(x!)]] }), { tolerance: 1e-12, maxSteps: 100 }));
    expect(e.reason).toBe("diverged");
    expect(e.steps).toBe(1);
    expect(e.lastResidual).toBe(Infinity);
  });

  it("throws NewtonError (stopped converging) when a step grows after stallAfter steps: x^2 + 1 has no real root", () => {
    const e = newtonError(() => newtonSolve(F64, [0.3], ([x]) => ({ residual: [x! * x! + 1], jacobian: [[2 * x!]] }), { tolerance: 1e-12, maxSteps: 100, stallAfter: 3 }));
    expect(e.reason).toBe("stopped converging");
    expect(e.steps).toBeGreaterThan(3);
    expect(e.lastResidual as number).toBeGreaterThanOrEqual(1);
  });
});

describe("liftingSchedule", () => {
  it("ends at the order with each step at most doubling, shortest or doubling", () => {
    for (let order = 1; order <= 40; order++) {
      for (const shortest of [true, false]) {
        const s = liftingSchedule(order, shortest);
        expect(s.length === 0 ? 1 : s[s.length - 1]).toBe(order);
        s.forEach((m, i) => {
          const before = i === 0 ? 1 : s[i - 1]!;
          expect(m).toBeGreaterThan(before);
          expect(m).toBeLessThanOrEqual(2 * before);
        });
      }
      // No chain of at-most-doubling steps from 1 is shorter than ceil(log2(order)).
      expect(liftingSchedule(order, true).length).toBe(Math.ceil(Math.log2(order)));
    }
    expect(liftingSchedule(9, true)).toEqual([2, 3, 5, 9]);
    expect(liftingSchedule(9, false)).toEqual([2, 4, 8, 9]);
  });
});
