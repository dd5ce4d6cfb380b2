import Fraction from "fraction.js";
import { parse, type MathNode } from "mathjs";
import { Decimal } from "decimal.js";
import { QPI, type QPi } from "../numbers/qpi.js";
import { QuadraticExtension, type Quadratic } from "../numbers/quadraticExtension.js";

/**
 * The field in which `check` compares values exactly: Q(pi)(sqrt 2)(sqrt 3), which holds every family's
 * coefficient field (Q(pi), Q(pi, sqrt(2)), Q(pi, sqrt(3))) and every value a table may write
 * (docs/check.md, "values").
 */
const Q2 = new QuadraticExtension(QPI, QPI.fromInt(2), "2");
export const CHECK_FIELD = new QuadraticExtension(Q2, Q2.fromInt(3), "3");
export type CheckValue = Quadratic<Quadratic<QPi>>;

const E = CHECK_FIELD;
const SQRT: Readonly<Record<string, CheckValue>> = {
  "2": { a: Q2.root(), b: Q2.zero() },
  "3": E.root(),
};

/** What an exact value may contain, for error messages. */
export const EXACT_ALLOWED = "integers, pi, sqrt(2), sqrt(3), + - * / ^ (integer powers) and parentheses";

/** A decimal literal (a point or an exponent): compared by rounding, not exactly. */
export const DECIMAL_LITERAL = /^[+-]?(\d+\.\d*|\.\d+|\d+(?:\.\d*)?[eE][+-]?\d+)$/;

/** Read an exact value such as "8/pi - 4", "(pi-2)/(2*pi)" or "sqrt(2)/pi^2" into CHECK_FIELD. */
export function parseExactValue(text: string): CheckValue {
  let tree: MathNode;
  try {
    tree = parse(text);
  } catch (e) {
    throw new RangeError(`'${text}' does not parse (${(e as Error).message}); allowed: ${EXACT_ALLOWED}`);
  }
  return evaluate(tree, text);
}

function integerPower(x: CheckValue, e: number): CheckValue {
  let r = E.one();
  for (let i = 0; i < Math.abs(e); i++) r = E.mul(r, x);
  return e < 0 ? E.inv(r) : r;
}

function evaluate(node: MathNode, text: string): CheckValue {
  const fail = (what: string): never => {
    throw new RangeError(`'${text}' uses ${what}; allowed: ${EXACT_ALLOWED}`);
  };
  const n = node as MathNode & { type: string; value?: unknown; name?: string; op?: string; args?: MathNode[]; content?: MathNode; fn?: MathNode & { name?: string } };
  switch (n.type) {
    case "ConstantNode": {
      const raw = String(n.value);
      if (!/^\d+$/.test(raw)) fail(`the number ${raw} inside an expression (write it as a fraction)`);
      return E.fromInt(BigInt(raw));
    }
    case "SymbolNode":
      return n.name === "pi" ? E.embed(Q2.embed(QPI.pi())) : fail(`the unknown symbol '${n.name}'`);
    case "ParenthesisNode":
      return evaluate(n.content!, text);
    case "FunctionNode": {
      const arg = n.args?.length === 1 ? n.args[0]!.toString().replace(/\s/g, "") : undefined;
      const root = n.fn?.name === "sqrt" && arg !== undefined ? SQRT[arg] : undefined;
      return root ?? fail(`'${node.toString()}' (only sqrt(2) and sqrt(3))`);
    }
    case "OperatorNode": {
      const args = n.args!.map((a) => evaluate(a, text));
      if (args.length === 1) {
        if (n.op === "-") return E.neg(args[0]!);
        if (n.op === "+") return args[0]!;
        return fail(`the operator '${n.op}'`);
      }
      const [a, b] = args as [CheckValue, CheckValue];
      switch (n.op) {
        case "+":
          return E.add(a, b);
        case "-":
          return E.sub(a, b);
        case "*":
          return E.mul(a, b);
        case "/":
          if (E.isZero(b)) fail("a division by zero");
          return E.div(a, b);
        case "^": {
          const exponent = n.args![1]!;
          const e = Number(exponent.toString().replace(/[()\s]/g, ""));
          if (!Number.isInteger(e)) fail(`the power '${exponent.toString()}' (only integer powers)`);
          return integerPower(a, e);
        }
        default:
          return fail(`the operator '${n.op}'`);
      }
    }
    default:
      return fail(`'${node.toString()}'`);
  }
}

/** A rational power of d such as "0", "-1/2", "-3/2", "1". */
export function parsePower(text: string): Fraction | undefined {
  return /^\s*[+-]?\d+(\s*\/\s*\d+)?\s*$/.test(text) && !/\/\s*0+\s*$/.test(text) ? new Fraction(text.replace(/\s/g, "")) : undefined;
}

/** The decimal value of an element of CHECK_FIELD to `digits` significant digits. */
export function decimalOf(x: CheckValue, digits: number): Decimal {
  return E.toDecimal(x, digits);
}
