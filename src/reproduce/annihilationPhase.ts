import type { FamilyDefinition } from "../families/definition.js";
import { familyModels, familyWidthOffset } from "../families/models.js";
import { familyPhaseDiagrams, type PhaseDiagram, type SplitBranch } from "../annihilation/phaseDiagram.js";
import { familyCriticalPoint } from "../families/critical.js";
import { phaseSpec, type PhaseRow } from "../plots/phasePlot.js";
import { renderSvg } from "../plots/render.js";

/**
 * The annihilation phase diagrams of `npm run reproduce` (docs/annihilation.md §7): for every family at
 * k = d with a positive loss and each of its models, the diagrams of the splits of each neuron class in the
 * (d, h) plane; series/annihilation-phase.json and the plot series/plots/annihilation-phase.svg.
 */

export interface PhaseConfig {
  /** The d range (each family's starts at p + 3 at the earliest: the "b" families diverge as d -> p + 2). */
  readonly dRange: readonly [number, number];
  readonly hMax: number;
  /** Samples of the scan of a_i G_i in d, and the digits of the crossings. */
  readonly points: number;
  readonly digits: number;
}

/** The diagrams of one family, every model (none for a family at another width or of zero loss: 1a, every embedding a global minimum). */
export function familyPhases(f: FamilyDefinition, c: PhaseConfig, progress: (text: string) => void): PhaseDiagram[] {
  if (familyWidthOffset(f) !== 0) return [];
  const lo = Math.max(c.dRange[0], f.p + 3);
  if (familyCriticalPoint(f, String(lo), c.digits).loss.abs().lt(`1e-${c.digits - 5}`)) return [];
  return familyPhaseDiagrams(f, familyModels(f).map((m) => m.secondLayer), { dRange: [lo, c.dRange[1]], hMax: c.hMax, points: c.points, digits: c.digits, onProgress: progress });
}

const WEIGHTS: Record<SplitBranch, string> = { opposite: "t = (1+h, -1, ..)", equal: "t equal" };

/** The marks of the plot. */
function phaseRows(diagrams: readonly PhaseDiagram[]): PhaseRow[] {
  return diagrams.flatMap((g) => {
    const panel = `${g.class}: ${WEIGHTS[g.branch]}, ${g.secondLayer}`;
    const base = { family: g.family, panel };
    return [
      ...g.splitMinimum.map(([a, b]): PhaseRow => ({ ...base, kind: "split a minimum", d: Number(a), d2: Number(b) })),
      ...g.familyMinimum.map(([a, b]): PhaseRow => ({ ...base, kind: "family a minimum", d: Number(a), d2: Number(b) })),
      ...g.crossings.map((x): PhaseRow => ({ ...base, kind: "crossing", d: Number(x.d), d2: Number(x.d) })),
    ];
  });
}

/** series/annihilation-phase.json and series/plots/annihilation-phase.svg. */
export async function phaseFiles(diagrams: readonly PhaseDiagram[], c: PhaseConfig, series: string, plots: string): Promise<Map<string, string>> {
  return new Map([
    [series, `${JSON.stringify({ dRange: c.dRange, hMax: c.hMax, diagrams }, null, 2)}\n`],
    [plots, await renderSvg(phaseSpec(phaseRows(diagrams), c.dRange, c.hMax))],
  ]);
}
