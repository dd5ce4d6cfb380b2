/**
 * A pattern (docs/patterns.md): a partition of the rows {1..k} and the columns {1..d} of W into classes,
 * one bulk class of size d - c and small classes of fixed sizes, with a constant on row classes and W_ij
 * depending only on (class of row i, class of column j, whether i = j). A paired class holds indices that
 * are both a row (a student neuron) and a column (a teacher neuron), with a diagonal; a row class holds
 * neurons without a diagonal column (k > d), a column class teacher columns without a diagonal row
 * (k < d). The parameters are the coordinates of the fixed-point space of S_{d-c} x S_{s_1} x ... inside
 * S_k x S_d (the bulk and paired classes permuted diagonally) acting on M(k, d) x R^k.
 */
export type ClassRole = "paired" | "row" | "column";

export interface PatternClass {
  readonly name: string;
  /** Fixed size of a small class; undefined for the bulk class (size d - c). */
  readonly size?: number;
  /** Whether the class holds rows and columns (the default), rows only or columns only. */
  readonly role?: ClassRole;
}

/** The role of a class: paired unless said otherwise. */
export function classRole(c: PatternClass): ClassRole {
  return c.role ?? "paired";
}

export type ParamKind = "diag" | "off" | "a";

/**
 * One coordinate of the fixed-point space: the diagonal entries W_ii of a row class ("diag"), the
 * off-diagonal entries W_ij, i in row class, j in column class, i != j ("off"), or a on a class ("a").
 */
export interface PatternParam {
  readonly kind: ParamKind;
  readonly row: number;
  readonly col: number;
  readonly name: string;
  /** The short name of docs/patterns.md for the family patterns (x1..x6, y1, y2), if any. */
  readonly alias?: string;
}

/**
 * Short names of the coordinates of (d-p | p): W = [[x1 I + x2 (J-I), x3 J], [x4 J, x5 I + x6 (J-I)]],
 * a = (y1, y2); at width k = d + h, h > 0, the h extra rows E are (z1 1^T, z2 1^T) with a = y3 on them;
 * at h < 0 the |h| columns C without a student row are z1 on the rows of A and z2 on those of B. With the
 * special indices split into two classes B and D (docs/patterns.md §2.4), D adds x7..x11, z3 and y4.
 */
const ISOTROPY_ALIASES: Readonly<Record<string, string>> = {
  "diag(A)": "x1",
  "off(A,A)": "x2",
  "off(A,B)": "x3",
  "off(B,A)": "x4",
  "diag(B)": "x5",
  "off(B,B)": "x6",
  "a(A)": "y1",
  "a(B)": "y2",
  "off(E,A)": "z1",
  "off(E,B)": "z2",
  "a(E)": "y3",
  "off(A,C)": "z1",
  "off(B,C)": "z2",
  "off(A,D)": "x7",
  "off(B,D)": "x8",
  "off(D,A)": "x9",
  "off(D,B)": "x10",
  "diag(D)": "x11",
  "off(D,D)": "x12",
  "off(E,D)": "z3",
  "a(D)": "y4",
};

/** A class size as a polynomial in d: constant + (bulk ? d : 0). */
export interface ClassSize {
  readonly bulk: boolean;
  readonly constant: number;
}

export class Pattern {
  readonly classes: readonly PatternClass[];
  readonly params: readonly PatternParam[];
  /** c: the number of columns in small classes (the bulk has d - c indices). */
  readonly smallTotal: number;
  /** h in k = d + h: rows in row classes minus columns in column classes. */
  readonly widthOffset: number;
  private readonly index = new Map<string, number>();

  /**
   * Whether the small classes may have real sizes (docs/patterns.md §4): the restricted loss, its derivatives,
   * Newton and the Young blocks take the sizes only through polynomial counts. Patterns of the full model
   * (embedding, the evaluator's checks, the census) keep integer sizes.
   */
  readonly realSizes: boolean;

  constructor(classes: readonly PatternClass[], aliases: Readonly<Record<string, string>> = {}, options: { readonly realSizes?: boolean } = {}) {
    if (classes.length === 0 || classes[0]!.size !== undefined || classRole(classes[0]!) !== "paired") {
      throw new RangeError("a pattern's first class is the bulk class (no fixed size, paired)");
    }
    this.realSizes = options.realSizes ?? false;
    for (const c of classes.slice(1)) {
      const valid = c.size !== undefined && (this.realSizes ? Number.isFinite(c.size) && c.size > 0 : Number.isInteger(c.size) && c.size >= 1);
      if (!valid) throw new RangeError(`class ${c.name}: a small class needs a positive ${this.realSizes ? "real" : "integer"} size, got ${String(c.size)}`);
    }
    const names = new Set(classes.map((c) => c.name));
    if (names.size !== classes.length) throw new RangeError("pattern class names must be distinct");
    this.classes = classes;
    const total = (role: ClassRole): number => classes.slice(1).reduce((s, c) => s + (classRole(c) === role ? c.size! : 0), 0);
    this.smallTotal = total("paired") + total("column");
    this.widthOffset = total("row") - total("column");
    const params: PatternParam[] = [];
    const add = (kind: ParamKind, row: number, col: number, name: string): void => {
      this.index.set(`${kind}:${row}:${col}`, params.length);
      const alias = aliases[name];
      params.push(alias === undefined ? { kind, row, col, name } : { kind, row, col, name, alias });
    };
    // Row by row, columns in class order, the diagonal just before its own class's off-diagonal:
    // for (d-p | p) this is x1..x6 of docs/patterns.md.
    classes.forEach((I, i) => {
      if (!this.hasRows(i)) return;
      classes.forEach((J, j) => {
        if (!this.hasColumns(j)) return;
        if (i === j) add("diag", i, i, `diag(${I.name})`);
        if (i !== j || this.hasOffDiagonal(i)) add("off", i, j, `off(${I.name},${J.name})`);
      });
    });
    classes.forEach((I, i) => {
      if (this.hasRows(i)) add("a", i, i, `a(${I.name})`);
    });
    this.params = params;
  }

