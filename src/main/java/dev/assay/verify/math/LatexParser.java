package dev.assay.verify.math;

import dev.assay.verify.math.Node.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the LaTeX subset answers are written in (also plain
 * {@code 1/2*x^2}). Input is normalised first by {@link Normalizer}. Precedence, loosest first:
 * lists ({@code ;} then {@code ,}), relation chains, ratios {@code a:b}, unions, sums (with
 * {@code \pm}), products (explicit and implicit), unary signs, powers, postfix ({@code !},
 * subscripts), atoms. Depth is capped so a deep nest fails fast instead of overflowing the stack.
 */
final class LatexParser extends LatexAtoms {
  private LatexParser(String s, Budget budget, int depth) {
    super(s, budget, depth);
  }

  /** Parses the whole string or throws {@link Fail}; may throw {@link Budget.Exceeded}. */
  static Node parse(String s, Budget budget) {
    return parse(s, budget, 0);
  }

  /** Parses a piece inside another parse (a subscript, a root index), sharing its depth. */
  Node nested(String piece) {
    return parse(piece, budget, depth + 1);
  }

  private static Node parse(String s, Budget budget, int depth) {
    LatexParser p = new LatexParser(s, budget, depth);
    Node n = p.list();
    p.ws();
    if (p.pos < s.length()) {
      throw new Fail("unexpected '" + s.charAt(p.pos) + "' at " + p.pos);
    }
    return n;
  }

  // ---- lists and relations ----

  Node list() {
    enter();
    List<List<Node>> groups = new ArrayList<>();
    List<Node> cur = new ArrayList<>();
    cur.add(relation());
    while (true) {
      ws();
      if (eat(",")) {
        cur.add(relation());
      } else if (eat(";")) {
        groups.add(cur);
        cur = new ArrayList<>();
        cur.add(relation());
      } else {
        break;
      }
    }
    groups.add(cur);
    leave();
    List<Node> all = new ArrayList<>();
    boolean nested = groups.size() > 1 && groups.stream().anyMatch(g -> g.size() > 1);
    for (List<Node> g : groups) {
      if (nested && g.size() > 1) {
        all.add(Node.of(Kind.TUPLE, "()", g));
      } else {
        all.addAll(g);
      }
    }
    return all.size() == 1 ? all.get(0) : Node.of(Kind.SET, "list", all);
  }

  private Node relation() {
    Node first = ratio();
    StringBuilder ops = new StringBuilder();
    List<Node> parts = new ArrayList<>();
    parts.add(first);
    while (true) {
      char op = relop();
      if (op == 0) {
        break;
      }
      ops.append(op);
      parts.add(ratio());
    }
    return ops.length() == 0 ? first : Node.of(Kind.REL, ops.toString(), parts);
  }

  private char relop() {
    ws();
    if (pos >= s.length() || "<>=!\\≈".indexOf(s.charAt(pos)) < 0) {
      return 0;
    }
    if (eat("<=") || eatCmd("leq") || eatCmd("le") || eatCmd("leqslant")) {
      return 'l';
    }
    if (eat(">=") || eatCmd("geq") || eatCmd("ge") || eatCmd("geqslant")) {
      return 'g';
    }
    if (eat("!=") || eatCmd("neq") || eatCmd("ne")) {
      return 'n';
    }
    if (eat("<") || eatCmd("lt")) {
      return '<';
    }
    if (eat(">") || eatCmd("gt")) {
      return '>';
    }
    if (eatCmd("approx") || eat("≈")) {
      return 'a';
    }
    if (eat("=") || eatCmd("equiv")) {
      return '=';
    }
    if (eatCmd("in")) {
      return 'i';
    }
    return 0;
  }

  private Node ratio() {
    Node a = union();
    List<Node> parts = null;
    while (peekIs(":") && !peekIs(":=")) {
      pos++;
      if (parts == null) {
        parts = new ArrayList<>();
        parts.add(a);
      }
      parts.add(union());
    }
    return parts == null ? a : Node.of(Kind.RATIO, parts);
  }

  private Node union() {
    Node a = sum();
    List<Node> parts = null;
    while (true) {
      ws();
      if (!eatCmd("cup") && !eat("∪")) {
        break;
      }
      if (parts == null) {
        parts = new ArrayList<>();
        parts.add(a);
      }
      parts.add(sum());
    }
    return parts == null ? a : Node.of(Kind.UNION, parts);
  }

