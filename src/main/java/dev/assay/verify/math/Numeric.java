package dev.assay.verify.math;

import dev.assay.verify.math.Node.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numeric equality of scalar trees: exact when both sides are rational, otherwise evaluated at
 * {@link Comparer#TRIALS} deterministic points per free symbol. Numbers written as decimals are
 * compared to {@code precision} decimal places (round-equal, or closer than 10^-precision);
 * everything else to a relative 1e-9.
 */
final class Numeric {
  private Numeric() {}

  private static final double REL_TOL = 1e-9;

  static boolean equal(Node g, Node p, int precision, Budget b) {
    if (g.equals(p)) {
      return true;
    }
    boolean gd = g.hasDecimal();
    boolean pd = p.hasDecimal();
    boolean dec = gd || pd;
    boolean bothDecimal = gd && pd;
    boolean ints = Evaluator.needsIntegers(g) || Evaluator.needsIntegers(p);
    int trials = hasSymbols(g) || hasSymbols(p) ? Comparer.TRIALS : 1;
    int ok = 0;
    for (int t = 0; t < trials; t++) {
      Object a = tryEval(g, b, t, ints);
      Object c = tryEval(p, b, t, ints);
      if (a == null && c == null) {
        continue;
      }
      if (a == null || c == null) {
        return false;
      }
      // two decimals written out are compared exactly (.0000672 is not .0000673); a decimal
      // against an exact value is compared to `precision` places
      if (bothDecimal && a instanceof Rat && c instanceof Rat ? !a.equals(c) : !close(a, c, dec, precision)) {
        return false;
      }
      ok++;
    }
    return ok > 0 || g.equals(p);
  }

  static Object tryEval(Node n, Budget b, int trial, boolean ints) {
    try {
      return new Evaluator(b, trial, ints).eval(n);
    } catch (Evaluator.NotScalar | ArithmeticException e) {
      return null;
    }
  }

  static boolean close(Object a, Object c, boolean dec, int precision) {
    if (a instanceof Rat x && c instanceof Rat y && x.equals(y)) {
      return true;
    }
    if (a instanceof Rat && c instanceof Rat && !dec) {
      return false;
    }
    C x = Evaluator.c(a);
    C y = Evaluator.c(c);
    if (dec) {
      return decimalsClose(x.re(), y.re(), precision) && decimalsClose(x.im(), y.im(), precision);
    }
    double scale = Math.max(1, Math.max(x.abs(), y.abs()));
    return x.add(y.neg()).abs() <= REL_TOL * scale;
  }

  private static boolean decimalsClose(double u, double v, int precision) {
    if (Math.abs(u - v) < Math.pow(10, -precision) || Math.abs(u - v) <= REL_TOL * Math.max(Math.abs(u), Math.abs(v))) {
      return true;
    }
    if (Math.abs(u) > 1e15 || Math.abs(v) > 1e15) {
      return false;
    }
    BigDecimal ru = BigDecimal.valueOf(u).setScale(precision, RoundingMode.HALF_UP);
    BigDecimal rv = BigDecimal.valueOf(v).setScale(precision, RoundingMode.HALF_UP);
    return ru.compareTo(rv) == 0;
  }

  /**
   * Whether {@code a = k * b} for one constant k at every trial point (k > 0 when
   * {@code sign > 0}). Needs free symbols: two constant differences are never "proportional".
   */
  static boolean proportional(Node a, Node b, int sign, Budget budget) {
    if (!hasSymbols(a) && !hasSymbols(b)) {
      return false;
    }
    boolean ints = Evaluator.needsIntegers(a) || Evaluator.needsIntegers(b);
    C ratio = null;
    int ok = 0;
    for (int t = 0; t < Comparer.TRIALS + 2; t++) {
      Object x = tryEval(a, budget, t, ints);
      Object y = tryEval(b, budget, t, ints);
      if (x == null || y == null) {
        continue;
      }
      C u = Evaluator.c(x);
      C v = Evaluator.c(y);
      boolean uz = u.abs() < 1e-12;
      boolean vz = v.abs() < 1e-12;
      if (uz && vz) {
        continue;
      }
      if (uz || vz) {
        return false;
      }
      C r = u.mul(v.inv());
      if (ratio == null) {
        ratio = r;
      } else if (r.add(ratio.neg()).abs() > 1e-7 * Math.max(1, ratio.abs())) {
        return false;
      }
      ok++;
    }
    if (ok < 2 || !ratio.isReal()) {
      return false;
    }
    return sign <= 0 || ratio.re() > 0;
  }

  static boolean hasSymbols(Node n) {
    if (n.is(Kind.SYM)) {
      return !isConstant(n.name());
    }
    if (n.is(Kind.FN) && (n.name().startsWith("f:") || n.name().startsWith("seq:"))) {
      return true;
    }
    for (Node k : n.kids()) {
      if (hasSymbols(k)) {
        return true;
      }
    }
    return false;
  }

  static boolean isConstant(String name) {
    return name.equals("pi") || name.equals("\\pi") || name.equals("e") || name.equals("i");
  }
}
