package dev.assay.verify.math;

import dev.assay.verify.math.Node.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares an inequality ({@code -2 \le x \le 7}, {@code 1 \le |z| \le 3/2}) with an interval or a
 * union of intervals by testing membership at every endpoint, just beside it, and between
 * endpoints: the two must agree at every test point.
 */
final class Intervals {
  private Intervals() {}

  private static final double EPS = 1e-9;

  static Node flip(Node r) {
    StringBuilder ops = new StringBuilder();
    for (int i = r.name().length() - 1; i >= 0; i--) {
      char c = r.name().charAt(i);
      ops.append(switch (c) {
        case '<' -> '>';
        case '>' -> '<';
        case 'l' -> 'g';
        case 'g' -> 'l';
        default -> c;
      });
    }
    List<Node> parts = new ArrayList<>(r.kids());
    java.util.Collections.reverse(parts);
    return Node.of(Kind.REL, ops.toString(), parts);
  }

  private record Iv(double lo, double hi, boolean loOpen, boolean hiOpen) {
    boolean contains(double t) {
      int a = cmp(t, lo);
      int b = cmp(t, hi);
      return (a > 0 || a == 0 && !loOpen) && (b < 0 || b == 0 && !hiOpen);
    }
  }

  static boolean relationMatchesSet(Node rel, Node set, Comparer cmp, Budget b) {
    String ops = rel.name();
    if (!ops.matches("[<>lg]+")) {
      return false;
    }
    List<Iv> ivs = new ArrayList<>();
    if (!intervals(set, ivs, b)) {
      return false;
    }
    int var = -1;
    for (int i = 0; i < rel.kids().size(); i++) {
      if (Numeric.hasSymbols(rel.kid(i))) {
        if (var >= 0) {
          return false;
        }
        var = i;
      }
    }
    if (var < 0) {
      return false;
    }
    double[] members = new double[rel.kids().size()];
    TreeSet<Double> points = new TreeSet<>();
    for (int i = 0; i < members.length; i++) {
      if (i != var) {
        members[i] = real(rel.kid(i), b);
        if (Double.isNaN(members[i])) {
          return false;
        }
        points.add(members[i]);
      }
    }
    for (Iv iv : ivs) {
      points.add(iv.lo);
      points.add(iv.hi);
    }
    List<Double> base = new ArrayList<>();
    for (double p : points) {
      if (Double.isFinite(p)) {
        base.add(p);
      }
    }
    List<Double> tests = new ArrayList<>(List.of(0.0, 1e6, -1e6, 0.5, -0.5));
    for (int i = 0; i < base.size(); i++) {
      double e = base.get(i);
      tests.addAll(List.of(e, e + 1e-6, e - 1e-6, e + 0.5, e - 0.5, e + 7, e - 7));
      if (i + 1 < base.size()) {
        tests.add((e + base.get(i + 1)) / 2);
      }
    }
    Node v = rel.kid(var);
    String sym = singleSymbol(v);
    for (double t : tests) {
      b.tick();
      double val;
      if (v.is(Kind.SYM) || v.is(Kind.FN) && v.name().startsWith("f:")) {
        val = t;
      } else if (sym != null) {
        val = evalAt(v, sym, t, b);
        if (Double.isNaN(val)) {
          continue;
        }
      } else {
        return false;
      }
      members[var] = val;
      boolean holds = holds(ops, members);
      boolean in = ivs.stream().anyMatch(iv -> iv.contains(t));
      if (holds != in) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(String ops, double[] m) {
    for (int i = 0; i < ops.length(); i++) {
      int c = cmp(m[i], m[i + 1]);
      boolean ok = switch (ops.charAt(i)) {
        case '<' -> c < 0;
        case '>' -> c > 0;
        case 'l' -> c <= 0;
        case 'g' -> c >= 0;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static int cmp(double a, double b) {
    if (a == b || Math.abs(a - b) <= EPS * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) {
      return 0;
    }
    return a < b ? -1 : 1;
  }

  private static boolean intervals(Node set, List<Iv> out, Budget b) {
    if (set.is(Kind.UNION)) {
      for (Node k : set.kids()) {
        if (!intervals(k, out, b)) {
          return false;
        }
      }
      return true;
    }
    if (!set.is(Kind.TUPLE) || set.kids().size() != 2) {
      return false;
    }
    double lo = real(set.kid(0), b);
    double hi = real(set.kid(1), b);
    if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
      return false;
    }
    out.add(new Iv(lo, hi, set.name().charAt(0) == '(', set.name().charAt(1) == ')'));
    return true;
  }

  private static double real(Node n, Budget b) {
    if (n.is(Kind.INF)) {
      return n.name().equals("+") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    if (Numeric.hasSymbols(n)) {
      return Double.NaN;
    }
    Object v = Numeric.tryEval(n, b, 0, false);
    if (v == null) {
      return Double.NaN;
    }
    C c = Evaluator.c(v);
    return c.isReal() ? c.re() : Double.NaN;
  }

  private static String singleSymbol(Node n) {
    java.util.Set<String> names = new java.util.HashSet<>();
    collect(n, names);
    return names.size() == 1 ? names.iterator().next() : null;
  }

  private static void collect(Node n, java.util.Set<String> names) {
    if (n.is(Kind.SYM) && !Numeric.isConstant(n.name())) {
      names.add(n.name());
    }
    for (Node k : n.kids()) {
      collect(k, names);
    }
  }

  private static double evalAt(Node n, String sym, double t, Budget b) {
    try {
      Evaluator ev = new Evaluator(b, 0, false);
      ev.bind(sym, C.real(t));
      C c = Evaluator.c(ev.eval(n));
      return c.isReal() ? c.re() : Double.NaN;
    } catch (Evaluator.NotScalar | ArithmeticException e) {
      return Double.NaN;
    }
  }
}
