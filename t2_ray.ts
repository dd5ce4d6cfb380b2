import { templateRay, epsLimit } from "./src/crossing/templateRay.js";
import { findTemplate } from "./src/families/templates.js";
const t0 = performance.now();
const r = templateRay(findTemplate("a"), 10, { top: 1e4, digits: 20, p0: 8 });
console.log((performance.now() - t0).toFixed(0), "ms", r.points.length, r.end);
for (const p of r.points) console.log(p.d, p.p, p.loss.toSignificantDigits(10).toString(), p.smallest.toPrecision(6), p.component);
console.log(epsLimit(r.points.map((p) => p.d), r.points.map((p) => p.loss.toNumber())));
