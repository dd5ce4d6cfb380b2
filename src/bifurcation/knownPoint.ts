import { familyCriticalPoint, familyPattern } from "../families/critical.js";
import type { FamilyDefinition } from "../families/definition.js";
import { familyModels } from "../families/models.js";
import { FAMILIES } from "../families/registry.js";
import { sameModel, type StudentModel } from "../model/studentModel.js";
import { embed } from "../patterns/embedding.js";
import type { Pattern } from "../patterns/pattern.js";

/**
 * Naming the critical point at the end of a branch (docs/bifurcation.md §4, "Ends"): at an integer d, a
 * point of a pattern is compared with the point of every declared family of the same model at that d,
 * through invariants of the action of S_k x S_d on (W, a) (rows and columns permuted, the diagonal
 * action a special case): the loss, the sorted entries of W, the sorted entries of a, and the sorted row
 * and column norms of W. Both points are in the gauge |a_i| = 1. Equal invariants (to KNOWN_TOLERANCE)
 * name the family; unequal ones prove the points are not in one orbit.
 */

/** Invariants agree when within this of max(1, |value|). */
export const KNOWN_TOLERANCE = 1e-6;

/** The invariants of (W, a) under row and column permutations, in a fixed order. */
export function permutationInvariants(W: readonly (readonly number[])[], a: readonly number[]): number[] {
  const sorted = (v: number[]): number[] => v.sort((x, y) => x - y);
  const columns = W[0]!.map((_, j) => Math.hypot(...W.map((row) => row[j]!)));
  return [...sorted(W.flat()), ...sorted(a.slice()), ...sorted(W.map((row) => Math.hypot(...row))), ...sorted(columns)];
}

function close(u: readonly number[], v: readonly number[]): boolean {
  return u.length === v.length && u.every((x, i) => Math.abs(x - v[i]!) <= KNOWN_TOLERANCE * Math.max(1, Math.abs(x)));
}

/**
 * The declared family (other than `except`) whose critical point at the integer d has the invariants of
 * the point x of pattern P with loss `loss`, or undefined.
 */
export function knownFamilyAt(P: Pattern, x: readonly number[], loss: number, d: number, model: StudentModel, except: string): string | undefined {
  const full = embed(P, x, d);
  const mine = permutationInvariants(full.W, full.a);
  for (const g of FAMILIES) {
    if (g.name === except || !familyModels(g).some((m) => sameModel(m, model))) continue;
    if (d < Number(g.range.min) || d > Number(g.range.max)) continue;
    const point = familyInvariants(g, d);
    if (!close([loss], [point.loss])) continue;
    if (close(mine, point.invariants)) return g.name;
  }
  return undefined;
}

/** The loss and invariants of declared families' points by family and integer d: deterministic, computed once per process. */
const invariantsMemo = new Map<string, { loss: number; invariants: number[] }>();

function familyInvariants(g: FamilyDefinition, d: number): { loss: number; invariants: number[] } {
  const key = `${g.name}|${d}`;
  let found = invariantsMemo.get(key);
  if (found === undefined) {
    const point = familyCriticalPoint(g, String(d), 20);
    const full = embed(familyPattern(g), point.x.map((v) => v.toNumber()), d);
    invariantsMemo.set(key, (found = { loss: point.loss.toNumber(), invariants: permutationInvariants(full.W, full.a) }));
  }
  return found;
}
