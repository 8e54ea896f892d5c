package dev.assay.loop;

import dev.assay.store.Turn;
import dev.assay.verify.tool.ToolResult;
import dev.assay.verify.tool.ToolRun;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the tool calls of one assistant turn in the sandbox, within the trajectory's limits (calls,
 * sandbox seconds), and turns their outputs into the next turns: one {@code tool} message per call
 * (API), or a user message holding an {@code ```output} block (inline). Earlier calls of the
 * trajectory are replayed before each new one, so their state is there and nothing else survives.
 */
final class ToolCalls {
  /** Meta key of a turn that answers a tool call: the call's status. */
  static final String RESULT = "tool_result";

  private final RoundContext ctx;
  private final List<Turn> turns;

  ToolCalls(RoundContext ctx, List<Turn> turns) {
    this.ctx = ctx;
    this.turns = turns;
  }

  Future<List<Turn>> run(List<AgentTurns.Call> calls, String style) {
    Turn asked = turns.get(turns.size() - 1);
    List<String> history = new ArrayList<>();
    int made = 0;
    long spentMs = 0;
    ArrayDeque<AgentTurns.Call> answered = new ArrayDeque<>();
    for (Turn t : turns) {
      if (t.role().equals("assistant") && t != asked) {
        answered.clear();
        answered.addAll(AgentTurns.calls(t, style));
      } else if (t.meta().containsKey(RESULT) && !answered.isEmpty()) {
        AgentTurns.Call call = answered.poll();
        if (replayable(t.meta().getString(RESULT)) && call.code() != null) {
          history.add(call.code());
        }
      }
      if (t.meta().containsKey("tool_ms")) {
        made++;
        spentMs += charged(t.meta().getLong("cpu_ms", -1L), t.meta().getLong("tool_ms"));
      }
    }
    Future<List<Turn>> chain = Future.succeededFuture(new ArrayList<>());
    var agent = ctx.cfg().round().agent();
    var sb = ctx.cfg().sandbox();
    int[] count = {made};
    long[] spent = {spentMs};
    for (AgentTurns.Call call : calls) {
      chain = chain.compose(out -> {
        int at = turns.size() + out.size();
        if (call.code() == null) {
          out.add(result(asked, at, call, style, "error", "Error: the call needs a JSON argument {\"code\": \"...\"}"
              + " for the python tool", new JsonObject()));
          return Future.succeededFuture(out);
        }
        if (count[0] >= agent.maxToolCalls() || spent[0] >= agent.toolSeconds() * 1000) {
          out.add(result(asked, at, call, style, "refused", "Error: no more tool calls in this conversation ("
              + agent.maxToolCalls() + " calls, " + agent.toolSeconds() + " s of sandbox time); give your final answer", new JsonObject()));
          return Future.succeededFuture(out);
        }
        long budget = Math.max(1, Math.min(sb.timeoutMs(), (long) (agent.toolSeconds() * 1000) - spent[0]));
        return ctx.verification().tool(new ToolRun(history, call.code(), budget, sb.memoryMb(), agent.toolOutputBytes()))
            .map(r -> {
              count[0]++;
              spent[0] += charged(r.cpuMs(), r.wallMs());
              if (replayable(r.status())) {
                history.add(call.code());
              }
              out.add(result(asked, at, call, style, r.status(), r.output(),
                  new JsonObject().put("tool_ms", r.wallMs()).put("cpu_ms", r.cpuMs())));
              return out;
            });
      });
    }
    return chain;
  }

  /**
   * What a call costs against the trajectory's sandbox seconds: its CPU time, which does not grow
   * with the machine's load (so neither does what the model is allowed), wall time only when the
   * sandbox could not measure CPU.
   */
  private static long charged(long cpuMs, long wallMs) {
    return cpuMs >= 0 ? cpuMs : wallMs;
  }

  /**
   * A cell that ran out of time or memory, or flooded its output, would do so again on every replay
   * and eat the next call's limits, so only cells that ended (normally or with an error) are replayed.
   */
  private static boolean replayable(String status) {
    return ToolResult.OK.equals(status) || ToolResult.ERROR.equals(status);
  }

  /** A result turn; {@code meta} holds {@code tool_ms} only when the sandbox really ran the call. */
  private static Turn result(Turn asked, int at, AgentTurns.Call call, String style, String status, String output,
      JsonObject meta) {
    meta.put(RESULT, status);
    return style.equals("api")
        ? new Turn(asked.problemId(), asked.idx(), at, "tool", output, null, call.id(), 0, status, meta)
        : new Turn(asked.problemId(), asked.idx(), at, "user", "```output\n" + output + "\n```", null, null, 0, status, meta);
  }

}
