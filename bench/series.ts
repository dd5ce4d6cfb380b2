import { FAMILIES, findFamily } from "../src/families/registry.js";
import { familyEigenSeries } from "../src/eigenseries/eigenSeries.js";
import { deriveFamilySeries } from "../src/ift/familySeries.js";
import { msPerRun, report } from "./measure.js";

/** Deriving every family's series and loss series, at order d^-5 (eps^10) and d^-10 (eps^20). */
export function benchSeries(): void {
  for (const order of [10, 20]) {
    const ms = msPerRun(() => FAMILIES.forEach((f) => deriveFamilySeries(f, order)), 1, 1);
    report(`derive all ${FAMILIES.length} families with loss, to order d^-${order / 2} (s)`, (ms / 1000).toFixed(2));
  }
  // One cold run: familyEigenSeries keeps the family series it derived, so a second run would skip that.
  const start = performance.now();
  familyEigenSeries(findFamily("3a"), 2);
  report("eigen-series 3a to order 2 (eps^2), including its family series (s)", ((performance.now() - start) / 1000).toFixed(2));
}
