import type { Decimal } from "decimal.js";
import { DecimalField } from "../numbers/decimalField.js";
import { QPI, type QPi } from "../numbers/qpi.js";
import { recognizeQPi } from "../numbers/recognize.js";
import { simpleQPiCandidate } from "../numbers/simpleValue.js";
import { solveLinear, determinant } from "../linalg/solve.js";
import type { FamilyDefinition, FieldDeclaration, SeriesDeclaration } from "../families/definition.js";
import { familyCriticalPoint, familyPattern } from "../families/critical.js";
import { weightParams } from "../patterns/derivatives.js";
import { Series } from "../series/series.js";
import { makeScaledSystem, evaluateScaledSystem } from "./scaledSystem.js";
import { LeadingSystemError, checkLeadingSystem, henselLift, solveLeadingSystemNumerically, withPrecision } from "./hensel.js";
import { declaredField } from "./declaredField.js";

/** The most coordinates deepened (2b.d-1, 3b.d-1 and 4b.d-1 need x1, x2 and z1; docs/series-derivation.md). */
const MAX_DEEPENINGS = 3;

/** The sampled dimensions: eps = 1e-4, 1e-5, 1e-6. */
const SAMPLE_DIMENSIONS = ["1e8", "1e10", "1e12"];

/** One W coordinate's proposed expansion: exact known terms below eps^shift, samples of the rest. */
interface Shape {
  readonly alias: string;
  readonly known: QPi[];
  /** x(d_i) - known(eps_i) at the sampled dimensions. */
  readonly rest: Decimal[];
}

export interface Proposal {
  readonly declaration: SeriesDeclaration;
  /** Human-readable account of what was tried and found. */
  readonly log: string[];
}

const F = new DecimalField(60);
const epsAt = (d: string): Decimal => F.fromDecimalString(d).sqrt().pow(-1);
const EPS = SAMPLE_DIMENSIONS.map(epsAt);

/** The power of eps at which `rest` starts: the decay over the last decade of eps. */
function shiftOf(rest: readonly Decimal[], floor: number): number {
  const [, b, c] = rest as [Decimal, Decimal, Decimal];
  if (c.isZero()) return Infinity;
  return Math.max(floor, Math.round(b.div(c).abs().log(10).toNumber()));
}

/** The eps^shift coefficient of the rest, extrapolated (Richardson on the three samples). */
function leadingOf(rest: readonly Decimal[], shift: number): Decimal {
  const s = rest.map((r, i) => r.div(EPS[i]!.pow(shift)));
  // s_i = c + c1 eps_i + c2 eps_i^2: solve the 3x3 Vandermonde system for c.
  const A = EPS.map((e) => [F.one(), e, e.mul(e)]);
  return solveLinear(F, A, s)[0]!;
}

function shapeShift(s: Shape): number {
  return s.known.length;
}

/** The numerical leading structure: equation shifts (row minima) and whether the leading Jacobian is invertible. */
interface LeadingStructure {
  readonly equationShifts: number[];
  readonly invertible: boolean;
}

/** The leading structure of the scaled system the shapes declare, at their extrapolated leading values. */
function leadingStructure(f: FamilyDefinition, shapes: readonly Shape[]): LeadingStructure {
  const P = familyPattern(f);
  const G = new DecimalField(40);
  const sys = makeScaledSystem(G, P, shapes.map((s) => ({ known: s.known.map((q) => G.from(QPI.toDecimal(q, 40))), equationShift: 0 })), f.signs.map((v) => G.fromInt(v)));
  const xt = shapes.map((s) => Series.constant(G, G.from(leadingOf(s.rest, shapeShift(s)))));
  const { jacobian } = withPrecision(2, (w) => evaluateScaledSystem(sys, xt, w, true), (r) => Math.min(...r.jacobian!.flat().map((e) => e.prec)));
  const tiny = G.fromDecimalString("1e-15");
  const valuation = (e: Series<Decimal>): number => {
    for (let k = e.val; k < e.prec; k++) if (e.coeff(k).abs().gt(tiny)) return k;
    return Infinity;
  };
  const equationShifts = jacobian!.map((row) => Math.min(...row.map(valuation)));
  const L0 = jacobian!.map((row, j) => row.map((e) => (valuation(e) === equationShifts[j] ? e.coeff(equationShifts[j]!) : G.zero())));
  const det = determinant(G, L0).abs();
  const rowNorms = L0.reduce((p, row) => p.mul(row.reduce((m, e) => (e.abs().gt(m) ? e.abs() : m), G.zero())), G.one());
  return { equationShifts, invertible: !rowNorms.isZero() && det.div(rowNorms).gt("1e-10") };
}

