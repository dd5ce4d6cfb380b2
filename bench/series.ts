import { FAMILIES } from "../src/families/registry.js";
import { deriveFamilySeries } from "../src/ift/familySeries.js";
import { msPerRun, report } from "./measure.js";

/** Deriving every family's series and loss series, at order d^-5 (eps^10) and d^-10 (eps^20). */
export function benchSeries(): void {
  for (const order of [10, 20]) {
    const ms = msPerRun(() => FAMILIES.forEach((f) => deriveFamilySeries(f, order)), 1, 1);
    report(`derive all ${FAMILIES.length} families with loss, to order d^-${order / 2} (s)`, (ms / 1000).toFixed(2));
  }
}
