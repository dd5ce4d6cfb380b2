import type { Decimal } from "decimal.js";
import { illinoisZero } from "../linalg/illinois.js";
import { familyCrossings, type SideInertia } from "../crossing/crossing.js";
import { familyCriticalPoint } from "../families/critical.js";
import type { FamilyDefinition } from "../families/definition.js";
import { checkFamilyModel } from "../families/models.js";
import type { SecondLayer } from "../model/studentModel.js";
import { DecimalField } from "../numbers/decimalField.js";
import { classesOf, paramsOf } from "./annihilation.js";
import { splitTest, type NeuronClass, type SplitTest } from "./splitTest.js";

/**
 * The phase diagram in the (d, h) plane of the split of one neuron class into 1 + h copies
 * (docs/annihilation.md §7): where the embedded family is a minimum, and the crossing curve. The h copies
 * are identical rows, so h enters the Hessian only through the weights of the t-form and the multiplicity
 * h - 1 of the copies moving apart (§7): the inertia changes only where the family's block eigenvalues or
 * those of a_i G_i pass through zero, at values of d that are the same for every h > 0. Both are solved
 * in d (the family's crossings by joint Newton, docs/crossing.md; a zero of a_i G_i by the secant method on
 * its extreme eigenvalue), never interpolated.
 */

/**
 * The branches in h that start at the family (h = 0): `opposite` keeps weight (1 + h) a_i on the neuron
 * and gives each copy -a_i (trained second layer only); `equal` gives the neuron and each copy a_i/(1 + h)
 * (with a fixed second layer: rows w_i/(1 + h), the gauge image).
 */
export type SplitBranch = "opposite" | "equal";

export interface PhaseCrossing {
  /** The crossing d (the same for every h > 0), at the digits of the solve. */
  readonly d: string;
  /** What passes through zero: a block of the family's Hessian (its irreducible) or an eigenvalue of a_i G_i. */
  readonly cause: string;
}

export interface PhaseDiagram {
  readonly family: string;
  readonly secondLayer: SecondLayer;
  readonly class: NeuronClass;
  readonly branch: SplitBranch;
  readonly dRange: readonly [string, string];
  readonly hMax: number;
  /** Every inertia change in dRange, of the family (h = 0 too) and of the test block (h > 0 only), sorted. */
  readonly crossings: PhaseCrossing[];
  /** The intervals of d where the family itself (h = 0) is a minimum. */
  readonly familyMinimum: [string, string][];
  /** The intervals of d where the split is a minimum for every h in (0, hMax] (the same for every h > 0). */
  readonly splitMinimum: [string, string][];
  /** The sign of a_i G_i on the complement of w_i at the samples: how the test block decides. */
  readonly testBlock: { readonly d: string; readonly least: string; readonly greatest: string }[];
}

export interface PhaseOptions {
  readonly dRange: readonly [number, number];
  readonly hMax: number;
  /** Sample points (log-spaced) of the scan for zeros of a_i G_i's extreme eigenvalues. */
  readonly points: number;
  readonly digits: number;
  readonly onProgress?: (text: string) => void;
}

/** The branches of a model: with a fixed second layer the weights are row norms, so positive. */
export function phaseBranches(secondLayer: SecondLayer): SplitBranch[] {
  return secondLayer === "trained" ? ["opposite", "equal"] : ["equal"];
}

/**
 * Whether the branch adds no negative direction for h > 0, given a_i G_i's definiteness (§7): with
 * weights t (neuron) and s (each copy), the t-form has sign t s on the trivial part of S_h and s on its
 * standard part (multiplicity h - 1); `opposite` (t > 0 > s) is negative definite, `equal` positive.
 */
function branchAddsNothing(branch: SplitBranch, test: SplitTest): boolean {
  return branch === "opposite" ? test.greatest.lt(0) : test.least.gt(0);
}

/**
 * The phase diagrams of a family with the given second layers: one per model, neuron class and branch.
 * The family's crossings are those of the trained model: with a fixed second layer the Hessian is
 * congruent to it modulo the gauge zeros, component by component (docs/models.md §2), so the inertia and
 * the crossings are the same; the critical point and a_i G_i are the same in both models.
 */
