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