/** Move the eps^shift coefficient of a shape into its known terms, if it is recognisably exact. */
function deepen(s: Shape): Shape | undefined {
  const shift = shapeShift(s);
  const c = leadingOf(s.rest, shift);
  const exact = simpleQPiCandidate(c, 1e-9);
  if (exact === undefined) return undefined;
  const rest = s.rest.map((r, i) => r.sub(QPI.toDecimal(exact, 60).mul(EPS[i]!.pow(shift))));
  const known = [...s.known, exact];
  const next = shiftOf(rest, shift + 1);
  if (next === Infinity) return undefined;
  while (known.length < next) known.push(QPI.zero());
  return { alias: s.alias, known, rest };
}

/**
 * Propose scalings and limit values for a family from numerics (docs/series-derivation.md, "proposal"):
 * critical points at d = 1e8, 1e10, 1e12; each W coordinate's limit rounded to -1, 0 or 1 and its
 * shift read off the decay of x - limit; if the leading Jacobian (equation shifts = row minima of the
 * valuations) is singular, known terms are added ("deepening") to one coordinate, then two, until it
 * is invertible; the leading system is solved numerically at 60 digits and its solution recognised in
 * Q(pi) and confirmed exactly. Falls back to a Decimal declaration when recognition fails.
 */
export function proposeScalings(f: FamilyDefinition, onProgress?: (what: string) => void): Proposal {
  const log: string[] = [];
  const P = familyPattern(f);
  const unknowns = weightParams(P);
  const points = SAMPLE_DIMENSIONS.map((d) => {
    onProgress?.(`critical point at d = ${d}`);
    return familyCriticalPoint(f, d, 40);
  });
  let shapes: Shape[] = unknowns.map((k) => {
    const alias = P.params[k]!.alias!;
    const v = points[2]!.x[k]!.toNumber();
    const limit = Math.abs(v - Math.round(v)) < 1e-3 && Math.abs(Math.round(v)) <= 1 ? Math.round(v) : 0;
    const rest = points.map((p) => F.from(p.x[k]!).sub(limit));
    const shift = shiftOf(rest, 0);
    if (shift === Infinity) throw new Error(`${alias} equals its limit ${limit} at every sampled d: declare it exactly`);
    // known = [limit, 0, ..., 0] up to eps^(shift-1); a coordinate with a limit outside {-1, 0, 1} has shift 0.
    const known = Array.from({ length: shift }, (_, i) => (i === 0 ? QPI.fromInt(limit) : QPI.zero()));
    return { alias, known, rest };
  });
  onProgress?.("leading structure");
  let structure = leadingStructure(f, shapes);
  log.push(`shifts ${shapes.map((s) => `${s.alias}:${shapeShift(s)}`).join(" ")}; equation shifts ${structure.equationShifts.join(" ")}; leading Jacobian ${structure.invertible ? "invertible" : "singular"}`);
  const candidates = (base: Shape[]): Shape[][] => base.flatMap((s, i) => {
    const deeper = deepen(s);
    log.push(`deepen ${s.alias}: ${deeper === undefined ? "not recognised" : deeper.known.map((q) => QPI.toString(q)).join(",")}`);
    return deeper === undefined ? [] : [base.map((t, j) => (j === i ? deeper : t))];
  });
  // Depth-first over the deepenings, at most `depth` of them; iterative deepening (1 and 2, then 3) keeps
  // the proposal of a family that two deepenings suffice for. A deeper pass meets the shallower passes'
  // trials again: each structure is computed once.
  const structures = new Map<string, LeadingStructure>();
  const structureOf = (trial: Shape[]): LeadingStructure => {
    const key = trial.map((t) => t.known.map((q) => QPI.toString(q)).join(",")).join(";");
    let s = structures.get(key);
    if (s === undefined) {
      s = leadingStructure(f, trial);
      structures.set(key, s);
    }
    return s;
  };
  const search = (base: Shape[], depth: number): { shapes: Shape[]; structure: LeadingStructure } | undefined => {
    for (const trial of candidates(base)) {
      const s = structureOf(trial);
      log.push(`deepened to ${trial.map((t) => `${t.alias}:${shapeShift(t)}`).join(" ")}: ${s.invertible ? "invertible" : "singular"}`);
      if (s.invertible) return { shapes: trial, structure: s };
      const found = depth > 1 ? search(trial, depth - 1) : undefined;
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (let depth = 2; !structure.invertible && depth <= MAX_DEEPENINGS; depth++) {
    const found = search(shapes, depth);
    if (found !== undefined) ({ shapes, structure } = found);
  }
  if (!structure.invertible) throw new LeadingSystemError(`no deepening of up to ${MAX_DEEPENINGS} coordinates makes the leading Jacobian of family ${f.name} invertible:\n${log.join("\n")}`);
  onProgress?.("leading system");
  const sys = makeScaledSystem(F, P, shapes.map((s, i) => ({ known: s.known.map((q) => QPI.toDecimal(q, 60)), equationShift: structure.equationShifts[i]! })), f.signs.map((v) => F.fromInt(v)));
  const leading = solveLeadingSystemNumerically(sys, shapes.map((s) => leadingOf(s.rest, shapeShift(s))), F, F.digits);
  // Degree 3 is needed: e.g. 3a has xt6(0) = (2 pi^3 + 8 pi^2 - 24 pi + 32)/(pi^3 + 2 pi^2).
  const recognised = leading.map((v) => recognizeQPi(v, { digits: 55, maxDegree: 4, maxCoefficient: 1e9 }));
  const exact = recognised.every((r) => r !== undefined);
  const exactField = exact ? confirmExactly(f, shapes, structure.equationShifts, recognised.map((r) => r!.value), log) : undefined;
  const declaration: SeriesDeclaration = {
    field: exactField ?? { kind: "Decimal" },
    params: Object.fromEntries(shapes.map((s, i) => [s.alias, {
      known: s.known.map((q) => QPI.toString(q)),
      leading: exactField !== undefined ? QPI.toString(recognised[i]!.value) : leading[i]!.toSignificantDigits(50).toString(),
    }])),
    equations: Object.fromEntries(shapes.map((s, i) => [s.alias, structure.equationShifts[i]!])),
    note: `proposed by 'spurious propose ${f.name}' from critical points at d = ${SAMPLE_DIMENSIONS.join(", ")}; ${log.filter((l) => !l.startsWith("deepen ")).slice(-2).join("; ")}`,
  };
  if (!exact) log.push(`leading values not all recognised in Q(pi): ${shapes.filter((_, i) => recognised[i] === undefined).map((s) => s.alias).join(", ")} stay numeric`);
  return { declaration, log };
}


/** Radicands tried, in order, when a square root leaves Q(pi) (3a meets sqrt(8), family 4 sqrt(12)). */
const RADICANDS = [2, 3, 5, 6, 7];

/**
 * The first of Q(pi), Q(pi, sqrt(2)), Q(pi, sqrt(3)), ... over which the leading system holds exactly
 * and the first orders lift, or undefined (the declaration then stays numeric).
 */
function confirmExactly(f: FamilyDefinition, shapes: readonly Shape[], equationShifts: readonly number[], leading: readonly QPi[], log: string[]): FieldDeclaration | undefined {
  const P = familyPattern(f);
  const declarations: FieldDeclaration[] = [{ kind: "Q(pi)" }, ...RADICANDS.map((radicand) => ({ kind: "quadratic", radicand }) as const)];
  for (const decl of declarations) {
    const field = declaredField(decl);
    const name = field.F.name;
    const read = (q: QPi): unknown => field.read(QPI.toString(q));
    const sys = makeScaledSystem(field.F, P, shapes.map((s, i) => ({ known: s.known.map(read), equationShift: equationShifts[i]! })), f.signs.map((v) => field.F.fromInt(v)));
    try {
      checkLeadingSystem(sys, leading.map(read), shapes.map((s) => s.alias), (t) => field.isNegligible(t));
      // The square roots met at higher orders must lie in the field too: lift a few orders.
      henselLift(sys, leading.map(read), 4);
      log.push(`leading system confirmed exactly over ${name}`);
      return decl;
    } catch (e) {
      if (!(e instanceof RangeError) || !/not the square/.test(e.message)) throw e;
      log.push(`over ${name}: ${e.message}`);
    }
  }
  return undefined;
}
