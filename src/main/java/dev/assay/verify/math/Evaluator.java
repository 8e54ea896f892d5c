package dev.assay.verify.math;

import dev.assay.verify.math.Node.Kind;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Evaluates a scalar tree to an exact {@link Rat} when it is rational, else to a {@link C}.
 * Free symbols get deterministic pseudo-random values derived from their name and a trial number,
 * so the same symbol has the same value in gold and prediction; unknown functions ({@code f(x)},
 * {@code F_{n-1}}) become deterministic pseudo-random smooth functions. {@code e}, {@code i} and
 * {@code \pi} are the constants.
 */
final class Evaluator {
  static final class NotScalar extends RuntimeException {
    NotScalar(String msg) {
      super(msg, null, false, false);
    }
  }

  private final Budget budget;
  private final int trial;
  private final boolean integers;
  private final Map<String, Object> bound = new HashMap<>();

  Evaluator(Budget budget, int trial, boolean integers) {
    this.budget = budget;
    this.trial = trial;
    this.integers = integers;
  }

  Object eval(Node n) {
    budget.tick();
    return switch (n.kind()) {
      case NUM -> n.num();
      case SYM -> symbol(n.name());
      case ADD -> add(n);
      case MUL -> mul(n);
      case POW -> pow(eval(n.kid(0)), eval(n.kid(1)));
      case FN -> Functions.apply(this, n);
      case SUM, PROD -> bigOp(n);
      default -> throw new NotScalar(n.kind().name());
    };
  }

  private Object symbol(String name) {
    Object b = bound.get(name);
    if (b != null) {
      return b;
    }
    switch (name) {
      case "pi", "\\pi":
        return C.real(Math.PI);
      case "e":
        return C.real(Math.E);
      case "i":
        return C.I;
      default:
        return C.real(valueOf(name));
    }
  }

  /** A deterministic value for a symbol in this trial. */
  double valueOf(String name) {
    long h = name.hashCode() * 0x9E3779B97F4A7C15L + trial * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    double u = (h >>> 11) * 0x1.0p-53;
    return integers ? 2 + Math.floor(u * 6) : 0.55 + 1.7 * u;
  }

  private Object add(Node n) {
    Object acc = Rat.ZERO;
    for (Node k : n.kids()) {
      acc = plus(acc, eval(k));
    }
    return acc;
  }

  private Object mul(Node n) {
    Object acc = Rat.ONE;
    for (Node k : n.kids()) {
      acc = times(acc, eval(k));
    }
    return acc;
  }

  static Object plus(Object a, Object b) {
    if (a instanceof Rat x && b instanceof Rat y) {
      return x.add(y);
    }
    return check(c(a).add(c(b)));
  }

  static Object times(Object a, Object b) {
    if (a instanceof Rat x && b instanceof Rat y) {
      return x.mul(y);
    }
    return check(c(a).mul(c(b)));
  }

  static Object pow(Object a, Object b) {
    if (a instanceof Rat x && b instanceof Rat y) {
      if (x.signum() == 0 && y.signum() <= 0) {
        throw new ArithmeticException("0 to a non-positive power");
      }
      if (y.isInt() && y.n().bitLength() < 31) {
        Rat r = x.pow(y.n().intValue());
        if (r != null) {
          return r;
        }
      } else if (!y.isInt() && y.d().equals(BigInteger.TWO) && x.signum() >= 0) {
        Rat root = exactSqrt(x);
        if (root != null && y.n().bitLength() < 31) {
          Rat r = root.pow(y.n().intValue());
          if (r != null) {
            return r;
          }
        }
      }
    }
    return check(c(a).pow(c(b)));
  }

  private static Rat exactSqrt(Rat x) {
    BigInteger rn = x.n().sqrt();
    BigInteger rd = x.d().sqrt();
    if (rn.multiply(rn).equals(x.n()) && rd.multiply(rd).equals(x.d())) {
      return Rat.of(rn, rd);
    }
    return null;
  }

  static C c(Object v) {
    return v instanceof Rat r ? C.real(r.toDouble()) : (C) v;
  }

  static C check(C v) {
    if (!v.finite()) {
      throw new Budget.Exceeded("value overflows");
    }
    return v;
  }

  private Object bigOp(Node n) {
    String var = n.name();
    long lo = asInt(eval(n.kid(1)));
    long hi = asInt(eval(n.kid(2)));
    if (hi - lo > 10_000) {
      throw new Budget.Exceeded("sum too long");
    }
    Object saved = bound.get(var);
    Object acc = n.is(Kind.SUM) ? Rat.ZERO : Rat.ONE;
    try {
      for (long k = lo; k <= hi; k++) {
        bound.put(var, Rat.of(k));
        Object t = eval(n.kid(0));
        acc = n.is(Kind.SUM) ? plus(acc, t) : times(acc, t);
      }
    } finally {
      if (saved == null) {
        bound.remove(var);
      } else {
        bound.put(var, saved);
      }
    }
    return acc;
  }

  static long asInt(Object v) {
    if (v instanceof Rat r && r.isInt() && r.n().bitLength() < 40) {
      return r.n().longValue();
    }
    C z = c(v);
    if (z.isReal() && Math.abs(z.re() - Math.rint(z.re())) < 1e-9 && Math.abs(z.re()) < 1e12) {
      return (long) Math.rint(z.re());
    }
    throw new NotScalar("non-integer bound");
  }

  /** Whether the tree needs integer-valued symbols (sums and products with symbolic bounds). */
  static boolean needsIntegers(Node n) {
    if (n.is(Kind.SUM) || n.is(Kind.PROD) || (n.is(Kind.FN) && n.name().equals("fact"))) {
      return true;
    }
    for (Node k : n.kids()) {
      if (needsIntegers(k)) {
        return true;
      }
    }
    return false;
  }

  void bind(String name, Object value) {
    bound.put(name, value);
  }
}
