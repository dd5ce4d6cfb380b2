import { branchPointAt64 } from "./src/families/branchWalk.js";
import { familyCriticalPoint } from "./src/families/critical.js";
import { familyByName } from "./src/families/templates.js";
for (const [name, d] of [["a.p20", 40], ["a.p20", 100], ["b.p5", 300], ["a.p7", 1000], ["b.p30", 1000], ["c.p10", 19], ["a.p1", 6]] as const) {
  const f = familyByName(name);
  const exact = familyCriticalPoint(f, String(d), 25).x.map((v) => v.toNumber());
  const t = performance.now();
  const q = branchPointAt64(f, d)!;
  const ms = performance.now() - t;
  console.log(name, d, Math.max(...exact.map((v, i) => Math.abs(v - q.x[i]!) / Math.max(1, Math.abs(v)))), ms.toFixed(0), "ms");
}
