package dev.assay.sandbox.outcome;

import dev.assay.sandbox.SandboxResult;
import io.vertx.core.Future;
import java.lang.management.ManagementFactory;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * When a timeout is not trusted yet. A run is <b>contended</b> when, over the time it took, tasks
 * on this machine were runnable but waiting for a CPU for more than {@value #CONTENDED_SHARE} of
 * that time: the growth of {@code some total} in {@code /proc/pressure/cpu} (the kernel's CPU
 * pressure stall information, in microseconds) divided by the elapsed time. Where the kernel has
 * no PSI, a 1-minute load average above the number of cores counts as contended.
 *
 * <p>Limits are CPU time, so a CPU-bound program's timeout does not depend on load; but CPU time
 * itself grows a little on a contended machine (shared caches, SMT siblings), and the wall-clock
 * backstop does depend on load. So every backend runs a {@code timeout} once more before it is
 * recorded when the attempt was contended ({@link #rerunContendedTimeout}); the second attempt's
 * result is the one recorded, with a note saying so. The docker backend measures on this host:
 * right for a local engine. A {@link SandboxResult#starved starved} run (the runner's backstop,
 * which discounts the time the program waited for a CPU, still ran out) is run once more too;
 * starved again, it stays a {@code sandbox_error}: no verdict, the item stays pending.
 */
public final class Contention {
  /** Share of the elapsed time that tasks spent waiting for a CPU beyond which it is contended. */
  public static final double CONTENDED_SHARE = 0.10;
  private static final String PSI_FILE = "/proc/pressure/cpu";
  private static volatile boolean psi = true;

  private final long startNanos;
  private final long startStallUs;

  private Contention(long startNanos, long startStallUs) {
    this.startNanos = startNanos;
    this.startStallUs = startStallUs;
  }

  /** Starts measuring now. */
  public static Contention start() {
    return new Contention(System.nanoTime(), stallMicros());
  }

  /**
   * The share of the time since {@link #start()} that tasks waited for a CPU (0..1, may exceed 1
   * briefly from rounding), or -1 when the kernel does not tell.
   */
  public double waitingShare() {
    long now = stallMicros();
    double elapsedUs = Math.max(1, (System.nanoTime() - startNanos) / 1000.0);
    return now < 0 || startStallUs < 0 ? -1 : (now - startStallUs) / elapsedUs;
  }

  /** Whether the time since {@link #start()} was contended, by the definition above. */
  public boolean contended() {
    double share = waitingShare();
    if (share >= 0) {
      return share > CONTENDED_SHARE;
    }
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os.getSystemLoadAverage() > os.getAvailableProcessors();
  }

  /**
   * Runs {@code attempt}; when it ends in {@code timeout} (or its compile step did: {@link
   * SandboxResult#timedOut()}) and the attempt was contended, runs it
   * once more and returns the second result (its detail says why it was run again).
   */
  public static Future<SandboxResult> rerunContendedTimeout(Supplier<Future<SandboxResult>> attempt) {
    return rerun(attempt, Contention::contended);
  }

  /** {@link #rerunContendedTimeout} with the contention judged by {@code judge} (for tests). */
  static Future<SandboxResult> rerun(Supplier<Future<SandboxResult>> attempt,
      Predicate<Contention> judge) {
    Contention c = start();
    return attempt.get().compose(first -> {
      if (first.starved()) {
        return attempt.get().map(second -> annotate(second, "re-run once: the first attempt was starved ["
            + first.detail() + "]"));
      }
      if (!first.timedOut() || !judge.test(c)) {
        return Future.succeededFuture(first);
      }
      double share = c.waitingShare();
      String why = "re-run once: the first attempt timed out on a contended machine"
          + (share >= 0 ? " (tasks waited for a CPU " + Math.round(share * 100) + "% of the time)"
              : " (load average above the cores)") + " [first attempt: " + first.detail() + "]";
      return attempt.get().map(second -> annotate(second, why));
    });
  }

  private static SandboxResult annotate(SandboxResult r, String why) {
    return r.withDetail(r.detail().isEmpty() ? why : r.detail() + "; " + why);
  }

  /** {@code some total} of the CPU pressure file in microseconds, -1 when unavailable. */
  static long stallMicros() {
    if (!psi) {
      return -1;
    }
    byte[] b = new byte[128]; // the first line ("some ... total=N") is all we read
    int n;
    try (FileInputStream in = new FileInputStream(PSI_FILE)) {
      n = in.read(b);
    } catch (IOException e) {
      psi = false; // no PSI on this kernel: ask once
      return -1;
    }
    String first = new String(b, 0, Math.max(0, n), StandardCharsets.US_ASCII);
    int i = first.indexOf("total=");
    int end = first.indexOf('\n');
    try {
      return i < 0 ? -1 : Long.parseLong(first.substring(i + 6, end < 0 ? first.length() : end).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
