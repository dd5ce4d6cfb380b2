import { familyCriticalPoint, familyPattern } from "../families/critical.js";
import { familyModels } from "../families/models.js";
import { FAMILIES } from "../families/registry.js";
import { sameModel, type SecondLayer } from "../model/studentModel.js";

/**
 * The declared family a census point of (d-p | p), p <= 3, lies on (docs/census.md §1, "Per point"): a
 * family of the model with the point's p and signs whose own critical point at d has the same pattern
 * parameters to 1e-6 of max(1, |x|), as identifyFamily (src/families/identify.ts) decides for discover.
 * The census asks for many points at one d, so each family's critical point at d (a continuation from its
 * seed with a confirming solve) is computed once per thread and kept.
 */

const TOLERANCE = 1e-6;

/** The families' critical points (pattern parameters by alias) at integer d, by family name and d. */
const KEPT = new Map<string, Record<string, number>>();

function familyPoint(name: string, d: number): Record<string, number> {
  const key = `${name} ${d}`;
  let params = KEPT.get(key);
  if (params === undefined) {
    const f = FAMILIES.find((g) => g.name === name)!;
    const x = familyCriticalPoint(f, String(d), 20).x;
    params = Object.fromEntries(familyPattern(f).params.map((q, k) => [q.alias!, x[k]!.toNumber()]));
    KEPT.set(key, params);
  }
  return params;
}

/** The name of the declared family that the point (its parameters by alias, its signs of a per class) lies on, if any. */
export function declaredFamily(params: Readonly<Record<string, number>>, p: number, signs: readonly number[], d: number, secondLayer: SecondLayer): string | undefined {
  const model = { secondLayer, widthOffset: 0 };
  for (const f of FAMILIES) {
    if (f.p !== p || f.signs.join() !== signs.join() || !familyModels(f).some((m) => sameModel(m, model))) continue;
    if (d < Number(f.range.min) || d > Number(f.range.max)) continue;
    const own = familyPoint(f.name, d);
    const same = Object.entries(own).every(([alias, v]) => params[alias] !== undefined && Math.abs(params[alias]! - v) <= TOLERANCE * Math.max(1, Math.abs(v)));
    if (same) return f.name;
  }
  return undefined;
}
