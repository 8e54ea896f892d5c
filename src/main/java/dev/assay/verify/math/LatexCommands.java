package dev.assay.verify.math;

import dev.assay.verify.math.Node.Kind;
import java.util.List;
import java.util.Set;

/**
 * The LaTeX commands the parser understands: {@code \frac} (also {@code \frac12}),
 * {@code \sqrt[n]{}}, named functions with powers and log bases, text commands (a text after a
 * quantity is a unit), floors, ceilings, binomials, {@code \sum}/{@code \prod} with bounds,
 * matrices, set braces. An unknown command becomes a symbol of that name.
 */
final class LatexCommands {
  private LatexCommands() {}

  static final Set<String> FUNCS = Set.of(
      "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh",
      "tanh", "log", "ln", "exp", "lg");
  static final Set<String> TEXT_CMDS = Set.of(
      "text", "textbf", "textit", "textrm", "mathrm", "mbox", "textnormal", "mathbf", "mathit",
      "mathsf", "textsf", "texttt", "operatorname", "hbox", "emph");
  static final Set<String> DECOR = Set.of(
      "overline", "vec", "hat", "bar", "mathbb", "mathcal", "widehat", "overrightarrow", "tilde");
  static final Set<String> PRIMARY_CMDS = Set.of(
      "frac", "sqrt", "pi", "infty", "binom", "lfloor", "lceil", "begin", "boxed", "sum", "prod",
      "theta", "alpha", "beta", "gamma", "delta", "phi", "lambda", "mu", "omega", "sigma", "tau",
      "rho", "epsilon", "varepsilon", "varphi", "psi", "eta", "zeta", "xi", "nu", "kappa", "chi",
      "Omega", "Delta", "Gamma", "Phi", "Sigma", "Theta", "Lambda", "Pi", "Psi", "fbox", "{",
      "infinity", "ell", "imath");


  static Node command(LatexParser p) {
    p.enter();
    try {
      return dispatch(p);
    } finally {
      p.leave();
    }
  }

  private static Node dispatch(LatexParser p) {
    p.pos++;
    if (p.pos >= p.s.length()) {
      throw new LatexAtoms.Fail("lone backslash");
    }
    if (p.peekIs("{")) {
      p.pos++;
      p.enter();
      p.ws();
      Node in = p.peekIs("\\}") ? Node.of(Kind.SET, List.of()) : p.list();
      p.leave();
      p.expect("\\}");
      return in.is(Kind.SET) ? Node.of(Kind.SET, "set", in.kids()) : Node.of(Kind.SET, "set", List.of(in));
    }
    String name = p.cmdName();
    return switch (name) {
      case "frac", "dfrac", "tfrac", "cfrac" -> {
        Node a = arg(p);
        Node b = arg(p);
        yield Node.of(Kind.MUL, List.of(a, Node.inv(b)));
      }
      case "sqrt" -> sqrt(p);
      case "pi" -> Node.sym("pi");
      case "infty", "infinity" -> Node.inf(true);
      case "boxed", "fbox" -> arg(p);
      case "binom" -> Node.of(Kind.FN, "binom", List.of(arg(p), arg(p)));
      case "lfloor" -> delimited(p, "floor", "rfloor");
      case "lceil" -> delimited(p, "ceil", "rceil");
      case "begin" -> Matrices.parse(p);
      case "sum", "prod" -> bigOp(p, name);
      case "imath" -> Node.sym("i");
      default -> {
        if (FUNCS.contains(name)) {
          yield function(p, name);
        }
        if (TEXT_CMDS.contains(name)) {
          yield textNode(p, p.rawArg());
        }
        if (DECOR.contains(name)) {
          yield Node.sym(name + ":" + p.rawArg().replace(" ", ""));
        }
        if (name.length() > 1 && Character.isLetter(name.charAt(0))) {
          yield Node.sym("\\" + name);
        }
        throw new LatexAtoms.Fail("unsupported command \\" + name);
      }
    };
  }

