import { defineConfig } from "vitest/config";
import HeaviestFirst from "./test/support/heaviestFirst.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two workers on the two-core machines (the default keeps one core free and runs the files serially).
    maxWorkers: 2,
    // The heaviest files first, also on a fresh clone without the durations of a previous run.
    sequence: { sequencer: HeaviestFirst },
    // The default report, then one plain closing line "N passed, N failed" for CI.
    reporters: ["default", "./test/support/closingLine.ts"],
  },
});