  /**
   * The pattern (d-p | p) of the isotropy Delta(S_{d-p} x S_p): classes A (bulk) and, if p > 0, B; at width
   * k = d + h also a class E of h rows without a diagonal column (h > 0) or C of -h columns without a
   * diagonal row (h < 0), so that the bulk has d - p - max(0, -h) indices. With `split = [s, t]` (s + t = p)
   * the p special indices form two paired classes, B of s and D of t (docs/patterns.md §2.4).
   */
  static isotropy(p: number, h = 0, split?: readonly [number, number]): Pattern {
    if (!Number.isInteger(p) || p < 0) throw new RangeError(`isotropy p must be a non-negative integer, got ${p}`);
    if (!Number.isInteger(h)) throw new RangeError(`the width offset h of k = d + h must be an integer, got ${h}`);
    if (split !== undefined && split[0] + split[1] !== p) throw new RangeError(`the split ${split.join(" + ")} of the special indices must add up to p = ${p}`);
    const classes: PatternClass[] = [{ name: "A" }];
    if (split !== undefined) classes.push({ name: "B", size: split[0] }, { name: "D", size: split[1] });
    else if (p > 0) classes.push({ name: "B", size: p });
    if (h > 0) classes.push({ name: "E", size: h, role: "row" });
    if (h < 0) classes.push({ name: "C", size: -h, role: "column" });
    return new Pattern(classes, ISOTROPY_ALIASES);
  }

  /**
   * The pattern (d-p | p) with p any positive real (docs/patterns.md §4, the rays p = alpha d of docs/census.md
   * §8): classes A (bulk) and B of size p, the aliases x1..x6, y1, y2; B has the off-diagonal x6 when p > 1.
   */
  static realIsotropy(p: number): Pattern {
    if (!Number.isFinite(p) || p <= 0) throw new RangeError(`isotropy p must be a positive real, got ${p}`);
    return new Pattern([{ name: "A" }, { name: "B", size: p }], ISOTROPY_ALIASES, { realSizes: true });
  }

  /** Whether class i holds rows (student neurons): paired and row classes. */
  hasRows(i: number): boolean {
    return classRole(this.classes[i]!) !== "column";
  }

  /** Whether class i holds columns (teacher neurons): paired and column classes. */
  hasColumns(i: number): boolean {
    return classRole(this.classes[i]!) !== "row";
  }

  /** Whether class i is paired: its rows have a diagonal entry, in their own column. */
  isPaired(i: number): boolean {
    return classRole(this.classes[i]!) === "paired";
  }

  /** Whether rows of class i have off-diagonal entries in their own class (size > 1, i.e. >= 2 for an integer size; the bulk always). */
  hasOffDiagonal(i: number): boolean {
    const s = this.classes[i]!.size;
    return s === undefined || s > 1;
  }

  /** The position of a parameter in `params`, or undefined if the pattern has no such coordinate. */
  paramIndex(kind: ParamKind, row: number, col: number = row): number | undefined {
    return this.index.get(`${kind}:${row}:${col}`);
  }

  /** The position of the parameter with this name or alias. */
  paramByName(name: string): number {
    const i = this.params.findIndex((p) => p.name === name || p.alias === name);
    if (i < 0) throw new RangeError(`pattern has no parameter '${name}' (it has: ${this.params.map((p) => p.name).join(", ")})`);
    return i;
  }

  /** The size of class i as a polynomial in d. */
  classSize(i: number): ClassSize {
    const s = this.classes[i]!.size;
    return s === undefined ? { bulk: true, constant: -this.smallTotal } : { bulk: false, constant: s };
  }

  /** The smallest integer d for which the bulk class has at least `minBulk` indices. */
  minimumDimension(minBulk = 2): number {
    return this.smallTotal + minBulk;
  }

  /** Human-readable form, e.g. "(d-3 | 1 | 2)", with "(d-1 | 1 | 1 row)" for a class of rows only. */
  toString(): string {
    const role = (c: PatternClass): string => (classRole(c) === "paired" ? "" : ` ${classRole(c) === "row" ? "row" : "col"}`);
    const parts = this.classes.map((c) => (c.size === undefined ? (this.smallTotal === 0 ? "d" : `d-${this.smallTotal}`) : `${c.size}${role(c)}`));
    return `(${parts.join(" | ")})`;
  }
}