  private static Node textNode(LatexParser p, String content) {
    String t = content.strip();
    if (t.matches("-?\\d+(\\.\\d+)?")) {
      return Node.num(Rat.parseDecimal(t), t.contains("."));
    }
    if (t.matches("[A-Za-z]")) {
      return Node.sym(t);
    }
    return Node.text(t);
  }

  private static Node sqrt(LatexParser p) {
    p.ws();
    Node index = null;
    if (p.peekIs("[")) {
      int end = p.s.indexOf(']', p.pos);
      if (end < 0) {
        throw new LatexAtoms.Fail("bad root index");
      }
      index = p.nested(p.s.substring(p.pos + 1, end));
      p.pos = end + 1;
    }
    Node r = arg(p);
    Node e = index == null ? Node.of(Kind.MUL, List.of(Node.num(1), Node.inv(Node.num(2))))
        : Node.inv(index);
    return Node.of(Kind.POW, List.of(r, e));
  }

  private static Node function(LatexParser p, String name) {
    p.ws();
    Node power = null;
    Node base = null;
    if (name.equals("log") && p.peekIs("_")) {
      p.pos++;
      base = arg(p);
    }
    if (p.peekIs("^")) {
      p.pos++;
      power = p.exponent();
    }
    p.ws();
    Node a;
    if (p.peekIs("(")) {
      p.pos++;
      p.enter();
      a = p.list();
      p.leave();
      p.expect(")");
    } else {
      a = p.power();
    }
    List<Node> args = base == null ? List.of(a) : List.of(a, base);
    Node f = Node.of(Kind.FN, name, args);
    if (power != null) {
      boolean inverse = power.is(Kind.NUM) && power.num().equals(Rat.of(-1));
      f = inverse ? Node.of(Kind.FN, "arc" + name, args) : Node.of(Kind.POW, List.of(f, power));
    }
    return f;
  }

  private static Node delimited(LatexParser p, String fn, String closer) {
    p.enter();
    Node in = p.sum();
    p.leave();
    p.ws();
    if (!p.eatCmd(closer)) {
      throw new LatexAtoms.Fail("missing \\" + closer);
    }
    return Node.of(Kind.FN, fn, List.of(in));
  }

  private static Node bigOp(LatexParser p, String name) {
    p.ws();
    p.expect("_");
    int start = p.pos;
    String lowRaw = p.rawArg();
    String[] iv = lowRaw.split("=", 2);
    if (iv.length != 2 || !iv[0].strip().matches("[A-Za-z]")) {
      p.pos = start;
      throw new LatexAtoms.Fail("unsupported \\" + name + " bounds");
    }
    Node lo = p.nested(iv[1]);
    p.ws();
    p.expect("^");
    Node hi = p.exponent();
    Node body = p.term(false);
    return Node.of(name.equals("sum") ? Kind.SUM : Kind.PROD, iv[0].strip(), List.of(body, lo, hi));
  }

  /** One argument: a braced group, or a single character/digit/command ({@code \frac12}). */
  static Node arg(LatexParser p) {
    p.ws();
    if (p.peekIs("{")) {
      return p.group();
    }
    if (p.pos < p.s.length() && Character.isDigit(p.s.charAt(p.pos))) {
      return Node.num(p.s.charAt(p.pos++) - '0');
    }
    if (p.pos < p.s.length() && Character.isLetter(p.s.charAt(p.pos))) {
      return Node.sym(String.valueOf(p.s.charAt(p.pos++)));
    }
    return p.primary();
  }


  /** Whether the command at {@code name} starts an operand (for implicit multiplication). */
  static boolean startsOperand(String name) {
    return PRIMARY_CMDS.contains(name) || FUNCS.contains(name) || TEXT_CMDS.contains(name)
        || DECOR.contains(name);
  }
}
