import { sameModel, type StudentModel } from "../model/studentModel.js";
import type { FamilyDefinition } from "./definition.js";
import { familyCriticalPoint, familyPattern } from "./critical.js";
import { familyModels } from "./models.js";
import { FAMILIES } from "./registry.js";
import { branchPointAt64 } from "./branchWalk.js";
import { instanceName, templateFamily } from "./template.js";
import { TEMPLATES } from "./templates.js";

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

/** A two-class point of (d-p | p) read with its classes exchanged, as a point of (p | d-p): x1 <-> x5, x2 <-> x6, x3 <-> x4, y1 <-> y2. */
const EXCHANGED: Readonly<Record<string, string>> = { x1: "x5", x2: "x6", x3: "x4", x4: "x3", x5: "x1", x6: "x2", y1: "y2", y2: "y1" };

/** Parameters of an instance and of a point agree when within this of max(1, |x|) (float64 walks and Newton, docs/census.md §1). */
const INSTANCE_TOLERANCE = 1e-9;

/**
 * The template instance (docs/families.md §11) that a two-class point at the integer d lies on, if any:
 * read with either class as B (sizes [d - n, n], the larger first, as the census lists them), the point's
 * signs of a and of the two diagonals those of the template (a, c: bulk positive, B negative; b: bulk
 * negative, B positive), p in the template's range, and the instance's own point at d (branchPointAt64:
 * walked from its seed in float64) equal to the point in every parameter to INSTANCE_TOLERANCE. The name is
 * the declared family's where the instance has one ("2a" for a.p1), else "a.p7"; templates are tried in
 * their order (a, b, c), so a point on both b.p<d-n> and c.p<n> (docs/census.md §9) is named by b.
 */
export function identifyInstance(sizes: readonly [number, number], params: Readonly<Record<string, number>>, d: number): string | undefined {
  for (const t of TEMPLATES) {
    for (const exchanged of [false, true]) {
      const p = exchanged ? sizes[0] : sizes[1];
      const read = (alias: string): number | undefined => params[exchanged ? EXCHANGED[alias]! : alias];
      if (p < t.p.min || p > t.p.max) continue;
      if (Math.sign(read("y1")!) !== t.signs[0] || Math.sign(read("y2")!) !== t.signs[1]) continue;
      const bulkSign = t.kind === "a" ? 1 : -1;
      if (Math.sign(read("x1")!) !== bulkSign || Math.sign(read("x5")!) !== -bulkSign) continue;
      const f = templateFamily(t, p);
      const q = branchPointAt64(f, d);
      if (q === undefined) continue;
      const same = familyPattern(f).params.every((param, k) => {
        const found = read(param.alias!);
        const v = q.x[k]!;
        return found !== undefined && Math.abs(found - v) <= INSTANCE_TOLERANCE * Math.max(1, Math.abs(v));
      });
      if (same) return t.aliases[String(p)] ?? instanceName(t, p);
    }
  }
  return undefined;
}
