import type { FamilyDefinition, SeriesDeclaration } from "./definition.js";

/**
 * The family's series declaration; a RangeError when it has none, saying why: a bounded family (its branch
 * ends before the d of `spurious propose`, docs/models.md §5.1) has no expansion in eps, any other has not
 * been proposed yet.
 */
export function declaredSeries(f: FamilyDefinition): SeriesDeclaration {
  if (f.series !== undefined) return f.series;
  const why = Number(f.range.max) < 1e8
    ? `a bounded family: its branch ends at d = ${f.range.max}, so it has no expansion in eps = d^(-1/2); docs/models.md §5.1`
    : `run 'spurious propose ${f.name}'`;
  throw new RangeError(`family ${f.name} has no series declaration in derivations/${f.name}.json (${why})`);
}
