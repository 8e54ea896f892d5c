package dev.assay.verify.math;

import java.math.BigDecimal;
import java.math.BigInteger;

/** An exact rational number n/d with d > 0, in lowest terms. Sizes are capped by the caller. */
record Rat(BigInteger n, BigInteger d) {
  static final Rat ZERO = new Rat(BigInteger.ZERO, BigInteger.ONE);
  static final Rat ONE = new Rat(BigInteger.ONE, BigInteger.ONE);
  static final int MAX_BITS = 4096;

  static Rat of(long v) {
    return new Rat(BigInteger.valueOf(v), BigInteger.ONE);
  }

  static Rat of(BigInteger n, BigInteger d) {
    if (d.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (d.signum() < 0) {
      n = n.negate();
      d = d.negate();
    }
    if (d.equals(BigInteger.ONE)) {
      if (n.bitLength() > MAX_BITS) {
        throw new Budget.Exceeded("number too large");
      }
      return new Rat(n, d);
    }
    BigInteger g = n.gcd(d);
    if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
      n = n.divide(g);
      d = d.divide(g);
    }
    if (n.bitLength() > MAX_BITS || d.bitLength() > MAX_BITS) {
      throw new Budget.Exceeded("number too large");
    }
    return new Rat(n, d);
  }

  /** Parses a plain decimal such as {@code 12}, {@code -0.25}, {@code .5}. */
  static Rat parseDecimal(String s) {
    if (s.length() < 18 && s.indexOf('.') < 0) {
      return of(Long.parseLong(s));
    }
    BigDecimal bd = new BigDecimal(s.startsWith(".") ? "0" + s : s);
    if (bd.scale() > 0) {
      return of(bd.unscaledValue(), BigInteger.TEN.pow(bd.scale()));
    }
    return of(bd.toBigIntegerExact(), BigInteger.ONE);
  }

  Rat add(Rat o) {
    return of(n.multiply(o.d).add(o.n.multiply(d)), d.multiply(o.d));
  }

  Rat mul(Rat o) {
    return of(n.multiply(o.n), d.multiply(o.d));
  }

  Rat neg() {
    return new Rat(n.negate(), d);
  }

  Rat inv() {
    return of(d, n);
  }

  boolean isInt() {
    return d.equals(BigInteger.ONE);
  }

  int signum() {
    return n.signum();
  }

  /** Integer power with the result size estimated first; null when it would be too large. */
  Rat pow(int e) {
    if (e == 0) {
      return ONE;
    }
    Rat base = e < 0 ? inv() : this;
    int k = Math.abs(e);
    long bits = (long) Math.max(base.n.bitLength(), base.d.bitLength()) * k;
    if (bits > MAX_BITS) {
      return null;
    }
    return of(base.n.pow(k), base.d.pow(k));
  }

  double toDouble() {
    if (n.bitLength() < 1000 && d.bitLength() < 1000) {
      return n.doubleValue() / d.doubleValue();
    }
    return new BigDecimal(n).divide(new BigDecimal(d), java.math.MathContext.DECIMAL64).doubleValue();
  }

  @Override
  public String toString() {
    return isInt() ? n.toString() : n + "/" + d;
  }
}
