package dev.assay.store;

/**
 * How a trajectory went: its assistant turns, tool calls and their sandbox time, repair turns, and
 * the verdict of its first final answer (before any repair).
 */
public record AgentSummary(int turns, int toolCalls, long toolMs, int repairs, String firstVerdict) {
  public static final AgentSummary SINGLE = new AgentSummary(1, 0, 0, 0, null);
}
