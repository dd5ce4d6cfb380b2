import type { CensusPoint, CensusReport } from "../census/census.js";
import type { RefinedPoint } from "../census/refine.js";
import type { RunsReport } from "../census/runs.js";
import { CLASS_NAMES, typeName } from "../census/types.js";
import { modelJson } from "../model/studentModel.js";

/** The JSON of `spurious census` and of the library's census() (docs/census.md §4). */
export interface CensusJson {
  readonly model: { secondLayer: string; width: string };
  readonly d: number;
  /** The most classes of a type, and whether every three-class type was searched (else the smallest class has at most 3 rows). */
  readonly classes: number;
  readonly all: boolean;
  /** Digits of the refined points. */
  readonly digits: number;
  readonly types: number;
  readonly starts: number;
  readonly failed: number;
  readonly points: CensusPointJson[];
  /** With --runs: what random-start training in the full space reached (docs/census.md §10). */
  readonly runs?: CensusRunsJson;
}

/** The runs of `census --runs` (docs/census.md §10). */
export interface CensusRunsJson {
  readonly count: number;
  readonly seed: number;
  readonly init: string;
  /** Runs that reached one of the points below. */
  readonly converged: number;
  /** Runs that did not, by reason ("lbfgs-iterations", "lbfgs-stalled", "dead-neuron", "newton", "refinement"). */
  readonly notConverged: Record<string, number>;
  /** Converged runs whose point has no census pattern of at most 4 classes, by class sizes ("10|5|3|1|1"). */
  readonly unclassified: Record<string, number>;
  /** The distinct points (up to S_d x S_d), by loss. */
  readonly points: CensusRunPointJson[];
}

export type CensusRunPointJson = Omit<CensusPointJson, "starts"> & {
  /** Runs that reached it. */
  readonly runs: number;
  /** Whether the systematic census lists it (same type, loss and entries), and its position in points[] then; a point it lacks is a finding. */
  readonly inCensus: boolean;
  readonly censusPoint: number | null;
};

export interface CensusPointJson {
  /** "(13 | 6 | 1)". */
  readonly type: string;
  /** Per class (largest first): its name, size, diagonal entry W_ii and second-layer sign a_i (1 with a fixed second layer). */
  readonly classes: { name: string; size: number; diagonal: string; a: number }[];
  /** Every W parameter of the pattern by name (docs/patterns.md §1), to the digits of the document. */
  readonly entries: Record<string, string>;
  readonly loss: string;
  readonly gradientNorm: string;
  /** Negative eigenvalues of the full Hessian with multiplicity; zero: non-gauge eigenvalues within 1e-9 max(1, max|eig|). */
  readonly index: number;
  readonly zero: number;
  /** The least non-gauge eigenvalue (float64, from the refined point) and its component. */
  readonly smallestEigenvalue: number;
  readonly smallestComponent: string;
  readonly minimum: boolean;
  /** (d!)^2 / (p_1! ... p_c!): the points of its orbit under S_d x S_d, exact. */
  readonly orbitSize: string;
  /** The declared family ("2a"), else for a two-class minimum the template instance ("a.p7"), else null (docs/census.md §1). */
  readonly family: string | null;
  /** Descents that reached it. */
  readonly starts: number;
  /** The Hessian by isotypic component of the Young subgroup: non-gauge eigenvalues (12 significant digits) of multiplicity `dimension` each, and the gauge zeros. */
  readonly spectrum: { component: string; dimension: number; blockSize: number; gaugeZeros: number; eigenvalues: number[] }[];
}

function pointJson(p: CensusPoint, digits: number): CensusPointJson {
  return { ...refinedJson(p, digits), starts: p.starts };
}

function refinedJson(p: RefinedPoint, digits: number): Omit<CensusPointJson, "starts"> {
  const value = (name: string): string => p.entries.find((e) => e.name === name)!.value.toSignificantDigits(digits).toString();
  return {
    type: typeName(p.sizes),
    classes: p.sizes.map((size, I) => {
      const name = CLASS_NAMES[I]!;
      return { name, size, diagonal: value(`diag(${name})`), a: Number(value(`a(${name})`)) };
    }),
    entries: Object.fromEntries(p.entries.filter((e) => !e.name.startsWith("a(")).map((e) => [e.name, e.value.toSignificantDigits(digits).toString()])),
    loss: p.loss.toSignificantDigits(digits).toString(),
    gradientNorm: p.gradientNorm.toSignificantDigits(3).toString(),
    index: p.index,
    zero: p.zero,
    smallestEigenvalue: Number(p.smallestEigenvalue.toPrecision(12)),
    smallestComponent: p.smallestComponent,
    minimum: p.minimum,
    orbitSize: p.orbitSize.toString(),
    family: p.family ?? null,
    spectrum: p.spectrum.map((c) => ({
      component: c.component.name,
      dimension: c.component.dimension,
      blockSize: c.component.blockSize,
      gaugeZeros: c.component.gaugeCount,
      eigenvalues: c.eigenvalues.map((v) => Number(v.toPrecision(12))),
    })),
  };
}

/** The census report as its JSON document. */
export function censusJson(report: CensusReport): CensusJson {
  return {
    model: modelJson({ secondLayer: report.secondLayer, widthOffset: 0 }),
    d: report.d,
    classes: report.maxClasses,
    all: report.all,
    digits: report.digits,
    types: report.types,
    starts: report.starts,
    failed: report.failed,
    points: report.points.map((p) => pointJson(p, report.digits)),
    ...(report.runs === undefined ? {} : { runs: runsJson(report.runs, report.digits) }),
  };
}

function runsJson(runs: RunsReport, digits: number): CensusRunsJson {
  const { count, seed, init, converged, notConverged, unclassified } = runs;
  return {
    count,
    seed,
    init,
    converged,
    notConverged,
    unclassified,
    points: runs.points.map((p) => ({ ...refinedJson(p, digits), runs: p.runs, inCensus: p.censusPoint !== undefined, censusPoint: p.censusPoint ?? null })),
  };
}
