package dev.assay.verify.tool;

import java.util.List;

/**
 * One call of the model's {@code python} tool in a trajectory, run by {@code Verification.tool}.
 *
 * <p>State between calls is kept by <em>replaying earlier cells</em>: the sandbox runs a fresh
 * Python process that first executes every cell of {@code history} in order, in one namespace,
 * with their stdout and stderr discarded and their exceptions swallowed, then {@code code} with
 * its output captured. Variables, functions and imports of earlier cells are therefore visible to
 * later ones; nothing survives the call itself (no process, file or module is kept). Every cell is
 * run again on every call and counts against this call's limits: a cell that ran out of time or
 * memory will do so again, so the caller should leave cells that did not end {@code ok} or
 * {@code error} out of the history. Randomness that is not seeded differs between replays.
 * Output is the cell's own process's and the programs it runs (subprocess, os.system); processes
 * it forks (os.fork, multiprocessing) print nowhere, as their output would vary with timing.
 *
 * @param history the trajectory's earlier cells, oldest first (empty for the first call)
 * @param code the cell to run now
 * @param timeoutMs CPU-time limit of the whole call (replay included); the sandbox's wall-clock
 *     backstop is a multiple of it
 * @param memoryMb memory limit of the call
 * @param outputBytes most bytes (UTF-8) of output returned; more is cut with the marker
 *     {@code \n[... output truncated: N more bytes]}
 */
public record ToolRun(List<String> history, String code, long timeoutMs, int memoryMb, int outputBytes) {
  public static final long DEFAULT_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_MEMORY_MB = 256;
  public static final int DEFAULT_OUTPUT_BYTES = 4_096;

  public ToolRun {
    history = history == null ? List.of() : List.copyOf(history);
    code = code == null ? "" : code;
  }

  /** A call with the default limits. */
  public static ToolRun of(List<String> history, String code) {
    return new ToolRun(history, code, DEFAULT_TIMEOUT_MS, DEFAULT_MEMORY_MB, DEFAULT_OUTPUT_BYTES);
  }
}
