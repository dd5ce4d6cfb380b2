import type { FamilyDefinition } from "../families/definition.js";
import { deriveFamilySeries, type FamilySeries } from "../ift/familySeries.js";
import { familyEigenSeries, type FamilyEigenSeries } from "../eigenseries/eigenSeries.js";
import { familyPattern } from "../families/critical.js";
import type { Field } from "../numbers/field.js";
import type { Series } from "../series/series.js";

/** A coefficient of the engine's series: exact text in its field (null when numeric) and its decimal. */
export interface EngineCoefficient {
  readonly exact: string | null;
  readonly decimal: string;
  /** The field element itself, for exact comparison. */
  readonly field: Field<unknown>;
  readonly value: unknown;
}

/** A series with the field of its coefficients; `coefficient(k)` of eps^k, undefined beyond its precision. */
export class PublishedSeries {
  constructor(
    readonly field: Field<unknown>,
    readonly series: Series<unknown>,
  ) {}
  /** The highest power of eps known. */
  get order(): number {
    return this.series.prec - 1;
  }
  coefficient(k: number): unknown | undefined {
    if (k > this.order) return undefined;
    if (!Number.isInteger(k) || this.series.isZero() || k < this.series.val) return this.field.zero();
    return this.series.coeff(k);
  }
}

/** The series of one family the table asks for, derived once each, to the order the table needs. */
export class FamilyCoefficients {
  private familySeries?: FamilySeries<unknown>;
  private eigenSeries?: FamilyEigenSeries;

  constructor(
    readonly family: FamilyDefinition,
    private readonly seriesOrder: number,
    private readonly eigenOrder: number,
  ) {}

  /** The parameter names of the family's pattern (x1.., y1..). */
  parameterNames(): string[] {
    return familyPattern(this.family).params.map((p) => p.alias!);
  }

  private series(): FamilySeries<unknown> {
    this.familySeries ??= deriveFamilySeries(this.family, this.seriesOrder);
    return this.familySeries;
  }

  /** `x3`, `effective x3` (a_i W_ij: the parameter times the a of its row class) or `loss`. */
  quantity(name: string): PublishedSeries | undefined {
    const s = this.series();
    if (name === "loss") return new PublishedSeries(s.field, s.loss);
    const effective = /^effective (\S+)$/.exec(name);
    const alias = effective?.[1] ?? name;
    const P = familyPattern(this.family);
    const k = P.params.findIndex((p) => p.alias === alias);
    if (k < 0) return undefined;
    const param = s.params[k]!.series;
    if (effective === null) return new PublishedSeries(s.field, param);
    const q = P.params[k]!;
    if (q.kind === "a") return undefined;
    const a = s.params[P.paramIndex("a", q.row)!]!.series;
    return new PublishedSeries(s.field, param.mul(a));
  }

  /** The eigenvalues (gauge zeros included) of a component, or why there are none. */
  eigenvalues(component: string): PublishedSeries[] | string {
    this.eigenSeries ??= familyEigenSeries(this.family, this.eigenOrder);
    const names = [component, component.replace(/ x trivial$/, "")];
    const c = this.eigenSeries.components.find((x) => names.includes(x.component.name) || names.map((n) => `${n} x trivial`).includes(x.component.name));
    if (c === undefined) return `family ${this.family.name} has no component ${component} (it has ${this.eigenSeries.components.map((x) => x.component.name).join(", ")})`;
    if (c.unresolved !== undefined) return `the eigenvalues of ${component} are unresolved: ${c.unresolved}`;
    return c.eigenvalues.map((e) => new PublishedSeries(e.field, e.series.isZero() ? e.series : e.series.truncate(this.eigenOrder + 1)));
  }
}
