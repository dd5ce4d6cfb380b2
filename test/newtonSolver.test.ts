import { describe, expect, it } from "vitest";
import { liftingSchedule, NewtonError, newtonSolve, type NewtonEvaluation } from "../src/linalg/newton.js";
import type { RealField } from "../src/numbers/field.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { solveLinear } from "../src/linalg/solve.js";

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
    // ... while the last point is the one the second step reached, 17/12.
    expect(D.toString(e.lastPoint[0] as never)).toBe(D.toString(D.div(D.fromInt(17), D.fromInt(12))));
  });

  it("throws NewtonError (diverged) when an iterate overflows: exp(x) = 1 from x0 = -10", () => {
    // x1 = x0 - 1 + e^(-x0) = e^10 - 11, where e^x1 overflows: the next step is not finite.
    const e = newtonError(() => newtonSolve(F64, [-10], ([x]) => ({ residual: [Math.exp(x!) - 1], jacobian: [[Math.exp(x!)]] }), { tolerance: 1e-12, maxSteps: 100 }));
    expect(e.reason).toBe("diverged");
    expect(e.steps).toBe(1);
    expect(e.lastResidual).toBe(Infinity);
    // The diverging step is not taken: the last point is x1.
    expect(e.lastPoint[0]).toBeCloseTo(Math.exp(10) - 11, 6);
  });

  it("throws NewtonError (stopped converging) when a step grows after stallAfter steps: x^2 + 1 has no real root", () => {
    const e = newtonError(() => newtonSolve(F64, [0.3], ([x]) => ({ residual: [x! * x! + 1], jacobian: [[2 * x!]] }), { tolerance: 1e-12, maxSteps: 100, stallAfter: 3 }));
    expect(e.reason).toBe("stopped converging");
    expect(e.steps).toBeGreaterThan(3);
    expect(e.lastResidual as number).toBeGreaterThanOrEqual(1);
  });
});

/** x^2 + y = 2, x + y^2 = 2: the root (1, 1); the Jacobian [[2x, 1], [1, 2y]] is singular on xy = 1/4, at (1/2, 1/2) too. */
function singularAtHalf([x, y]: readonly number[]): NewtonEvaluation<number> {
  return { residual: [x! * x! + y! - 2, x! + y! * y! - 2], jacobian: [[2 * x!, 1], [1, 2 * y!]] };
}