  // ---- arithmetic ----

  Node sum() {
    enter();
    Node acc = term(true);
    List<Node> terms = new ArrayList<>();
    terms.add(acc);
    while (true) {
      ws();
      if (peekIs("+")) {
        pos++;
        terms.add(term(true));
      } else if (peekIs("-")) {
        pos++;
        terms.add(Node.neg(term(true)));
      } else if (eatCmd("pm") || eatCmd("mp")) {
        Node left = terms.size() == 1 ? terms.get(0) : Node.of(Kind.ADD, terms);
        Node right = term(true);
        terms = new ArrayList<>();
        terms.add(Node.of(Kind.PM, List.of(left, right)));
      } else {
        break;
      }
    }
    leave();
    return terms.size() == 1 ? terms.get(0) : Node.of(Kind.ADD, terms);
  }

  Node term(boolean signed) {
    enter();
    List<Node> fs = new ArrayList<>();
    fs.add(signed ? unary() : power());
    while (true) {
      ws();
      if (pos >= s.length() || s.charAt(pos) == ')' || s.charAt(pos) == '}' || s.charAt(pos) == ',') {
        break;
      }
      if (eat("*") || eatCmd("cdot") || eatCmd("times") || eat("×") || eat("·")) {
        fs.add(unary());
      } else if (eat("/") || eatCmd("div") || eat("÷")) {
        fs.add(Node.inv(unary()));
      } else if (startsPrimary()) {
        fs.add(power());
      } else {
        break;
      }
    }
    leave();
    // A text after a quantity is a unit ("5 \text{ cm}"): drop it.
    if (fs.size() > 1 && fs.stream().anyMatch(f -> !f.is(Kind.TEXT))) {
      fs.removeIf(f -> f.is(Kind.TEXT) || isUnitPower(f));
    }
    return fs.size() == 1 ? fs.get(0) : Node.of(Kind.MUL, fs);
  }

  private static boolean isUnitPower(Node f) {
    return f.is(Kind.POW) && f.kid(0).is(Kind.TEXT);
  }

  private Node unary() {
    ws();
    if (peekIs("-")) {
      pos++;
      enter();
      Node n = Node.neg(unary());
      leave();
      return n;
    }
    if (peekIs("+")) {
      pos++;
      return unary();
    }
    if (eatCmd("pm") || eatCmd("mp")) {
      return Node.of(Kind.PM, List.of(Node.num(0), unary()));
    }
    return power();
  }

  Node power() {
    enter();
    Node base = postfix();
    ws();
    if (peekIs("^")) {
      pos++;
      Node e = exponent();
      base = Node.of(Kind.POW, List.of(base, e));
      ws();
      if (peekIs("!") && !peekIs("!=")) {
        pos++;
        base = Node.of(Kind.FN, "fact", List.of(base));
      }
    }
    leave();
    return base;
  }

  Node exponent() {
    ws();
    if (peekIs("{")) {
      return group();
    }
    if (peekIs("-")) {
      pos++;
      return Node.neg(exponent());
    }
    if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
      return Node.num(s.charAt(pos++) - '0');
    }
    return postfix();
  }

  private Node postfix() {
    Node p = primary();
    while (true) {
      if (peekIs("!") && !peekIs("!=")) {
        pos++;
        p = Node.of(Kind.FN, "fact", List.of(p));
      } else if (peekIs("'")) {
        pos++;
        p = p.is(Kind.SYM) ? Node.sym(p.name() + "'") : p;
      } else if (peekIs("_")) {
        pos++;
        p = subscript(p);
      } else {
        return p;
      }
    }
  }

  private Node subscript(Node base) {
    ws();
    String raw;
    if (peekIs("{")) {
      int end = matchBrace(pos);
      raw = s.substring(pos + 1, end).replace(" ", "");
      pos = end + 1;
    } else if (pos < s.length()) {
      raw = String.valueOf(s.charAt(pos++));
    } else {
      throw new Fail("empty subscript");
    }
    if (base.is(Kind.SYM) || base.is(Kind.NUM)) {
      String head = base.is(Kind.NUM) ? base.num().toString() : base.name();
      if (raw.matches("[A-Za-z0-9]+")) {
        return Node.sym(head + "_" + raw);
      }
      // an indexed sequence such as F_{n-k-1}: a function of its index
      return Node.of(Kind.FN, "seq:" + head, List.of(nested(raw)));
    }
    return base;
  }
}
