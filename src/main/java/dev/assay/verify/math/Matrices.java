package dev.assay.verify.math;

import dev.assay.verify.math.Node.Kind;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code \begin{pmatrix} a & b \\ c & d \end{pmatrix}} (also bmatrix, array, ...). */
final class Matrices {
  private Matrices() {}

  private static final java.util.Set<String> ENVS = java.util.Set.of(
      "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "array");

  static Node parse(LatexParser p) {
    String env = p.rawArg().strip();
    if (!ENVS.contains(env)) {
      throw new LatexAtoms.Fail("unsupported environment " + env);
    }
    if (env.equals("array")) {
      p.rawArg();
    }
    List<Node> rows = new ArrayList<>();
    List<Node> row = new ArrayList<>();
    while (true) {
      p.ws();
      if (p.eatCmd("end")) {
        p.rawArg();
        break;
      }
      if (p.peekIs("\\\\")) {
        p.eat("\\\\");
        if (!row.isEmpty()) {
          rows.add(Node.of(Kind.TUPLE, "row", row));
        }
        row = new ArrayList<>();
        continue;
      }
      if (p.eat("&")) {
        continue;
      }
      row.add(p.cell());
    }
    if (!row.isEmpty()) {
      rows.add(Node.of(Kind.TUPLE, "row", row));
    }
    if (rows.isEmpty()) {
      throw new LatexAtoms.Fail("empty matrix");
    }
    int w = rows.get(0).kids().size();
    for (Node r : rows) {
      if (r.kids().size() != w) {
        throw new LatexAtoms.Fail("ragged matrix");
      }
    }
    return Node.of(Kind.MATRIX, env, rows);
  }

  /** Carries out sums and products in which matrices take part; other nodes are returned as is. */
  static Node arith(Node n) {
    if (n.kids().stream().noneMatch(k -> k.is(Kind.MATRIX))) {
      return n;
    }
    Node acc = n.kid(0);
    for (int i = 1; i < n.kids().size(); i++) {
      acc = n.is(Kind.ADD) ? add(acc, n.kid(i)) : mul(acc, n.kid(i));
    }
    return acc;
  }

  private static Node add(Node a, Node b) {
    if (!a.is(Kind.MATRIX) || !b.is(Kind.MATRIX) || rows(a) != rows(b) || cols(a) != cols(b)) {
      throw new LatexAtoms.Fail("matrix sum of different shapes");
    }
    List<Node> rows = new ArrayList<>();
    for (int r = 0; r < rows(a); r++) {
      List<Node> row = new ArrayList<>();
      for (int c = 0; c < cols(a); c++) {
        row.add(Node.of(Kind.ADD, List.of(at(a, r, c), at(b, r, c))));
      }
      rows.add(Node.of(Kind.TUPLE, "row", row));
    }
    return Node.of(Kind.MATRIX, a.name(), rows);
  }

  private static Node mul(Node a, Node b) {
    if (!a.is(Kind.MATRIX) || !b.is(Kind.MATRIX)) {
      Node m = a.is(Kind.MATRIX) ? a : b;
      Node k = a.is(Kind.MATRIX) ? b : a;
      List<Node> rows = new ArrayList<>();
      for (int r = 0; r < rows(m); r++) {
        List<Node> row = new ArrayList<>();
        for (int c = 0; c < cols(m); c++) {
          row.add(Node.of(Kind.MUL, List.of(k, at(m, r, c))));
        }
        rows.add(Node.of(Kind.TUPLE, "row", row));
      }
      return Node.of(Kind.MATRIX, m.name(), rows);
    }
    if (cols(a) != rows(b)) {
      throw new LatexAtoms.Fail("matrix product of incompatible shapes");
    }
    List<Node> rows = new ArrayList<>();
    for (int r = 0; r < rows(a); r++) {
      List<Node> row = new ArrayList<>();
      for (int c = 0; c < cols(b); c++) {
        List<Node> terms = new ArrayList<>();
        for (int k = 0; k < cols(a); k++) {
          terms.add(Node.of(Kind.MUL, List.of(at(a, r, k), at(b, k, c))));
        }
        row.add(Node.of(Kind.ADD, terms));
      }
      rows.add(Node.of(Kind.TUPLE, "row", row));
    }
    return Node.of(Kind.MATRIX, a.name(), rows);
  }

  private static int rows(Node m) {
    return m.kids().size();
  }

  private static int cols(Node m) {
    return m.kid(0).kids().size();
  }

  private static Node at(Node m, int r, int c) {
    return m.kid(r).kid(c);
  }
}
