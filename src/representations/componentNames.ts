/**
 * The names researchers use for the isotypic components (docs/hessian.md, "component names"): the
 * irreducibles of S_{d-p} by partition ([n], [n-1,1], [n-2,2], [n-2,1,1]) or as trivial, standard, the
 * [n-2,2] representation and the exterior (alternating) square, each tensored with an irreducible of the
 * finite factor S_p (trivial, sign, standard). One mapping, read and written here.
 */

/** Partition of the S_{d-p} factor -> the name in the literature. */
const BULK_NAMES: Readonly<Record<string, string>> = {
  "[n]": "trivial",
  "[n-1,1]": "standard",
  "[n-2,2]": "[n-2,2]",
  "[n-2,1,1]": "exterior square",
};

/** Further spellings accepted on input for the S_{d-p} factor. */
const BULK_ALIASES: Readonly<Record<string, string>> = {
  "alternating square": "[n-2,1,1]",
  exterior: "[n-2,1,1]",
  alternating: "[n-2,1,1]",
};

const FINITE_NAMES = ["trivial", "sign", "standard"];

/** The literature's name of a component printed as "[n-1,1]" or "[n-1,1] x sign", e.g. "standard x sign". */
export function literatureName(component: string): string {
  const [bulk, finite] = component.split(" x ");
  const name = BULK_NAMES[bulk!] ?? bulk!;
  return finite === undefined ? name : `${name} x ${finite}`;
}

/** "[n-1,1] x sign (standard x sign)": the printed name and the literature's, once each. */
export function componentWithName(component: string): string {
  const other = literatureName(component);
  return other === component ? component : `${component} (${other})`;
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ").replace(/\s*,\s*/g, ",").replace(/\[\s*/g, "[").replace(/\s*\]/g, "]");
}

function bulkPartition(text: string): string | undefined {
  const t = normalise(text).replace(/ representation$/, "");
  if (BULK_NAMES[t] !== undefined) return t;
  const byName = Object.entries(BULK_NAMES).find(([, name]) => name === t);
  return byName?.[0] ?? BULK_ALIASES[t];
}

/**
 * The printed name of a component given either way: "[n-1,1] x sign", "standard x sign",
 * "standard ⊗ sign", "exterior square", "[n-2,2] representation". Undefined when the text names none.
 */
export function readComponentName(text: string): string | undefined {
  const parts = normalise(text).split(/ ?(?:⊗|\\otimes| x | tensor |\(x\)) ?/);
  if (parts.length > 2) return undefined;
  const bulk = bulkPartition(parts[0]!);
  if (bulk === undefined) return undefined;
  if (parts.length === 1) return bulk;
  const finite = parts[1]!.trim();
  return FINITE_NAMES.includes(finite) ? `${bulk} x ${finite}` : undefined;
}

/** What readComponentName accepts, for error messages. */
export const COMPONENT_NAMES_ALLOWED =
  "[n], [n-1,1], [n-2,2], [n-2,1,1] or trivial, standard, [n-2,2] representation, exterior (alternating) square, optionally 'x trivial|sign|standard'";
