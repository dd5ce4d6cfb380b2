import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FULL_CONFIG } from "./src/reproduce/config.js";
import { rayStep } from "./src/reproduce/rayStep.js";
const t0 = performance.now();
const { files } = await rayStep(FULL_CONFIG, (t) => process.stderr.write(`\r${t.slice(0, 100).padEnd(100)}`));
for (const [path, text] of files) {
  writeFileSync(join(".", `${path}.tmp`), text);
  renameSync(join(".", `${path}.tmp`), join(".", path));
}
console.error(`\n${((performance.now() - t0) / 1000).toFixed(1)} s`);
