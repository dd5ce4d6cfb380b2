import type { Scalar } from "../numbers/scalar.js";
import { classRole, type Pattern } from "./pattern.js";
import { paramWeights } from "./metric.js";
import { restrictedLoss } from "./restrictedLoss.js";

/**
 * A pattern with a finite group on its special indices (docs/patterns.md §2.5): the fixed-point space of
 * S_bulk x G, G a permutation group of the small classes of a base pattern whose small classes all have one
 * index (G given by generators, each a permutation of the base's class indices fixing the bulk, 0). W is
 * constant on the orbits of index pairs, so the coordinates are the G-orbits of the base's coordinates and
 * the loss is the base's restricted loss at the expanded point: explicit in real d, over every arithmetic
 * restrictedLoss runs on. With G = S_p on p singletons this is the pattern (d-p | p) again.
 */
export interface GroupParam {
  /** The name of the orbit's first member in the base, e.g. "off(b1,b2)". */
  readonly name: string;
  readonly kind: "diag" | "off" | "a";
  /** The base coordinates of the orbit. */
  readonly members: readonly number[];
}

export class GroupPattern {
  readonly params: readonly GroupParam[];
  /** The orbit (index into params) of each base coordinate. */
  readonly orbitOf: readonly number[];

  constructor(
    readonly base: Pattern,
    readonly generators: readonly (readonly number[])[],
  ) {
    const classes = base.classes.length;
    base.classes.slice(1).forEach((c) => {
      if (c.size !== 1) throw new RangeError(`a group pattern needs small classes of one index, ${c.name} has ${String(c.size)}`);
    });
    generators.forEach((g) => {
      if (g.length !== classes || g[0] !== 0 || new Set(g).size !== classes || g.some((I) => !Number.isInteger(I) || I < 0 || I >= classes)) {
        throw new RangeError(`generator [${g.join(",")}] is not a permutation of the ${classes} classes of ${base.toString()} fixing the bulk`);
      }
      g.forEach((image, I) => {
        if (classRole(base.classes[image]!) !== classRole(base.classes[I]!)) throw new RangeError(`generator [${g.join(",")}] maps ${base.classes[I]!.name} to a class of another role`);
      });
    });
    // Union–find over base coordinates, joined along every generator's image.
    const parent = base.params.map((_, k) => k);
    const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k]!)));
    for (const g of generators) {
      base.params.forEach((q, k) => {
        const image = base.paramIndex(q.kind, g[q.row]!, g[q.col]!);
        if (image === undefined) throw new Error(`${q.name} has no image under [${g.join(",")}]`);
        parent[find(k)] = find(image);
      });
    }
    const roots: number[] = [];
    const orbitOf = base.params.map((_, k) => {
      const r = find(k);
      let o = roots.indexOf(r);
      if (o < 0) o = roots.push(r) - 1;
      return o;
    });
    this.orbitOf = orbitOf;
    this.params = roots.map((_, o) => {
      const members = base.params.map((__, k) => k).filter((k) => orbitOf[k] === o);
      const first = base.params[members[0]!]!;
      return { name: first.name, kind: first.kind, members };
    });
  }

  /** The base coordinates of the point with these orbit coordinates. */
  expand<X>(x: readonly X[]): X[] {
    if (x.length !== this.params.length) throw new RangeError(`the group pattern has ${this.params.length} coordinates, got ${x.length}`);
    return this.orbitOf.map((o) => x[o]!);
  }

  /** The count-weighted metric: an orbit stands for the entries of all its members. */
  weights<X>(S: Scalar<X>, d: X): X[] {
    const base = paramWeights(S, this.base, d);
    return this.params.map((q) => q.members.reduce((s, k) => S.add(s, base[k]!), S.fromInt(0)));
  }

  /** L on the fixed-point space of S_bulk x G. */
  loss<X>(S: Scalar<X>, x: readonly X[], d: X): X {
    return restrictedLoss(S, this.base, this.expand(x), d);
  }
}
