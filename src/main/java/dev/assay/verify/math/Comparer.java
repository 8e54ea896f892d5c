package dev.assay.verify.math;

import dev.assay.verify.math.Node.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether two tidied answers are the same object. Scalars are compared exactly when both
 * are rational, else numerically at several deterministic points (symbolic identity testing);
 * sets ignore order and duplicates, tuples and intervals do not (brackets must match), equations
 * match when their sides agree or their differences are proportional (never merely because both
 * are "= 0"), inequalities when their differences are positively proportional with the same
 * strictness. An assignment ({@code x = 3}) stands for its value. An inequality gold accepts the
 * equivalent interval; an interval gold accepts an inequality only when
 * {@link MathOptions#allowSetRelationComp()} is set.
 */
final class Comparer {
  static final int TRIALS = 4;
  private static final double REL_TOL = 1e-9;

  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
  private static final java.util.regex.Pattern PARENS = java.util.regex.Pattern.compile("\\([A-Za-z0-9]+\\)");

  private final Budget budget;
  private final MathOptions opts;

  Comparer(Budget budget, MathOptions opts) {
    this.budget = budget;
    this.opts = opts;
  }

  boolean equal(Node gold, Node pred) {
    budget.tick();
    Node g = unwrap(gold);
    Node p = unwrap(pred);
    boolean gRel = g.is(Kind.REL);
    boolean pRel = p.is(Kind.REL);
    if (gRel && pRel && g.name().equals("i") && p.name().equals("i")) {
      return equal(g.kid(1), p.kid(1)) && equal(g.kid(0), p.kid(0));
    }
    if (gRel && !pRel) {
      if (Relations.isAssignment(g)) {
        return equal(g.kid(1), p);
      }
      if (Relations.isReversedAssignment(g)) {
        return equal(g.kid(0), p);
      }
      return isSetLike(p) && Intervals.relationMatchesSet(g, p, this, budget);
    }
    if (pRel && !gRel) {
      if (Relations.isAssignment(p)) {
        return equal(g, p.kid(1));
      }
      if (Relations.isReversedAssignment(p)) {
        return equal(g, p.kid(0));
      }
      return opts.allowSetRelationComp() && isSetLike(g) && Intervals.relationMatchesSet(p, g, this, budget);
    }
    if (gRel) {
      if (p.name().equals("i") && !g.name().equals("i")) {
        return isSetLike(p.kid(1)) && Intervals.relationMatchesSet(g, p.kid(1), this, budget);
      }
      if (g.name().equals("i")) {
        return opts.allowSetRelationComp() && Intervals.relationMatchesSet(p, g.kid(1), this, budget);
      }
      return relations(g, p);
    }
    return structural(g, p);
  }

  private static Node unwrap(Node n) {
    while (n.is(Kind.SET) && n.kids().size() == 1) {
      n = n.kid(0);
    }
    return n;
  }

  static boolean isSetLike(Node n) {
    return n.is(Kind.UNION) || n.is(Kind.TUPLE) && n.kids().size() == 2 && !"row".equals(n.name());
  }

  private boolean structural(Node g, Node p) {
    Kind gk = g.kind();
    Kind pk = p.kind();
    if (gk == Kind.SET && pk == Kind.SET) {
      return sameSet(g.kids(), p.kids());
    }
    if (gk == Kind.SET && pk == Kind.TUPLE || gk == Kind.TUPLE && pk == Kind.SET) {
      return inOrder(g.kids(), p.kids());
    }
    if (gk == Kind.SET || pk == Kind.SET) {
      // "\\boxed{15\\frac{39}{40}} or \\boxed{\\frac{639}{40}}": one value written twice
      List<Node> d = dedupe(gk == Kind.SET ? g.kids() : p.kids());
      return d.size() == 1 && (gk == Kind.SET ? equal(d.get(0), p) : equal(g, d.get(0)));
    }
    if (gk == Kind.TUPLE && pk == Kind.TUPLE) {
      if (!g.name().equals(p.name())) {
        return false;
      }
      return inOrder(g.kids(), p.kids());
    }
    if (gk == Kind.UNION && pk == Kind.UNION) {
      return sameSet(g.kids(), p.kids());
    }
    if (gk == Kind.MATRIX && pk == Kind.MATRIX) {
      return inOrder(g.kids(), p.kids());
    }
    if (gk == Kind.RATIO && pk == Kind.RATIO) {
      return inOrder(g.kids(), p.kids());
    }
    if (gk == Kind.INF || pk == Kind.INF) {
      return gk == pk && g.name().equals(p.name());
    }
    if (gk == Kind.TEXT || pk == Kind.TEXT) {
      String a = letters(g);
      String b = letters(p);
      return a != null && a.equals(b);
    }
    if (isCompound(gk) || isCompound(pk)) {
      return false;
    }
    return Numeric.equal(g, p, opts.precision(), budget);
  }

  private static boolean isCompound(Kind k) {
    return k == Kind.TUPLE || k == Kind.UNION || k == Kind.MATRIX || k == Kind.RATIO || k == Kind.REL;
  }

  /** A text, or a product of single letters read as a word ({@code Even} = E*v*e*n). */
  static String letters(Node n) {
    if (n.is(Kind.TEXT)) {
      String t = SPACES.matcher(n.name()).replaceAll("");
      if (PARENS.matcher(t).matches()) {
        t = t.substring(1, t.length() - 1);
      }
      return t;
    }
    if (n.is(Kind.SYM) && n.name().length() == 1) {
      return n.name();
    }
    if (n.is(Kind.MUL)) {
      StringBuilder sb = new StringBuilder();
      for (Node k : n.kids()) {
        String s = k.is(Kind.SYM) && k.name().length() == 1 ? k.name() : null;
        if (s == null) {
          return null;
        }
        sb.append(s);
      }
      return sb.toString();
    }
    return null;
  }

  private boolean inOrder(List<Node> a, List<Node> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!equal(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean sameSet(List<Node> a, List<Node> b) {
    List<Node> x = dedupe(a);
    List<Node> y = dedupe(b);
    if (x.size() != y.size()) {
      return false;
    }
    return match(x, y, 0, new boolean[y.size()]);
  }

  private boolean match(List<Node> x, List<Node> y, int i, boolean[] used) {
    if (i == x.size()) {
      return true;
    }
    for (int j = 0; j < y.size(); j++) {
      if (!used[j] && equal(x.get(i), y.get(j))) {
        used[j] = true;
        if (match(x, y, i + 1, used)) {
          return true;
        }
        used[j] = false;
      }
    }
    return false;
  }

  private List<Node> dedupe(List<Node> in) {
    if (in.size() > 64) {
      throw new Budget.Exceeded("set too large");
    }
    List<Node> out = new ArrayList<>();
    for (Node n : in) {
      boolean dup = false;
      for (Node o : out) {
        if (o.equals(n) || equal(o, n)) {
          dup = true;
          break;
        }
      }
      if (!dup) {
        out.add(n);
      }
    }
    return out;
  }

  // ---- relations ----

  private boolean relations(Node g, Node p) {
    String go = g.name();
    String po = p.name();
    if (g.kids().size() != p.kids().size()) {
      return false;
    }
    if (g.kids().size() > 2) {
      return sameChain(g, p) || sameChain(g, Intervals.flip(p));
    }
    if (go.equals(po) && inOrder(g.kids(), p.kids())) {
      return true;
    }
    Node pf = Intervals.flip(p);
    if (go.equals(pf.name()) && inOrder(g.kids(), pf.kids())) {
      return true;
    }
    char a = go.charAt(0);
    char b = po.charAt(0);
    if (a == '=' && b == '=') {
      return Numeric.proportional(diff(g), diff(p), 0, budget);
    }
    if (a == 'n' && b == 'n') {
      return Numeric.proportional(diff(g), diff(p), 0, budget);
    }
    // normalise to "d > 0" / "d >= 0"
    Node dg = positiveSide(g);
    Node dp = positiveSide(p);
    if (dg == null || dp == null || strict(a) != strict(b)) {
      return false;
    }
    return Numeric.proportional(dg, dp, 1, budget);
  }

  private boolean sameChain(Node g, Node p) {
    return g.name().equals(p.name()) && inOrder(g.kids(), p.kids());
  }

  private static boolean strict(char op) {
    return op == '<' || op == '>';
  }

  static Node diff(Node r) {
    return Node.of(Kind.ADD, List.of(r.kid(0), Node.neg(r.kid(1))));
  }

  /** For {@code a < b} returns {@code b - a}, for {@code a > b} returns {@code a - b}. */
  private static Node positiveSide(Node r) {
    return switch (r.name().charAt(0)) {
      case '<', 'l' -> Node.of(Kind.ADD, List.of(r.kid(1), Node.neg(r.kid(0))));
      case '>', 'g' -> diff(r);
      default -> null;
    };
  }
}
