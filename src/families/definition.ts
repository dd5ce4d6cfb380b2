/**
 * The declarative description of a family of critical points (one file per family in derivations/,
 * docs/families.md). Numbers are decimal strings so that no precision is lost in the file.
 */
export interface FamilyDefinition {
  /** "1a", "1b", "2a", ... */
  readonly name: string;
  /** Isotropy Delta(S_{d-p} x S_p). */
  readonly p: number;
  /** "a": diagonal mostly near +1, loss decaying with d; "b": mostly near -1, loss tending to a constant. */
  readonly kind: "a" | "b";
  /** Signs of the second layer on the classes A (bulk) and B, in the gauge |a_i| = 1. */
  readonly signs: readonly (1 | -1)[];
  readonly description: string;
  /** How the family was found: the discovery command that reaches it and what it reported. */
  readonly foundBy: { readonly command: string; readonly note: string };
  /** A critical point on the family at a stated d (pattern parameters by alias x1..x6). */
  readonly seed: { readonly d: string; readonly params: Readonly<Record<string, string>> };
  /** The range of d over which the branch was followed, and why it stops there. */
  readonly range: { readonly min: string; readonly max: string; readonly note: string };
}
