/**
 * The student model (docs/models.md §1): its second layer and its width k.
 *
 * The second layer is `trained` (a is a variable and the loss has the scaling gauge
 * (w_i, a_i) -> (s w_i, a_i / s)) or `fixed` (a = 1 is a constant and the parameters are W alone, the model of
 * most of the literature, with no gauge). The width is k = d + h for a small integer offset h (the teacher
 * always has d neurons).
 */
export type SecondLayer = "trained" | "fixed";

/** Every second layer, the default first. */
export const SECOND_LAYERS: readonly SecondLayer[] = ["trained", "fixed"];

export interface StudentModel {
  readonly secondLayer: SecondLayer;
  /** h in k = d + h. */
  readonly widthOffset: number;
}

/** The model of the paper's setting: both layers trained, k = d. */
export const DEFAULT_MODEL: StudentModel = { secondLayer: "trained", widthOffset: 0 };

/** The largest |h| of a width d + h. */
export const MAX_WIDTH_OFFSET = 10;

/** The width k = d + h as written on the command line and in JSON: "d", "d+1", "d-2". */
export function widthName(h: number): string {
  return h === 0 ? "d" : h > 0 ? `d+${h}` : `d-${-h}`;
}

/** The offset h of a width written "d", "d+H" or "d-H" (1 <= H <= MAX_WIDTH_OFFSET); undefined for any other text. */
export function parseWidthName(text: string): number | undefined {
  const m = /^d(?:([+-])(\d+))?$/.exec(text.trim());
  if (m === null) return undefined;
  const h = m[1] === undefined ? 0 : (m[1] === "-" ? -1 : 1) * Number(m[2]);
  return Math.abs(h) > MAX_WIDTH_OFFSET || (m[1] !== undefined && h === 0) ? undefined : h;
}

/** The model as it is named in text and JSON: {secondLayer, width}. */
export function modelJson(m: StudentModel): { secondLayer: SecondLayer; width: string } {
  return { secondLayer: m.secondLayer, width: widthName(m.widthOffset) };
}

/** "trained second layer, k = d". */
export function modelText(m: StudentModel): string {
  return `${m.secondLayer} second layer, k = ${widthName(m.widthOffset)}`;
}

export function sameModel(a: StudentModel, b: StudentModel): boolean {
  return a.secondLayer === b.secondLayer && a.widthOffset === b.widthOffset;
}
