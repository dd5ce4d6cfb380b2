/**
 * The second layer of the student (docs/models.md §1): `trained`, a is a variable and the loss has the
 * scaling gauge (w_i, a_i) -> (s w_i, a_i / s); or `fixed`, a = 1 is a constant and the parameters are W
 * alone (the model of most of the literature), with no gauge.
 */
export type SecondLayer = "trained" | "fixed";

/** Every second layer, the default first. */
export const SECOND_LAYERS: readonly SecondLayer[] = ["trained", "fixed"];
