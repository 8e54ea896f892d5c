package dev.assay.sandbox.java;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of one run's threads (the candidate's thread group), for the run's CPU-time limit.
 * A thread's time is read while it lives; a thread that ended counts with its last reading (the
 * main thread with its exact final figure, taken by the thread itself as it ends).
 */
final class CpuMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final RunState state;
  private final Map<Long, Long> seen = new HashMap<>();
  private long mainWaited;

  CpuMeter(RunState state) {
    this.state = state;
  }

  /** Reads every live thread of the run; returns the run's CPU nanoseconds so far. */
  long sample() {
    for (Thread t : CandidateRun.threadsOf(state.group())) {
      long ns = THREADS.getThreadCpuTime(t.getId());
      if (ns > 0) {
        seen.merge(t.getId(), ns, Math::max);
      }
    }
    return total();
  }

  /**
   * Nanoseconds the run's main thread has been runnable but waiting for a CPU (the second field
   * of its {@code schedstat}), as last read; 0 where the kernel does not tell.
   */
  long mainWaitedNanos() {
    java.nio.file.Path p = state.mainSchedstat();
    if (p != null) {
      try {
        String[] f = java.nio.file.Files.readString(p).trim().split(" ");
        mainWaited = Math.max(mainWaited, Long.parseLong(f[1]));
      } catch (java.io.IOException | RuntimeException e) {
        // the thread ended (its file is gone): keep the last reading
      }
    }
    return mainWaited;
  }

  /** This thread's {@code /proc/<pid>/task/<tid>/schedstat}, null where there is no /proc. */
  static java.nio.file.Path schedstatOfThisThread() {
    try {
      return java.nio.file.Path.of("/proc").resolve(java.nio.file.Files.readSymbolicLink(
          java.nio.file.Path.of("/proc/thread-self"))).resolve("schedstat");
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** The run's CPU nanoseconds as last read (with the main thread's final figure once known). */
  long total() {
    long sum = 0;
    for (long ns : seen.values()) {
      sum += ns;
    }
    long mainFinal = state.mainCpuNanos();
    Long mainSeen = state.mainThreadId() < 0 ? null : seen.get(state.mainThreadId());
    if (mainFinal > 0 && (mainSeen == null || mainFinal > mainSeen)) {
      sum += mainFinal - (mainSeen == null ? 0 : mainSeen);
    }
    return sum;
  }
}
