package dev.assay.sandbox.outcome;

import dev.assay.sandbox.SandboxStatus;

/**
 * How every backend turns what a run showed into one {@link SandboxStatus}. The precedence, first
 * match wins:
 *
 * <ol>
 *   <li>{@code sandbox_error}: the runner itself failed (our infrastructure, not the program);
 *   <li>{@code output_limit}: output went over the cap (the program is stopped at once);
 *   <li>{@code memory}: any memory evidence (a cgroup OOM kill, MemoryError or
 *       OutOfMemoryError, a SIGKILL in a container that the runner did not send), <em>even when a
 *       time limit fired too</em>;
 *   <li>{@code timeout}: the CPU-time limit of the program's process tree, or the wall-clock
 *       backstop;
 *   <li>{@code compile_error}: the program never started;
 *   <li>{@code ok} for exit 0 without a signal, else {@code runtime_error}.
 * </ol>
 *
 * <p>Why memory before time, for a program that would hit both: its memory use and its CPU time
 * both grow with its own progress, not with the machine's load, and the limits are a memory
 * size and a CPU-time budget; so whether it reaches the memory limit before spending its CPU
 * budget is a property of the program. Once memory evidence exists the answer is memory whatever
 * else was seen (a MemoryError caught and followed by a loop until the time limit is still a
 * memory verdict), so the verdict never depends on which limit the machine's timing let fire
 * first.
 */
public final class Verdicts {
  private Verdicts() {}

  /**
   * What a run showed; each backend fills in what it can observe.
   *
   * @param runnerFailed the runner could not run the program (its own error)
   * @param outputLimit stdout or stderr went over the cap and the program was stopped
   * @param memory evidence the memory limit was reached
   * @param cpuLimit the process tree used more CPU time than the limit
   * @param wallLimit the wall-clock backstop stopped the program
   * @param compileError the program did not compile (never started)
   * @param exitCode exit code when it exited, else -1
   * @param signal the signal that ended it, 0 when it exited
   */
  public record Evidence(boolean runnerFailed, boolean outputLimit, boolean memory,
      boolean cpuLimit, boolean wallLimit, boolean compileError, int exitCode, int signal) {}

  /** The status by the precedence above. */
  public static SandboxStatus status(Evidence e) {
    if (e.runnerFailed()) {
      return SandboxStatus.SANDBOX_ERROR;
    }
    if (e.outputLimit()) {
      return SandboxStatus.OUTPUT_LIMIT;
    }
    if (e.memory()) {
      return SandboxStatus.MEMORY;
    }
    if (e.cpuLimit() || e.wallLimit()) {
      return SandboxStatus.TIMEOUT;
    }
    if (e.compileError()) {
      return SandboxStatus.COMPILE_ERROR;
    }
    return e.exitCode() == 0 && e.signal() == 0 ? SandboxStatus.OK : SandboxStatus.RUNTIME_ERROR;
  }

  /**
   * A short note naming what decided {@code status}: which limit, the exit code or signal; ""
   * for a clean exit. {@code cpuLimitMs} and {@code wallLimitMs} are quoted in time notes.
   */
  public static String note(Evidence e, SandboxStatus status, long cpuLimitMs, long wallLimitMs) {
    return switch (status) {
      case OUTPUT_LIMIT -> "output cap exceeded";
      case MEMORY -> "memory limit";
      case TIMEOUT -> e.cpuLimit() ? "CPU-time limit " + cpuLimitMs + " ms"
          : "wall-clock backstop " + wallLimitMs + " ms (the program slept or blocked; a starved run is re-run, not a timeout)";
      case COMPILE_ERROR -> "program does not compile";
      case RUNTIME_ERROR -> e.signal() != 0 ? "killed by signal " + e.signal()
          : "exit code " + e.exitCode();
      default -> "";
    };
  }
}
