package dev.assay.verify.math;

/** A complex double; the numeric fallback when a value is not an exact rational. */
record C(double re, double im) {
  static final C I = new C(0, 1);

  static C real(double r) {
    return new C(r, 0);
  }

  C add(C o) {
    return new C(re + o.re, im + o.im);
  }

  C mul(C o) {
    return new C(re * o.re - im * o.im, re * o.im + im * o.re);
  }

  C neg() {
    return new C(-re, -im);
  }

  C inv() {
    double m = re * re + im * im;
    return new C(re / m, -im / m);
  }

  double abs() {
    return Math.hypot(re, im);
  }

  boolean isReal() {
    return Math.abs(im) <= 1e-12 * Math.max(1, Math.abs(re));
  }

  boolean finite() {
    return Double.isFinite(re) && Double.isFinite(im);
  }

  C log() {
    return new C(Math.log(abs()), Math.atan2(im, re));
  }

  C exp() {
    double m = Math.exp(re);
    return im == 0 ? real(m) : new C(m * Math.cos(im), m * Math.sin(im));
  }

  C pow(C e) {
    if (e.im == 0 && im == 0) {
      if (re >= 0 || e.re == Math.rint(e.re)) {
        return real(Math.pow(re, e.re));
      }
      if (re < 0 && isOddReciprocal(e.re)) {
        return real(-Math.pow(-re, e.re));
      }
    }
    if (re == 0 && im == 0) {
      return e.re > 0 ? real(0) : real(Double.POSITIVE_INFINITY);
    }
    return log().mul(e).exp();
  }

  /** Real odd roots of negatives stay real, as a reader of {@code \sqrt[3]{-8}} expects. */
  private static boolean isOddReciprocal(double e) {
    double r = 1 / e;
    return Math.abs(r - Math.rint(r)) < 1e-12 && ((long) Math.rint(r)) % 2 != 0;
  }

  C sqrt() {
    if (im == 0) {
      return re >= 0 ? real(Math.sqrt(re)) : new C(0, Math.sqrt(-re));
    }
    return pow(real(0.5));
  }

  C sin() {
    return new C(Math.sin(re) * Math.cosh(im), Math.cos(re) * Math.sinh(im));
  }

  C cos() {
    return new C(Math.cos(re) * Math.cosh(im), -Math.sin(re) * Math.sinh(im));
  }
}
