package dev.assay.verify.math;

import java.math.BigInteger;

/** The named functions the evaluator knows, plus pseudo-random stand-ins for unknown ones. */
final class Functions {
  private Functions() {}

  static Object apply(Evaluator ev, Node n) {
    String name = n.name();
    if (name.startsWith("f:") || name.startsWith("seq:")) {
      return unknown(ev, n);
    }
    Object a = ev.eval(n.kid(0));
    switch (name) {
      case "abs":
        if (a instanceof Rat r) {
          return r.signum() < 0 ? r.neg() : r;
        }
        return C.real(Evaluator.c(a).abs());
      case "fact":
        return factorial(Evaluator.asInt(a));
      case "binom":
        return binom(Evaluator.asInt(a), Evaluator.asInt(ev.eval(n.kid(1))));
      case "floor":
      case "ceil":
        return rounding(name, a);
      default:
        break;
    }
    C z = Evaluator.c(a);
    C r = switch (name) {
      case "sin" -> z.sin();
      case "cos" -> z.cos();
      case "tan" -> z.sin().mul(z.cos().inv());
      case "sec" -> z.cos().inv();
      case "csc" -> z.sin().inv();
      case "cot" -> z.cos().mul(z.sin().inv());
      case "arcsin" -> real(Math.asin(z.re()), z);
      case "arccos" -> real(Math.acos(z.re()), z);
      case "arctan" -> real(Math.atan(z.re()), z);
      case "sinh" -> real(Math.sinh(z.re()), z);
      case "cosh" -> real(Math.cosh(z.re()), z);
      case "tanh" -> real(Math.tanh(z.re()), z);
      case "ln" -> z.log();
      case "exp" -> z.exp();
      case "lg" -> z.log().mul(C.real(1 / Math.log(10)));
      case "log" -> n.kids().size() > 1
          ? z.log().mul(Evaluator.c(ev.eval(n.kid(1))).log().inv())
          : z.log();
      default -> throw new Evaluator.NotScalar("unknown function " + name);
    };
    return Evaluator.check(r);
  }

  private static C real(double v, C z) {
    if (!z.isReal() || Double.isNaN(v)) {
      throw new Evaluator.NotScalar("outside real domain");
    }
    return C.real(v);
  }

  private static Object unknown(Evaluator ev, Node n) {
    int h = n.name().hashCode();
    C acc = C.real(0.3 + (h & 7) * 0.1);
    int j = 0;
    for (Node k : n.kids()) {
      C v = Evaluator.c(ev.eval(k));
      double a = 0.7 + ((h >>> (3 * j + 3)) & 7) * 0.13;
      acc = acc.add(v.mul(C.real(a)).add(C.real(0.4 + j)).sin());
      j++;
    }
    return Evaluator.check(acc);
  }

  private static Object factorial(long k) {
    if (k < 0 || k > 500) {
      throw new Evaluator.NotScalar("factorial out of range");
    }
    BigInteger r = BigInteger.ONE;
    for (long i = 2; i <= k; i++) {
      r = r.multiply(BigInteger.valueOf(i));
    }
    return Rat.of(r, BigInteger.ONE);
  }

  private static Object binom(long a, long b) {
    if (b < 0 || a < 0 || b > a || a > 5000) {
      throw new Evaluator.NotScalar("binomial out of range");
    }
    BigInteger r = BigInteger.ONE;
    for (long i = 0; i < b; i++) {
      r = r.multiply(BigInteger.valueOf(a - i)).divide(BigInteger.valueOf(i + 1));
    }
    return Rat.of(r, BigInteger.ONE);
  }

  private static Object rounding(String name, Object a) {
    if (a instanceof Rat r) {
      BigInteger[] qr = r.n().divideAndRemainder(r.d());
      BigInteger q = qr[0];
      if (qr[1].signum() != 0) {
        if (name.equals("floor") && r.signum() < 0) {
          q = q.subtract(BigInteger.ONE);
        } else if (name.equals("ceil") && r.signum() > 0) {
          q = q.add(BigInteger.ONE);
        }
      }
      return Rat.of(q, BigInteger.ONE);
    }
    C z = Evaluator.c(a);
    return C.real(name.equals("floor") ? Math.floor(z.re()) : Math.ceil(z.re()));
  }
}