export function familyPhaseDiagrams(f: FamilyDefinition, secondLayers: readonly SecondLayer[], o: PhaseOptions): PhaseDiagram[] {
  for (const secondLayer of secondLayers) checkFamilyModel(f, { secondLayer, widthOffset: 0 });
  const F = new DecimalField(o.digits + 10);
  const [lo, hi] = o.dRange;
  const progress = o.onProgress ?? ((): void => undefined);
  progress("the family's crossings");
  const fc = familyCrossings(f, { digits: o.digits, model: { secondLayer: "trained", widthOffset: 0 }, top: String(hi), points: o.points });
  const inside = fc.crossings.filter((c) => Number(c.d) > lo && Number(c.d) < hi);
  const familyBreaks = inside.map((c) => ({ d: c.d, cause: `the family's Hessian, ${c.irrep}` }));
  // The side of each interval between the family's crossings: the bottom, then each crossing's upper side.
  const sides: { from: number; side: SideInertia }[] = [{ from: -Infinity, side: fc.crossings[0]?.from ?? fc.top }];
  for (const c of fc.crossings) sides.push({ from: Number(c.d), side: c.to });
  const familyIsMinimumAt = (d: number): boolean => [...sides].reverse().find((s) => s.from < d)!.side.negative.length === 0;
  // Log-spaced samples (the crossings of the family lie near its bottom, those of a_i G_i far above).
  const grid = Array.from({ length: o.points }, (_, k) => (k === 0 ? lo : k === o.points - 1 ? hi : Number((lo * (hi / lo) ** (k / (o.points - 1))).toPrecision(6))));
  // The critical point at each d is shared by the classes, the split tests by the branches.
  const points = new Map<string, ReturnType<typeof paramsOf>>();
  const paramsAt = (d: Decimal): ReturnType<typeof paramsOf> => {
    const key = d.toString();
    if (!points.has(key)) points.set(key, paramsOf(f, F, familyCriticalPoint(f, key, o.digits).x));
    return points.get(key)!;
  };
  return classesOf(f).flatMap((cls) => {
    progress(`split test of the ${cls} class`);
    const tests = new Map<string, SplitTest>();
    const testAt = (d: Decimal): SplitTest => {
      const key = d.toString();
      // The eigenvalues do not depend on the model (the verdict of splitTest does, and is not used here).
      if (!tests.has(key)) tests.set(key, splitTest(F, paramsAt(d), d, cls, "trained"));
      return tests.get(key)!;
    };
    const samples = grid.map((d) => ({ d: F.fromDecimalString(String(d)), test: testAt(F.fromDecimalString(String(d))) }));
    const testBreaks: PhaseCrossing[] = [];
    for (const which of ["least", "greatest"] as const) {
      for (let k = 0; k + 1 < samples.length; k++) {
        const u = samples[k]!;
        const v = samples[k + 1]!;
        if (u.test[which].isNeg() !== v.test[which].isNeg()) {
          const zero = illinoisZero((x) => testAt(x)[which], { x: u.d, g: u.test[which] }, { x: v.d, g: v.test[which] }, F.fromDecimalString(`1e-${o.digits}`));
          if (zero === undefined) throw new Error(`no convergence of the zero of a_i G_i's eigenvalue in [${u.d.toString()}, ${v.d.toString()}]`);
          const d = zero.x;
          testBreaks.push({ d: d.toSignificantDigits(o.digits).toString(), cause: `the ${which} eigenvalue of a_i G_i` });
        }
      }
    }
    const crossings = [...familyBreaks, ...testBreaks].sort((x, y) => Number(x.d) - Number(y.d));
    const ends = [String(lo), ...crossings.map((c) => c.d), String(hi)];
    const intervals = (isMinimum: (mid: number) => boolean): [string, string][] => {
      const out: [string, string][] = [];
      for (let k = 0; k + 1 < ends.length; k++) {
        if (!isMinimum((Number(ends[k]) + Number(ends[k + 1])) / 2)) continue;
        const last = out[out.length - 1];
        if (last !== undefined && last[1] === ends[k]) last[1] = ends[k + 1]!;
        else out.push([ends[k]!, ends[k + 1]!]);
      }
      return out;
    };
    const familyMinimum = intervals(familyIsMinimumAt);
    return secondLayers.flatMap((secondLayer) => phaseBranches(secondLayer).map((branch) => ({
      family: f.name,
      secondLayer,
      class: cls,
      branch,
      dRange: [String(lo), String(hi)] as const,
      hMax: o.hMax,
      crossings,
      familyMinimum,
      splitMinimum: intervals((mid) => familyIsMinimumAt(mid) && branchAddsNothing(branch, testAt(F.fromDecimalString(String(mid))))),
      testBlock: samples.map((s) => ({ d: String(s.d), least: s.test.least.toSignificantDigits(6).toString(), greatest: s.test.greatest.toSignificantDigits(6).toString() })),
    })));
  });
}

