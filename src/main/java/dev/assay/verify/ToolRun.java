package dev.assay.verify;

import java.util.List;

/**
 * One tool call of a trajectory: Python {@code code} to run after replaying the trajectory's earlier
 * cells ({@code history}) silently, with the round's limits.
 *
 * @param outputBytes at most this much output goes back to the model (cut with a marker)
 */
public record ToolRun(List<String> history, String code, long timeoutMs, int memoryMb, int outputBytes) {
  public ToolRun {
    history = List.copyOf(history);
  }
}
