import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The order of the test files on the two workers (docs/testing.md): the heaviest first, so that the last file
 * to start is a short one. Vitest orders by the durations of the previous run when it has them; a fresh clone
 * has none (it would start by file size), so the files measured heaviest (over 8 s each) lead in this order.
 */
const HEAVIEST = [
  "fullHessianFloat64",
  "reproduce",
  "fullHessianDecimal",
  "api",
  "seriesDerivation",
  "annihilation",
  "families",
  "census",
  "templates",
  "crossing",
  "censusPool",
  "adjoint",
  "patterns",
];

const rank = (file: TestSpecification): number => {
  const i = HEAVIEST.findIndex((name) => file.moduleId.endsWith(`/test/${name}.test.ts`));
  return i < 0 ? HEAVIEST.length : i;
};

export default class HeaviestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const byCache = await super.sort(files);
    return byCache.map((file, i) => ({ file, i })).sort((u, v) => rank(u.file) - rank(v.file) || u.i - v.i).map(({ file }) => file);
  }
}
