#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built from src/ by `npm install`, through the prepare script, or `npm run build`).
try {
  await import("../dist/cli/main.js");
} catch (e) {
  if (e?.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("dist/cli/main.js")) {
    process.stderr.write("spurious: error: dist/ is missing: run `npm install` or `npm run build` in the checkout\n");
    process.exit(1);
  }
  throw e;
}
