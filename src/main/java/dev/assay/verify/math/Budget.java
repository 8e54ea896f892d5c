package dev.assay.verify.math;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A per-check time budget. Parsing, regex matching and evaluation call {@link #tick()} in their
 * loops; every 256 steps it looks at the clock and, once the wall time is past the budget, at the
 * CPU time of the checking thread; once that exceeds the budget it throws {@link Exceeded}, which the checker turns into {@link MathReason#TIMEOUT}. CPU
 * time, not wall time, so a check's verdict does not depend on how many other checks, runs or
 * processes share the cores; a wall-clock backstop {@value #BACKSTOP}x the budget bounds a thread
 * that cannot get a CPU at all. No threads or signals are involved.
 */
final class Budget {
  static final int BACKSTOP = 4;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported()
      && THREADS.isThreadCpuTimeEnabled();

  private final long budgetNs;
  private final long wallStart;
  private long cpuStart = -1; // read at the first check, so a quick check costs no system call
  private int steps;

  Budget(long timeoutMs) {
    this.budgetNs = timeoutMs * 1_000_000L;
    this.wallStart = System.nanoTime();
  }

  void tick() {
    if ((++steps & 255) == 0) {
      check();
    }
  }

  private void check() {
    long wall = System.nanoTime() - wallStart;
    if (!CPU_TIME) {
      if (wall > budgetNs) {
        throw new Exceeded("time budget exhausted");
      }
      return;
    }
    if (cpuStart < 0) {
      cpuStart = THREADS.getCurrentThreadCpuTime();
      return;
    }
    if (wall <= budgetNs) {
      return; // a thread's CPU time never runs ahead of its wall time: no system call needed yet
    }
    if (THREADS.getCurrentThreadCpuTime() - cpuStart > budgetNs) {
      throw new Exceeded("time budget exhausted");
    }
    if (wall > BACKSTOP * budgetNs) {
      throw new Exceeded("wall-clock backstop exhausted");
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
