import Fraction from "fraction.js";
import { parse, type MathNode } from "mathjs";
import { QPI, type QPi } from "./qpi.js";

/**
 * Read an exact element of Q(pi) from text such as "-1", "4/pi", "(pi - 2)/(2*pi)" or "1/2 - 1/pi"
 * (mathjs syntax: numbers, pi, + - * /, integer powers, parentheses). Decimal literals are read exactly
 * ("0.25" is 1/4). Anything else is an error naming the offending part.
 */
export function parseQPi(text: string): QPi {
  let tree: MathNode;
  try {
    tree = parse(text);
  } catch (e) {
    throw new RangeError(`cannot read '${text}' as an element of Q(pi): ${(e as Error).message}`);
  }
  return evaluateNode(tree, text);
}

function evaluateNode(node: MathNode, text: string): QPi {
  const fail = (what: string): never => {
    throw new RangeError(`cannot read '${text}' as an element of Q(pi): ${what} is not allowed (numbers, pi, + - * / and integer powers are)`);
  };
  const n = node as MathNode & { type: string; value?: unknown; name?: string; op?: string; args?: MathNode[]; content?: MathNode; fn?: string };
  switch (n.type) {
    case "ConstantNode": {
      const q = new Fraction(String(n.value));
      const [num, den] = [q.s * q.n, q.d];
      return QPI.fromRational(num, den);
    }
    case "SymbolNode":
      return n.name === "pi" ? QPI.pi() : fail(`the symbol '${n.name}'`);
    case "ParenthesisNode":
      return evaluateNode(n.content!, text);
    case "OperatorNode": {
      const args = n.args!.map((a) => evaluateNode(a, text));
      if (args.length === 1) {
        if (n.op === "-") return QPI.neg(args[0]!);
        if (n.op === "+") return args[0]!;
        return fail(`the operator '${n.op}'`);
      }
      const [a, b] = args as [QPi, QPi];
      switch (n.op) {
        case "+":
          return QPI.add(a, b);
        case "-":
          return QPI.sub(a, b);
        case "*":
          return QPI.mul(a, b);
        case "/":
          return QPI.div(a, b);
        case "^": {
          if (!QPI.isRational(b)) return fail("a non-integer power");
          const e = Number(QPI.toString(b));
          if (!Number.isInteger(e)) return fail(`the power ${QPI.toString(b)}`);
          let r = QPI.one();
          for (let i = 0; i < Math.abs(e); i++) r = QPI.mul(r, a);
          return e < 0 ? QPI.inv(r) : r;
        }
        default:
          return fail(`the operator '${n.op}'`);
      }
    }
    default:
      return fail(`'${node.toString()}'`);
  }
}
