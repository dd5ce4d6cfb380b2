/**
 * A pattern (docs/patterns.md): a partition of the indices {1..d} into one bulk class of size d - c and
 * small classes of fixed sizes, with a constant on classes and W_ij depending only on (class of i,
 * class of j, whether i = j). Its parameters are the coordinates of the fixed-point space of the Young
 * subgroup S_{d-c} x S_{s_1} x ... acting diagonally on M(d, d) x R^d.
 */
export interface PatternClass {
  readonly name: string;
  /** Fixed size of a small class; undefined for the bulk class (size d - c). */
  readonly size?: number;
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

/** Short names of the coordinates of (d-p | p): W = [[x1 I + x2 (J-I), x3 J], [x4 J, x5 I + x6 (J-I)]], a = (y1, y2). */
const ISOTROPY_ALIASES: Readonly<Record<string, string>> = {
  "diag(A)": "x1",
  "off(A,A)": "x2",
  "off(A,B)": "x3",
  "off(B,A)": "x4",
  "diag(B)": "x5",
  "off(B,B)": "x6",
  "a(A)": "y1",
  "a(B)": "y2",
};

/** A class size as a polynomial in d: constant + (bulk ? d : 0). */
export interface ClassSize {
  readonly bulk: boolean;
  readonly constant: number;
}

export class Pattern {
  readonly classes: readonly PatternClass[];
  readonly params: readonly PatternParam[];
  /** c: the number of indices in small classes. */
  readonly smallTotal: number;
  private readonly index = new Map<string, number>();

  constructor(classes: readonly PatternClass[], aliases: Readonly<Record<string, string>> = {}) {
    if (classes.length === 0 || classes[0]!.size !== undefined) {
      throw new RangeError("a pattern's first class is the bulk class (no fixed size)");
    }
    for (const c of classes.slice(1)) {
      if (c.size === undefined || !Number.isInteger(c.size) || c.size < 1) {
        throw new RangeError(`class ${c.name}: a small class needs a positive integer size, got ${String(c.size)}`);
      }
    }
    const names = new Set(classes.map((c) => c.name));
    if (names.size !== classes.length) throw new RangeError("pattern class names must be distinct");
    this.classes = classes;
    this.smallTotal = classes.slice(1).reduce((s, c) => s + c.size!, 0);
    const params: PatternParam[] = [];
    const add = (kind: ParamKind, row: number, col: number, name: string): void => {
      this.index.set(`${kind}:${row}:${col}`, params.length);
      const alias = aliases[name];
      params.push(alias === undefined ? { kind, row, col, name } : { kind, row, col, name, alias });
    };
    // Row by row, columns in class order, the diagonal just before its own class's off-diagonal:
    // for (d-p | p) this is x1..x6 of docs/patterns.md.
    classes.forEach((I, i) => {
      classes.forEach((J, j) => {
        if (i === j) add("diag", i, i, `diag(${I.name})`);
        if (i !== j || this.hasOffDiagonal(i)) add("off", i, j, `off(${I.name},${J.name})`);
      });
    });
    classes.forEach((I, i) => add("a", i, i, `a(${I.name})`));
    this.params = params;
  }

  /** The pattern (d-p | p) of the isotropy Delta(S_{d-p} x S_p): classes A (bulk) and, if p > 0, B. */
  static isotropy(p: number): Pattern {
    if (!Number.isInteger(p) || p < 0) throw new RangeError(`isotropy p must be a non-negative integer, got ${p}`);
    return new Pattern(p === 0 ? [{ name: "A" }] : [{ name: "A" }, { name: "B", size: p }], ISOTROPY_ALIASES);
  }

  /** Whether rows of class i have off-diagonal entries in their own class (size >= 2; the bulk always). */
  hasOffDiagonal(i: number): boolean {
    const s = this.classes[i]!.size;
    return s === undefined || s >= 2;
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

  /** Human-readable form, e.g. "(d-3 | 1 | 2)". */
  toString(): string {
    const parts = this.classes.map((c) => (c.size === undefined ? (this.smallTotal === 0 ? "d" : `d-${this.smallTotal}`) : `${c.size}`));
    return `(${parts.join(" | ")})`;
  }
}
