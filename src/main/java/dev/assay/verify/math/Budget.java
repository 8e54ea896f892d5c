package dev.assay.verify.math;

/**
 * A per-check step and time budget. Parsing, regex matching and evaluation call {@link #tick()}
 * in their loops; once the deadline has passed it throws {@link Exceeded}, which the checker turns
 * into {@link MathReason#TIMEOUT}. No threads or signals are involved.
 */
final class Budget {
  private final long deadline;
  private int steps;

  Budget(long timeoutMs) {
    this.deadline = System.nanoTime() + timeoutMs * 1_000_000L;
  }

  void tick() {
    if ((++steps & 255) == 0 && System.nanoTime() - deadline > 0) {
      throw new Exceeded("time budget exhausted");
    }
  }

  /** The budget ran out, or a value grew beyond what the checker computes. */
  static final class Exceeded extends RuntimeException {
    Exceeded(String msg) {
      super(msg, null, false, false);
    }
  }

  /** A CharSequence that ticks the budget on every read, so a runaway regex stops too. */
  static CharSequence guard(CharSequence s, Budget b) {
    return new CharSequence() {
      @Override
      public int length() {
        return s.length();
      }

      @Override
      public char charAt(int i) {
        b.tick();
        return s.charAt(i);
      }

      @Override
      public CharSequence subSequence(int a, int e) {
        return guard(s.subSequence(a, e), b);
      }

      @Override
      public String toString() {
        return s.toString();
      }
    };
  }
}
