import { branchPointAt64 } from "./src/families/branchWalk.js";
import { familyByName } from "./src/families/templates.js";
import { instancePoints } from "./src/reproduce/instancePoints.js";
const needed = new Map<string, number[]>([["b.p38", [55]], ["c.p17", [55]], ["a.p20", [40, 33, 100]], ["c.p10", [20, 30]], ["b.p10", [20, 40, 500]], ["a.p3", [9, 20]]]);
let t = performance.now();
const old = instancePoints(needed, () => {});
console.log("old", (performance.now() - t).toFixed(0));
t = performance.now();
for (const [name, ds] of needed) for (const d of ds) {
  const q = branchPointAt64(familyByName(name), d);
  console.log(name, d, q?.loss, old.get(name)?.get(d)?.loss, q && old.get(name)?.get(d) ? Math.abs(q.loss / old.get(name)!.get(d)!.loss - 1) : "");
}
console.log("new", (performance.now() - t).toFixed(0));
