package dev.assay.verify.math;

import java.util.List;

/**
 * A parsed answer: an immutable tree. {@code name} holds a symbol or function name, a text, the
 * brackets of a tuple ("()", "[)", ...) or the operators of a relation chain (one char each:
 * {@code = < > l(<=) g(>=) n(!=) i(in)}); {@code num} holds a number's exact value and
 * {@code decimal} whether it was written with a decimal point.
 */
record Node(Kind kind, List<Node> kids, String name, Rat num, boolean decimal) {

  enum Kind {
    NUM, SYM, INF, ADD, MUL, POW, FN, PM, SET, TUPLE, UNION, REL, MATRIX, TEXT, RATIO, SUM, PROD
  }

  static Node num(Rat v, boolean decimal) {
    return new Node(Kind.NUM, List.of(), null, v, decimal);
  }

  static Node num(long v) {
    return num(Rat.of(v), false);
  }

  static Node sym(String name) {
    return new Node(Kind.SYM, List.of(), name, null, false);
  }

  static Node text(String t) {
    return new Node(Kind.TEXT, List.of(), t, null, false);
  }

  static Node inf(boolean positive) {
    return new Node(Kind.INF, List.of(), positive ? "+" : "-", null, false);
  }

  static Node of(Kind k, List<Node> kids) {
    return new Node(k, List.copyOf(kids), null, null, false);
  }

  static Node of(Kind k, String name, List<Node> kids) {
    return new Node(k, List.copyOf(kids), name, null, false);
  }

  static Node neg(Node a) {
    if (a.kind == Kind.NUM) {
      return num(a.num.neg(), a.decimal);
    }
    if (a.kind == Kind.INF) {
      return inf(!"+".equals(a.name));
    }
    return of(Kind.MUL, List.of(num(-1), a));
  }

  static Node inv(Node a) {
    return of(Kind.POW, List.of(a, num(-1)));
  }

  Node kid(int i) {
    return kids.get(i);
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** True when the tree mentions a number written with a decimal point. */
  boolean hasDecimal() {
    if (decimal) {
      return true;
    }
    for (Node k : kids) {
      if (k.hasDecimal()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NUM -> num.toString() + (decimal ? "d" : "");
      case SYM -> name;
      case TEXT -> "\"" + name + "\"";
      case INF -> name + "oo";
      default -> kind + (name == null ? "" : "[" + name + "]") + kids;
    };
  }
}
