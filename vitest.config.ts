import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The default report, then one plain closing line "N passed, N failed" for CI.
    reporters: ["default", "./test/support/closingLine.ts"],
  },
});
