package dev.assay.verify.math;

import dev.assay.verify.math.Node.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a parsed answer into the form the comparer works on: {@code a \pm b} becomes the set
 * of both values, {@code x = 5+5+1 = 11} keeps its first and last member, {@code \approx} tails are
 * dropped, and sums and products of matrices are carried out.
 */
final class Relations {
  private Relations() {}

  private static final int MAX_ALTERNATIVES = 32;

  static Node tidy(Node n) {
    if (n.kids().isEmpty()) {
      return n;
    }
    List<Node> kids = new ArrayList<>(n.kids().size());
    for (Node k : n.kids()) {
      kids.add(tidy(k));
    }
    Node m = new Node(n.kind(), List.copyOf(kids), n.name(), n.num(), n.decimal());
    return switch (m.kind()) {
      case PM -> pm(m.kid(0), m.kid(1));
      case REL -> relation(m);
      case SET -> flattenSet(m);
      case ADD, MUL -> Matrices.arith(distribute(m));
      case POW, FN -> distribute(m);
      default -> m;
    };
  }

  private static Node pm(Node a, Node b) {
    boolean zero = a.is(Kind.NUM) && a.num().signum() == 0;
    Node plus = zero ? b : Node.of(Kind.ADD, List.of(a, b));
    Node minus = zero ? Node.neg(b) : Node.of(Kind.ADD, List.of(a, Node.neg(b)));
    return flattenSet(Node.of(Kind.SET, "pm", List.of(distribute(plus), distribute(minus))));
  }

  private static boolean isPm(Node n) {
    return n.is(Kind.SET) && "pm".equals(n.name());
  }

  /** f(a, {b1, b2}) becomes {f(a, b1), f(a, b2)}. */
  private static Node distribute(Node n) {
    for (int i = 0; i < n.kids().size(); i++) {
      Node k = n.kid(i);
      if (isPm(k)) {
        List<Node> alts = new ArrayList<>();
        for (Node alt : k.kids()) {
          List<Node> kids = new ArrayList<>(n.kids());
          kids.set(i, alt);
          alts.add(distribute(new Node(n.kind(), List.copyOf(kids), n.name(), n.num(), n.decimal())));
        }
        return flattenSet(Node.of(Kind.SET, "pm", alts));
      }
    }
    return n;
  }

  private static Node flattenSet(Node s) {
    if (s.kids().stream().noneMatch(Relations::isPm)) {
      return s;
    }
    List<Node> out = new ArrayList<>();
    for (Node k : s.kids()) {
      if (isPm(k)) {
        out.addAll(k.kids());
      } else {
        out.add(k);
      }
    }
    if (out.size() > MAX_ALTERNATIVES) {
      throw new LatexAtoms.Fail("too many \\pm alternatives");
    }
    return new Node(Kind.SET, List.copyOf(out), s.name(), null, false);
  }

  private static Node relation(Node r) {
    String ops = r.name();
    List<Node> parts = r.kids();
    int a = ops.indexOf('a');
    if (a >= 0) {
      if (ops.substring(0, a).indexOf('=') >= 0) {
        ops = ops.substring(0, a);
        parts = parts.subList(0, a + 1);
      } else {
        ops = ops.replace('a', '=');
      }
    }
    if (ops.length() > 1 && ops.chars().allMatch(c -> c == '=')) {
      Node first = parts.get(0);
      Node last = parts.get(parts.size() - 1);
      parts = isAssignable(first) ? List.of(first, last) : List.of(parts.get(parts.size() - 2), last);
      ops = "=";
    }
    if (ops.equals("=") && !Numeric.hasSymbols(parts.get(0)) && !Numeric.hasSymbols(parts.get(1))) {
      return parts.get(1); // "1/2 = 10/9" reads as a computation and its result
    }
    return Node.of(Kind.REL, ops, parts);
  }

  /**
   * Whether a relation's left side names the answer rather than constrains it: {@code x},
   * {@code a_3}, {@code f(x)}, {@code |AB|}, {@code A:B}, {@code (p,q)}, {@code \frac{NO}{BO}}.
   */
  static boolean isAssignable(Node n) {
    return switch (n.kind()) {
      case SYM -> true;
      case FN -> n.name().startsWith("f:") || n.name().startsWith("seq:")
          || (n.name().equals("abs") && isAssignable(n.kid(0)));
      case MUL, TUPLE, RATIO -> n.kids().stream().allMatch(Relations::isAssignable);
      case POW -> isAssignable(n.kid(0)) && n.kid(1).is(Kind.NUM) && n.kid(1).num().equals(Rat.of(-1));
      default -> false;
    };
  }

  /** Whether a relation is an assignment {@code lhs = value} (or {@code x \in S}). */
  static boolean isAssignment(Node r) {
    return r.is(Kind.REL) && r.kids().size() == 2
        && (r.name().equals("i") || r.name().equals("=") && isAssignable(r.kid(0)));
  }

  /** {@code 5 = x}: a value on the left of a lone symbol. */
  static boolean isReversedAssignment(Node r) {
    return r.is(Kind.REL) && r.kids().size() == 2 && r.name().equals("=")
        && r.kid(1).is(Kind.SYM) && !Numeric.hasSymbols(r.kid(0));
  }
}
