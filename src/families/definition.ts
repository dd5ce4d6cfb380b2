/**
 * The declarative description of a family of critical points (one JSON file per family in derivations/,
 * read and checked by src/families/definitionFile.ts; docs/families.md). Numbers are decimal strings so
 * that no precision is lost in the file.
 */
export interface FamilyDefinition {
  /** "1a", "1b", "2a", ... */
  readonly name: string;
  /** Isotropy Delta(S_{d-p} x S_p). */
  readonly p: number;
  /**
   * The special indices split into two paired classes B and D of these sizes (adding up to p), when the
   * isotropy does not permute them all: Delta(S_{d-p} x S_s x S_t) (docs/patterns.md §2.4). Absent: one class B.
   */
  readonly split?: readonly [number, number];
  /** The student width the family lives at, "d+H" or "d-H" ("d" when absent): its pattern is Pattern.isotropy(p, h). */
  readonly width?: string;
  /** "a": diagonal mostly near +1, loss decaying with d; "b": mostly near -1, loss tending to a constant. */
  readonly kind: "a" | "b";
  /** Signs of the second layer on the row classes A (bulk), B, D (when split) and E (the extra rows of k > d), in the gauge |a_i| = 1. */
  readonly signs: readonly (1 | -1)[];
  readonly description: string;
  /** How the family was found: the discovery command that reaches it and what it reported. */
  readonly foundBy: { readonly command: string; readonly note: string };
  /** A critical point on the family at a stated d (pattern parameters by alias x1..x6), and how it was polished. */
  readonly seed: { readonly d: string; readonly params: Readonly<Record<string, string>>; readonly note: string };
  /** The range of d over which the branch was followed, and why it stops there. */
  readonly range: { readonly min: string; readonly max: string; readonly note: string };
  /**
   * Scalings and limit values for the series in eps = d^(-1/2) (docs/series-derivation.md). Absent for a
   * bounded family, whose branch ends at both ends of its range (docs/models.md §5.1): no expansion at large d.
   */
  readonly series?: SeriesDeclaration;
}

/**
 * x = known_0 + known_1 eps + ... + known_(s-1) eps^(s-1) + eps^s xt(eps), s = known.length, with
 * xt(0) = leading: the unknown power series is xt. Known terms beyond the limit value (known_0) are
 * declared only where the leading system needs them (docs/series-derivation.md, "deepening").
 */
export interface ParamScaling {
  readonly known: readonly string[];
  readonly leading: string;
}

/**
 * The coefficient field of a family's series (ift/declaredField.ts maps it to a field): Q(pi), exact;
 * "quadratic", exact in Q(pi, sqrt(radicand)) (the kernels meet a non-square under a square root);
 * "Decimal", numeric coefficients.
 */
export type FieldDeclaration =
  | { readonly kind: "Q(pi)" }
  | { readonly kind: "quadratic"; readonly radicand: number }
  | { readonly kind: "Decimal" };

/**
 * The scaled system of a family (docs/series-derivation.md): parameter k is known_k(eps) + eps^s_k xt_k,
 * and equation j is F_j = eps^(-equations[j]) dL_P/dx_j. The leading system F(xt(0), 0) = 0 must hold
 * exactly and its Jacobian must be invertible; the engine checks both.
 */
export interface SeriesDeclaration {
  readonly field: FieldDeclaration;
  readonly params: Readonly<Record<string, ParamScaling>>;
  readonly equations: Readonly<Record<string, number>>;
  /** True when the known terms are the whole expansion (the point is exact for every d; no unknowns). */
  readonly exactPoint?: boolean;
  /** How the scalings and limit values were found (the proposal command and what it reported). */
  readonly note: string;
}
