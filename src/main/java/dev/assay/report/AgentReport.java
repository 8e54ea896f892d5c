package dev.assay.report;

import dev.assay.store.RoundCounts.AgentCounts;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agentic part of a yield report: pass@1 of plain answers (the baseline: no tools, no repair),
 * of the first final answers of trajectories (after tools) and after each repair turn; tool calls per
 * sample, their sandbox time (per kept sample), and tool runs that failed, by status.
 */
final class AgentReport {
  private AgentReport() {}

  static AgentCounts sum(AgentCounts a, AgentCounts b) {
    Map<Integer, Long> right = new TreeMap<>(a.rightAfter());
    b.rightAfter().forEach((k, v) -> right.merge(k, v, Long::sum));
    Map<String, Long> statuses = new TreeMap<>(a.toolStatuses());
    b.toolStatuses().forEach((k, v) -> statuses.merge(k, v, Long::sum));
    return new AgentCounts(a.trajectories() + b.trajectories(), a.firstRight() + b.firstRight(), right,
        a.toolCalls() + b.toolCalls(), a.toolMs() + b.toolMs(), a.keptToolMs() + b.keptToolMs(), statuses,
        a.baseline() + b.baseline(), a.baselineRight() + b.baselineRight());
  }

  /** The section, or null when the round solved nothing agentically. */
  static JsonObject json(AgentCounts a, long kept) {
    if (a.trajectories() == 0 && a.baseline() == 0) {
      return null;
    }
    JsonObject pass = new JsonObject()
        .put("without_tools_or_repair", a.baseline() == 0 ? null : rate(a.baselineRight(), a.baseline()))
        .put("first_answer", a.trajectories() == 0 ? null : rate(a.firstRight(), a.trajectories()));
    int maxRepairs = a.rightAfter().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    long right = a.rightAfter().getOrDefault(0, 0L);
    for (int r = 1; r <= maxRepairs; r++) {
      right += a.rightAfter().getOrDefault(r, 0L);
      pass.put("after_repair_" + r, rate(right, a.trajectories()));
    }
    JsonObject failures = new JsonObject();
    a.toolStatuses().forEach((status, n) -> {
      if (!status.equals("ok")) {
        failures.put(status, n);
      }
    });
    return new JsonObject().put("trajectories", a.trajectories()).put("pass_at_1", pass)
        .put("tool_calls", a.toolCalls())
        .put("tool_calls_per_sample", a.trajectories() == 0 ? null : YieldReport.round2((double) a.toolCalls() / a.trajectories()))
        .put("tool_sandbox_seconds", YieldReport.round2(a.toolMs() / 1000.0))
        .put("tool_sandbox_seconds_per_kept_sample", kept == 0 ? null : YieldReport.round2(a.keptToolMs() / 1000.0 / kept))
        .put("tool_failures", failures);
  }

  private static double rate(long n, long of) {
    return YieldReport.round2((double) n / of);
  }
}
