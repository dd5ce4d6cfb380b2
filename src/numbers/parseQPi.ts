import { createRequire } from "node:module";
import Fraction from "fraction.js";
import type { MathNode } from "mathjs";
import type { Field } from "./field.js";
import { QPI, type QPi } from "./qpi.js";

/**
 * Read an exact element of Q(pi) from text such as "-1", "4/pi", "(pi - 2)/(2*pi)" or "1/2 - 1/pi"
 * (mathjs syntax: numbers, pi, + - * /, integer powers, parentheses). Decimal literals are read exactly
 * ("0.25" is 1/4). Anything else is an error naming the offending part.
 *
 * Text made only of integers, pi, + - * / ^, parentheses and spaces (every declaration in derivations/) is
 * parsed here, into the tree mathjs would build for it; anything else goes to mathjs' parser, which is then
 * loaded (it takes about a second, which the workers deriving series would otherwise pay at start).
 */
export function parseQPi(text: string): QPi {
  const simple = parseSimple(text, PI_ONLY);
  if (simple !== undefined) return evaluateNode(QPI, simple, text, PI_ONLY);
  let tree: MathNode;
  try {
    tree = mathjsParse()(text);
  } catch (e) {
    throw new RangeError(`cannot read '${text}' as an element of Q(pi): ${(e as Error).message}`);
  }
  return evaluateNode(QPI, tree, text, PI_ONLY);
}

/** The symbols of Q(pi). */
const PI_ONLY: ReadonlyMap<string, QPi> = new Map([["pi", QPI.pi()]]);

/**
 * Read an element of a field F from text of the simple grammar (integers, the named symbols, + - * / ^
 * with integer powers, parentheses), each symbol standing for the given element: e.g. "8*p/pi" in Q(pi)(p)
 * with the symbols pi and p (docs/numbers.md §8). Anything else is an error naming the text.
 */
export function parseOver<T>(F: Field<T>, text: string, symbols: ReadonlyMap<string, T>): T {
  const simple = parseSimple(text, symbols);
  if (simple === undefined) throw new RangeError(`cannot read '${text}' as an element of ${F.name}: integers, ${[...symbols.keys()].join(", ")}, + - * / and integer powers are allowed`);
  return evaluateNode(F, simple, text, symbols);
}

let parseWithMathjs: ((text: string) => MathNode) | undefined;

/** mathjs' parse, loaded on first use. */
function mathjsParse(): (text: string) => MathNode {
  parseWithMathjs ??= (createRequire(import.meta.url)("mathjs") as typeof import("mathjs")).parse;
  return parseWithMathjs;
}

/** A node of the expression tree, with the fields of the mathjs nodes that evaluateNode reads. */
interface ExpressionNode {
  readonly type: string;
  readonly value?: unknown;
  readonly name?: string;
  readonly op?: string;
  readonly args?: readonly ExpressionNode[];
  readonly content?: ExpressionNode;
}

/**
 * The mathjs tree of `text` when it is simple: integers of at most 15 digits (exact as JavaScript numbers,
 * as mathjs reads them), the symbol pi, binary + - * / (left associative), unary - and + (binding less
 * tightly than ^), ^ (right associative, its exponent a unary expression), parentheses and spaces, with
 * mathjs' precedences. Anything else (other characters, implicit multiplication, decimals, other names) is
 * undefined, for mathjs to parse.
 */
function parseSimple(text: string, symbols: ReadonlyMap<string, unknown>): ExpressionNode | undefined {
  if (/[^ \w+\-*/^()]/.test(text)) return undefined;
  const significant = text.match(/\d+|[A-Za-z_]\w*|[+\-*/^()]/g) ?? [];
  let at = 0;
  const peek = (): string | undefined => significant[at];
  const fail = (): never => {
    throw new SyntaxError("not simple");
  };
  /** operand (op operand)*, the operators `ops` left associative. */
  const leftAssociative = (ops: readonly string[], operand: () => ExpressionNode) => (): ExpressionNode => {
    let node = operand();
    while (ops.includes(peek() ?? "")) {
      const op = significant[at++]!;
      node = { type: "OperatorNode", op, args: [node, operand()] };
    }
    return node;
  };
  const term = leftAssociative(["*", "/"], () => unary());
  const expression = leftAssociative(["+", "-"], term);
  const unary = (): ExpressionNode => {
    const op = peek();
    if (op === "-" || op === "+") {
      at++;
      return { type: "OperatorNode", op, args: [unary()] };
    }
    const base = primary();
    if (peek() !== "^") return base;
    at++;
    return { type: "OperatorNode", op: "^", args: [base, unary()] };
  };
  const primary = (): ExpressionNode => {
    const t = significant[at++];
    if (t === undefined) return fail();
    if (/^\d{1,15}$/.test(t)) return { type: "ConstantNode", value: Number(t) };
    if (symbols.has(t)) return { type: "SymbolNode", name: t };
    if (t === "(") {
      const content = expression();
      if (significant[at++] !== ")") fail();
      return { type: "ParenthesisNode", content };
    }
    return fail();
  };
  try {
    const tree = expression();
    return at === significant.length ? tree : undefined;
  } catch {
    return undefined;
  }
}

function evaluateNode<T>(F: Field<T>, node: MathNode | ExpressionNode, text: string, symbols: ReadonlyMap<string, T>): T {
  const fail = (what: string): never => {
    throw new RangeError(`cannot read '${text}' as an element of ${F.name}: ${what} is not allowed (numbers, ${[...symbols.keys()].join(", ")}, + - * / and integer powers are)`);
  };
  const n = node as ExpressionNode;
  switch (n.type) {
    case "ConstantNode": {
      const q = new Fraction(String(n.value));
      const [num, den] = [q.s * q.n, q.d];
      return F.fromRational(num, den);
    }
    case "SymbolNode":
      return symbols.get(n.name!) ?? fail(`the symbol '${n.name}'`);
    case "ParenthesisNode":
      return evaluateNode(F, n.content!, text, symbols);
    case "OperatorNode": {
      if (n.op === "^") {
        // The exponent is a rational number (read in Q(pi)), and must be an integer.
        const b = evaluateNode(QPI, n.args![1]!, text, PI_ONLY);
        if (!QPI.isRational(b)) return fail("a non-integer power");
        const e = Number(QPI.toString(b));
        if (!Number.isInteger(e)) return fail(`the power ${QPI.toString(b)}`);
        const a = evaluateNode(F, n.args![0]!, text, symbols);
        let r = F.one();
        for (let i = 0; i < Math.abs(e); i++) r = F.mul(r, a);
        return e < 0 ? F.div(F.one(), r) : r;
      }
      const args = n.args!.map((a) => evaluateNode(F, a, text, symbols));
      if (args.length === 1) {
        if (n.op === "-") return F.neg(args[0]!);
        if (n.op === "+") return args[0]!;
        return fail(`the operator '${n.op}'`);
      }
      const [a, b] = args as [T, T];
      switch (n.op) {
        case "+":
          return F.add(a, b);
        case "-":
          return F.sub(a, b);
        case "*":
          return F.mul(a, b);
        case "/":
          return F.div(a, b);
        default:
          return fail(`the operator '${n.op}'`);
      }
    }
    default:
      return fail(`'${node.toString()}'`);
  }
}