describe("newtonSolve: the chord method, backtracking, the Levenberg–Marquardt fallback", () => {
  it("the chord method keeps a factorisation across steps, asks for J only to factor it, and converges to (sqrt 2, sqrt 2)", () => {
    const run = (chord: boolean) => {
      let factorisations = 0;
      let jacobians = 0;
      let evaluations = 0;
      const factoredAfter: number[] = [];
      const circle = circleAndDiagonal(F64);
      const r = newtonSolve(
        F64,
        [3, 1],
        (y) => {
          evaluations++;
          const e = circle(y);
          return { residual: e.residual, jacobian: () => (jacobians++, e.jacobian as number[][]) };
        },
        {
          measure: "residual",
          tolerance: 1e-13,
          progressFactor: 10,
          maxSteps: 50,
          chord,
          factor: (J) => {
            factorisations++;
            // without backtracking, one evaluation per iterate: this many steps were taken before
            factoredAfter.push(evaluations - 1);
            return (rhs) => solveLinear(F64, J, rhs.slice());
          },
        },
      );
      return { ...r, factorisations, jacobians, factoredAfter };
    };
    const newton = run(false);
    const chord = run(true);
    for (const r of [newton, chord]) {
      for (const v of r.y) expect(Math.abs(v - Math.SQRT2)).toBeLessThan(1e-13);
      // The residual measure: each size is the residual norm after the step, the last within the tolerance.
      expect(r.stepSizes[r.steps - 1]!).toBeLessThanOrEqual(1e-13);
      expect(r.jacobians).toBe(r.factorisations);
    }
    expect(newton.factorisations).toBe(newton.steps);
    // More steps (linear convergence between renewals), fewer factorisations.
    expect(chord.factorisations).toBeLessThan(chord.steps);
    expect(chord.factorisations).toBeLessThan(newton.factorisations);
    expect(chord.steps).toBeGreaterThan(newton.steps);
    // Renewed exactly after the steps that did not gain the progress factor 10 (the start's residual is 6).
    const sizes = [6, ...chord.stepSizes];
    const slow = Array.from({ length: chord.steps - 1 }, (_, i) => i + 1).filter((k) => !(sizes[k]! * 10 < sizes[k - 1]!));
    expect(chord.factoredAfter).toEqual([0, ...slow]);
    expect(slow.length).toBeGreaterThan(0);
  });

  it("the chord method renews the factorisation at the current point when backtracking rejects a step from the kept one: x^3 = x + 1", () => {
    // The real root of x^3 = x + 1 (the plastic number), by Cardano's formula.
    const root = Math.cbrt((9 + Math.sqrt(69)) / 18) + Math.cbrt((9 - Math.sqrt(69)) / 18);
    const jacobianAt: number[] = [];
    const r = newtonSolve(
      F64,
      [-0.6],
      ([x]) => ({
        residual: [x! ** 3 - x! - 1],
        jacobian: () => {
          jacobianAt.push(x!);
          return [[3 * x! * x! - 1]];
        },
      }),
      { measure: "residual", tolerance: 1e-14, maxSteps: 60, chord: true, backtrackHalvings: 4, progressFactor: 10 },
    );
    expect(Math.abs(r.y[0]! - root)).toBeLessThan(1e-15);
    // J(-0.6) = 0.08: the first step, 0.616 / 0.08, is halved twice, to 1.325, and gains a factor 512, so J(-0.6) is kept; from
    // 1.325 its step is rejected at every halving, and J is renewed there, not at a later point.
    const first = -0.6 + (1 - 0.6 + 0.6 ** 3) / 0.08 / 4;
    expect(jacobianAt.length).toBe(2);
    expect(jacobianAt[0]).toBe(-0.6);
    expect(jacobianAt[1]).toBeCloseTo(first, 12);
    expect(r.steps).toBeGreaterThan(2);
  });

  it("falls back to Levenberg–Marquardt from a singular Jacobian at the start, and then converges to (1, 1)", () => {
    const plain = newtonError(() => newtonSolve(F64, [0.5, 0.5], singularAtHalf, { tolerance: 1e-14, maxSteps: 50 }));
    expect(plain.reason).toBe("singular Jacobian");
    expect(plain.steps).toBe(0);
    const r = newtonSolve(F64, [0.5, 0.5], singularAtHalf, { tolerance: 1e-14, maxSteps: 50, levenbergMarquardt: [1e-8, 1e-5, 1e-3] });
    for (const v of r.y) expect(Math.abs(v - 1)).toBeLessThan(1e-14);
    // The damped first step is the Newton step of J + 1e-8 I: (1.25, 1.25) / (2 + 1e-8), a relative size of about 0.555.
    expect(r.stepSizes[0]!).toBeCloseTo(0.625 / 1.125, 6);
  });

  it("fails with a singular Jacobian when every Levenberg–Marquardt damping is singular too (J = 0 has no diagonal to scale by)", () => {
    const e = newtonError(() => newtonSolve(F64, [0], ([x]) => ({ residual: [x! * x! * x! - 1], jacobian: [[3 * x! * x!]] }), { tolerance: 1e-12, maxSteps: 10, levenbergMarquardt: [1e-3] }));
    expect(e.reason).toBe("singular Jacobian");
    expect(e.lastPoint).toEqual([0]);
  });

  it("backtracking halves an overshooting step: atan(x) = 0 from x0 = 2, where plain Newton oscillates outwards", () => {
    const atan = ([x]: readonly number[]): NewtonEvaluation<number> => ({ residual: [Math.atan(x!)], jacobian: [[1 / (1 + x! * x!)]] });
    const plain = newtonError(() => newtonSolve(F64, [2], atan, { measure: "residual", tolerance: 1e-15, maxSteps: 50, stallAfter: 3 }));
    expect(plain.reason).toBe("stopped converging");
    const r = newtonSolve(F64, [2], atan, { measure: "residual", tolerance: 1e-15, maxSteps: 50, backtrackHalvings: 4 });
    expect(Math.abs(r.y[0]!)).toBeLessThan(1e-15);
    // Each step taken lowered the residual |atan x|, from atan 2 at the start.
    [Math.atan(2), ...r.stepSizes].forEach((s, i, all) => {
      if (i > 0) expect(s).toBeLessThan(all[i - 1]!);
    });
    // The full first step reaches 2 - 5 atan 2 = -3.54, where |atan| = 1.29 > atan 2: it is halved once, to x = -0.77.
    expect(r.stepSizes[0]!).toBeCloseTo(Math.abs(Math.atan(2 - 2.5 * Math.atan(2))), 12);
  });

  it("fails with 'no descent' when backtracking rejects every step and there is no fallback: x^2 + 1 = 0", () => {
    const e = newtonError(() => newtonSolve(F64, [0.3], ([x]) => ({ residual: [x! * x! + 1], jacobian: [[2 * x!]] }), { measure: "residual", tolerance: 1e-12, maxSteps: 100, backtrackHalvings: 4 }));
    expect(e.reason).toBe("no descent");
    // It descended towards the minimum of x^2 + 1 at 0 before the Newton step became too long to halve into a descent.
    expect(e.steps).toBeGreaterThan(0);
    expect(Math.abs(e.lastPoint[0] as number)).toBeLessThan(0.3);
    expect(e.lastResidual as number).toBeGreaterThanOrEqual(1);
    expect(e.lastResidual as number).toBeLessThan(1.09);
  });

  it("accepts, without the fallback, a point below the noise floor from which no step lowers the residual", () => {
    // The residual norm of x - 1 cannot go below 1e-10 (as if evaluated with that rounding error).
    let factorisations = 0;
    const solve = (noiseFloor: number | undefined) =>
      newtonSolve(F64, [3], ([x]) => ({ residual: [x! - 1], jacobian: [[1]], residualNorm: Math.max(Math.abs(x! - 1), 1e-10) }), {
        measure: "residual",
        tolerance: 1e-14,
        maxSteps: 10,
        backtrackHalvings: 4,
        levenbergMarquardt: [1e-8],
        noiseFloor,
        factor: (J) => {
          factorisations++;
          return (rhs) => solveLinear(F64, J, rhs.slice());
        },
      });
    const r = solve(1e-8);
    expect(r.y).toEqual([1]);
    expect(r.steps).toBe(1);
    // Two factorisations of J (one a step): the Levenberg–Marquardt one is not tried below the floor.
    expect(factorisations).toBe(2);
    factorisations = 0;
    const e = newtonError(() => solve(undefined));
    expect(e.reason).toBe("no descent");
    expect(factorisations).toBe(3);
  });

  it("with the residual measure, a start within the tolerance takes no step, and a start where G is not finite is a divergence", () => {
    const r = newtonSolve(F64, [1e-15], ([x]) => ({ residual: [x!], jacobian: () => { throw new Error("J is not needed"); } }), { measure: "residual", tolerance: 1e-12, maxSteps: 10 });
    expect(r).toEqual({ y: [1e-15], steps: 0, stepSizes: [] });
    // log x = 0 from x0 = 0, where log x = -Infinity.
    const e = newtonError(() => newtonSolve(F64, [0], ([x]) => ({ residual: [Math.log(x!)], jacobian: [[1 / x!]] }), { measure: "residual", tolerance: 1e-12, maxSteps: 10 }));
    expect(e.reason).toBe("diverged");
    expect(e.steps).toBe(0);
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
