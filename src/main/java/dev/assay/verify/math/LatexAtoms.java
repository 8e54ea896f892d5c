package dev.assay.verify.math;

import dev.assay.verify.math.Node.Kind;
import java.util.List;

/**
 * The atoms level of {@link LatexParser}: numbers, letters and functions of them, brackets,
 * groups, absolute values and backslash commands (through {@link LatexCommands}). The levels above
 * (lists, sums, products, powers) live in the parser; atoms call back into them for what they enclose.
 */
abstract class LatexAtoms extends Cursor {
  /** The input is not an answer this parser reads. */
  static final class Fail extends RuntimeException {
    Fail(String msg) {
      super(msg, null, false, false);
    }
  }

  LatexAtoms(String s, Budget budget, int depth) {
    super(s, budget, depth);
  }

  /** A list (the loosest level): what brackets and groups enclose. */
  abstract Node list();

  /** A sum: what an absolute value encloses. */
  abstract Node sum();

  Node primary() {
    budget.tick();
    ws();
    if (pos >= s.length()) {
      throw new Fail("unexpected end");
    }
    char c = s.charAt(pos);
    if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
      return number();
    }
    if (Character.isLetter(c) && c < 128) {
      pos++;
      String name = String.valueOf(c);
      if (isFunctionLetter(c) && peekIs("(")) {
        return Node.of(Kind.FN, "f:" + name, argsInParens());
      }
      return Node.sym(name);
    }
    switch (c) {
      case '(', '[' -> {
        return bracketed();
      }
      case '{' -> {
        return group();
      }
      case '|' -> {
        pos++;
        enter();
        Node in = sum();
        leave();
        expect("|");
        return Node.of(Kind.FN, "abs", List.of(in));
      }
      case '\\' -> {
        return LatexCommands.command((LatexParser) this);
      }
      case '∞' -> {
        pos++;
        return Node.inf(true);
      }
      case 'π' -> {
        pos++;
        return Node.sym("pi");
      }
      default -> throw new Fail("unexpected '" + c + "'");
    }
  }

  private static boolean isFunctionLetter(char c) {
    return "fghFGHPQW".indexOf(c) >= 0;
  }

  private List<Node> argsInParens() {
    expect("(");
    Node in = list();
    expect(")");
    return in.is(Kind.SET) ? in.kids() : List.of(in);
  }

  private Node number() {
    int start = pos;
    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
      pos++;
    }
    boolean dec = false;
    if (pos + 1 < s.length() && s.charAt(pos) == '.' && Character.isDigit(s.charAt(pos + 1))) {
      dec = true;
      pos++;
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
    }
    String t = s.substring(start, pos);
    if (t.length() > 400) {
      throw new Fail("number too long");
    }
    return Node.num(Rat.parseDecimal(t), dec);
  }

  private Node bracketed() {
    char open = s.charAt(pos++);
    enter();
    Node in = list();
    leave();
    ws();
    if (pos >= s.length() || (s.charAt(pos) != ')' && s.charAt(pos) != ']')) {
      throw new Fail("unclosed bracket");
    }
    char close = s.charAt(pos++);
    if (in.is(Kind.SET) && "list".equals(in.name())) {
      return Node.of(Kind.TUPLE, "" + open + close, in.kids());
    }
    if (open == '(' && close == ']' || open == '[' && close == ')') {
      throw new Fail("half-open bracket around one value");
    }
    return in;
  }

  Node group() {
    expect("{");
    ws();
    if (peekIs("}")) {
      pos++;
      return Node.of(Kind.SET, List.of());
    }
    enter();
    Node in = list();
    leave();
    expect("}");
    return in;
  }

  Node cell() {
    return list();
  }

  boolean startsPrimary() {
    if (pos >= s.length()) {
      return false;
    }
    char c = s.charAt(pos);
    if (Character.isDigit(c) || (Character.isLetter(c) && c < 128) || c == '(' || c == '{' || c == '∞' || c == 'π') {
      return true;
    }
    if (c == '\\' && pos + 1 < s.length()) {
      int p = pos + 1;
      int e = p;
      while (e < s.length() && Character.isLetter(s.charAt(e))) {
        e++;
      }
      String name = e == p ? String.valueOf(s.charAt(p)) : s.substring(p, e);
      return LatexCommands.startsOperand(name);
    }
    return false;
  }
}
