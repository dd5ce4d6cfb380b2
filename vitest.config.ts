import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two workers on the two-core machines (the default keeps one core free and runs the files serially).
    maxWorkers: 2,
    // The default report, then one plain closing line "N passed, N failed" for CI.
    reporters: ["default", "./test/support/closingLine.ts"],
  },
});
