import { sameModel, type StudentModel } from "../model/studentModel.js";
import type { FamilyDefinition } from "./definition.js";
import { familyCriticalPoint, familyPattern } from "./critical.js";
import { familyModels } from "./models.js";
import { FAMILIES } from "./registry.js";

/** What identification needs of a trained point: its isotropy p, signs per row class, and pattern parameters by alias. */
export interface IdentifiablePoint {
  readonly p: number | null;
  readonly split?: readonly [number, number];
  readonly signs: readonly string[];
  readonly params: Readonly<Record<string, number>>;
}

/** Parameters agree when within this of max(1, |x|) (the discovery's own tolerance for distinct points). */
const IDENTIFY_TOLERANCE = 1e-6;

/** The families' critical points at integer d (20 digits), by family and d: the census asks for many points at one d. */
const KEPT = new Map<string, number[]>();

function familyPointAt(f: FamilyDefinition, d: number): number[] {
  const key = `${f.name} ${d}`;
  let x = KEPT.get(key);
  if (x === undefined) {
    x = familyCriticalPoint(f, String(d), 20).x.map((v) => v.toNumber());
    KEPT.set(key, x);
  }
  return x;
}

/**
 * The declared family that a point at integer d lies on (docs/discovery.md §7, docs/census.md §1), if any: a
 * family of the model with the point's isotropy p and signs, whose critical point at d (20 digits, by
 * continuation from its seed, computed once per process) has the same pattern parameters to
 * IDENTIFY_TOLERANCE. Families whose range does not reach d are skipped.
 */
export function identifyFamily(point: IdentifiablePoint, d: number, model: StudentModel): string | undefined {
  if (point.p === null) return undefined;
  const signs = point.signs.join("");
  for (const f of FAMILIES) {
    if (f.p !== point.p || f.split?.join("+") !== point.split?.join("+") || !familyModels(f).some((m) => sameModel(m, model))) continue;
    if (f.signs.map((s) => (s > 0 ? "+" : "-")).join("") !== signs) continue;
    if (d < Number(f.range.min) || d > Number(f.range.max)) continue;
    const x = familyPointAt(f, d);
    const same = familyPattern(f).params.every((q, k) => {
      const found = point.params[q.alias!];
      const v = x[k]!;
      return found !== undefined && Math.abs(found - v) <= IDENTIFY_TOLERANCE * Math.max(1, Math.abs(v));
    });
    if (same) return f.name;
  }
  return undefined;
}
