package dev.assay.verify.math;

import dev.assay.verify.math.Node.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the LaTeX subset answers are written in (also plain
 * {@code 1/2*x^2}). Input is normalised first by {@link Normalizer}. Precedence, loosest first:
 * lists ({@code ;} then {@code ,}), relation chains, ratios {@code a:b}, unions, sums (with
 * {@code \pm}), products (explicit and implicit), unary signs, powers, postfix ({@code !},
 * subscripts), atoms. Depth is capped so a deep nest fails fast instead of overflowing the stack.
 */
final class LatexParser {
  static final int MAX_DEPTH = 120;
  private static final Set<String> FUNCS = Set.of(
      "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh",
      "tanh", "log", "ln", "exp", "lg");
  private static final Set<String> TEXT_CMDS = Set.of(
      "text", "textbf", "textit", "textrm", "mathrm", "mbox", "textnormal", "mathbf", "mathit",
      "mathsf", "textsf", "texttt", "operatorname", "hbox", "emph");
  private static final Set<String> DECOR = Set.of(
      "overline", "vec", "hat", "bar", "mathbb", "mathcal", "widehat", "overrightarrow", "tilde");
  private static final Set<String> PRIMARY_CMDS = Set.of(
      "frac", "sqrt", "pi", "infty", "binom", "lfloor", "lceil", "begin", "boxed", "sum", "prod",
      "theta", "alpha", "beta", "gamma", "delta", "phi", "lambda", "mu", "omega", "sigma", "tau",
      "rho", "epsilon", "varepsilon", "varphi", "psi", "eta", "zeta", "xi", "nu", "kappa", "chi",
      "Omega", "Delta", "Gamma", "Phi", "Sigma", "Theta", "Lambda", "Pi", "Psi", "fbox", "{",
      "infinity", "ell", "imath");

  static final class Fail extends RuntimeException {
    Fail(String msg) {
      super(msg, null, false, false);
    }
  }

  private final String s;
  private final Budget budget;
  private int pos;
  private int depth;

  private LatexParser(String s, Budget budget) {
    this.s = s;
    this.budget = budget;
  }

  /** Parses the whole string or throws {@link Fail}; may throw {@link Budget.Exceeded}. */
  static Node parse(String s, Budget budget) {
    LatexParser p = new LatexParser(s, budget);
    Node n = p.list();
    p.ws();
    if (p.pos < s.length()) {
      throw new Fail("unexpected '" + s.charAt(p.pos) + "' at " + p.pos);
    }
    return n;
  }

  // ---- lists and relations ----

