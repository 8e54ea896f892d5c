package dev.assay.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Busy-loop processes that keep the machine's cores busy while a test runs, as another tenant
 * would; killed on {@link #close()}. Plain host processes outside any sandbox cgroup.
 */
public final class CpuLoad implements AutoCloseable {
  private final List<Process> loops = new ArrayList<>();

  private CpuLoad(int n) throws java.io.IOException {
    for (int i = 0; i < n; i++) {
      loops.add(new ProcessBuilder("/usr/bin/python3", "-c", "while True: pass")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }
  }

  /** {@code perCore} busy loops for every core of this machine. */
  public static CpuLoad perCore(int perCore) throws java.io.IOException {
    return new CpuLoad(perCore * Runtime.getRuntime().availableProcessors());
  }

  /** How many busy loops run. */
  public int size() {
    return loops.size();
  }

  @Override
  public void close() {
    loops.forEach(Process::destroyForcibly);
    for (Process p : loops) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