  private Node list() {
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

  private Node sum() {
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

  private Node term(boolean signed) {
    enter();
    List<Node> fs = new ArrayList<>();
    fs.add(signed ? unary() : power());
    while (true) {
      ws();
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

  private Node power() {
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

  private Node exponent() {
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
      return Node.of(Kind.FN, "seq:" + head, List.of(parse(raw, budget)));
    }
    return base;
  }

  private Node primary() {
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
        return command();
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

  private Node group() {
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

  // ---- commands ----

  private Node command() {
    pos++;
    if (pos >= s.length()) {
      throw new Fail("lone backslash");
    }
    if (peekIs("{")) {
      pos++;
      enter();
      ws();
      Node in = peekIs("\\}") ? Node.of(Kind.SET, List.of()) : list();
      leave();
      expect("\\}");
      return in.is(Kind.SET) ? Node.of(Kind.SET, "set", in.kids()) : Node.of(Kind.SET, "set", List.of(in));
    }
    String name = cmdName();
    return switch (name) {
      case "frac", "dfrac", "tfrac", "cfrac" -> {
        Node a = arg();
        Node b = arg();
        yield Node.of(Kind.MUL, List.of(a, Node.inv(b)));
      }
      case "sqrt" -> sqrt();
      case "pi" -> Node.sym("pi");
      case "infty", "infinity" -> Node.inf(true);
      case "boxed", "fbox" -> arg();
      case "binom" -> Node.of(Kind.FN, "binom", List.of(arg(), arg()));
      case "lfloor" -> delimited("floor", "rfloor");
      case "lceil" -> delimited("ceil", "rceil");
      case "begin" -> Matrices.parse(this);
      case "sum", "prod" -> bigOp(name);
      case "imath" -> Node.sym("i");
      default -> {
        if (FUNCS.contains(name)) {
          yield function(name);
        }
        if (TEXT_CMDS.contains(name)) {
          yield textNode(rawArg());
        }
        if (DECOR.contains(name)) {
          yield Node.sym(name + ":" + rawArg().replace(" ", ""));
        }
        if (name.length() > 1 && Character.isLetter(name.charAt(0))) {
          yield Node.sym("\\" + name);
        }
        throw new Fail("unsupported command \\" + name);
      }
    };
  }

  private Node textNode(String content) {
    String t = content.strip();
    if (t.matches("-?\\d+(\\.\\d+)?")) {
      return Node.num(Rat.parseDecimal(t), t.contains("."));
    }
    if (t.matches("[A-Za-z]")) {
      return Node.sym(t);
    }
    return Node.text(t);
  }

  private Node sqrt() {
    ws();
    Node index = null;
    if (peekIs("[")) {
      int end = s.indexOf(']', pos);
      if (end < 0) {
        throw new Fail("bad root index");
      }
      index = parse(s.substring(pos + 1, end), budget);
      pos = end + 1;
    }
    Node r = arg();
    Node e = index == null ? Node.of(Kind.MUL, List.of(Node.num(1), Node.inv(Node.num(2))))
        : Node.inv(index);
    return Node.of(Kind.POW, List.of(r, e));
  }

  private Node function(String name) {
    ws();
    Node power = null;
    Node base = null;
    if (name.equals("log") && peekIs("_")) {
      pos++;
      base = arg();
    }
    if (peekIs("^")) {
      pos++;
      power = exponent();
    }
    ws();
    Node a;
    if (peekIs("(")) {
      pos++;
      enter();
      a = list();
      leave();
      expect(")");
    } else {
      a = power();
    }
    List<Node> args = base == null ? List.of(a) : List.of(a, base);
    Node f = Node.of(Kind.FN, name, args);
    if (power != null) {
      boolean inverse = power.is(Kind.NUM) && power.num().equals(Rat.of(-1));
      f = inverse ? Node.of(Kind.FN, "arc" + name, args) : Node.of(Kind.POW, List.of(f, power));
    }
    return f;
  }

  private Node delimited(String fn, String closer) {
    enter();
    Node in = sum();
    leave();
    ws();
    if (!eatCmd(closer)) {
      throw new Fail("missing \\" + closer);
    }
    return Node.of(Kind.FN, fn, List.of(in));
  }

  private Node bigOp(String name) {
    ws();
    expect("_");
    int start = pos;
    String lowRaw = rawArg();
    String[] iv = lowRaw.split("=", 2);
    if (iv.length != 2 || !iv[0].strip().matches("[A-Za-z]")) {
      pos = start;
      throw new Fail("unsupported \\" + name + " bounds");
    }
    Node lo = parse(iv[1], budget);
    ws();
    expect("^");
    Node hi = exponent();
    Node body = term(false);
    return Node.of(name.equals("sum") ? Kind.SUM : Kind.PROD, iv[0].strip(), List.of(body, lo, hi));
  }

  /** One argument: a braced group, or a single character/digit/command ({@code \frac12}). */
  Node arg() {
    ws();
    if (peekIs("{")) {
      return group();
    }
    if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
      return Node.num(s.charAt(pos++) - '0');
    }
    if (pos < s.length() && Character.isLetter(s.charAt(pos))) {
      return Node.sym(String.valueOf(s.charAt(pos++)));
    }
    return primary();
  }

  String rawArg() {
    ws();
    if (!peekIs("{")) {
      if (pos < s.length()) {
        return String.valueOf(s.charAt(pos++));
      }
      throw new Fail("missing argument");
    }
    int end = matchBrace(pos);
    String in = s.substring(pos + 1, end);
    pos = end + 1;
    return in;
  }

  private int matchBrace(int open) {
    int d = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        d++;
      } else if (c == '}' && --d == 0) {
        return i;
      }
    }
    throw new Fail("unbalanced braces");
  }

  // ---- helpers used by Matrices ----

  Node cell() {
    return list();
  }

  String cmdName() {
    int start = pos;
    while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      pos++;
      return s.substring(start, pos);
    }
    return s.substring(start, pos);
  }

  void ws() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  boolean peekIs(String t) {
    return s.startsWith(t, pos);
  }

  boolean eat(String t) {
    ws();
    if (s.startsWith(t, pos)) {
      pos += t.length();
      return true;
    }
    return false;
  }

  boolean eatCmd(String name) {
    ws();
    if (pos >= s.length() || s.charAt(pos) != '\\') {
      return false;
    }
    int end = pos + 1 + name.length();
    if (s.startsWith(name, pos + 1) && (end >= s.length() || !Character.isLetter(s.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  void expect(String t) {
    if (!eat(t)) {
      throw new Fail("expected '" + t + "' at " + pos);
    }
  }

  private boolean startsPrimary() {
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
      return PRIMARY_CMDS.contains(name) || FUNCS.contains(name) || TEXT_CMDS.contains(name)
          || DECOR.contains(name);
    }
    return false;
  }

  private void enter() {
    budget.tick();
    if (++depth > MAX_DEPTH) {
      throw new Fail("expression nested too deeply");
    }
  }

  private void leave() {
    depth--;
  }
}
