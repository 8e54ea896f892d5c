package dev.assay.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One turn of a sample's trajectory, after its prompt: an assistant message (an answer, or tool
 * calls), a tool's output, or the loop's repair feedback.
 *
 * @param turn its position in the trajectory, from 0
 * @param role {@code assistant}, {@code tool} or {@code user}
 * @param toolCalls an assistant turn's OpenAI tool calls (empty when none)
 * @param toolCallId the call a tool turn answers, else null
 * @param tokens completion tokens of an assistant turn
 * @param status a tool turn's run status ({@code ok}, {@code error}, {@code timeout}, ...); an answer
 *     turn's verdict once checked; else null
 * @param meta what else is known (a tool run's cpu_ms and wall_ms; a check's detail)
 */
public record Turn(String problemId, int idx, int turn, String role, String content, JsonArray toolCalls,
    String toolCallId, int tokens, String status, JsonObject meta) {
  public Turn {
    content = content == null ? "" : content;
    toolCalls = toolCalls == null ? new JsonArray() : toolCalls;
    meta = meta == null ? new JsonObject() : meta;
  }

  public SampleKey key() {
    return new SampleKey(problemId, idx);
  }

  /** This turn as a training message: {@code {role, content[, tool_calls | tool_call_id]}}. */
  public JsonObject message() {
    JsonObject m = new JsonObject().put("role", role).put("content", content);
    if (!toolCalls.isEmpty()) {
      m.put("tool_calls", toolCalls);
    }
    if (toolCallId != null) {
      m.put("tool_call_id", toolCallId);
    }
    return m;
  }

  public Turn withStatus(String s, JsonObject m) {
    return new Turn(problemId, idx, turn, role, content, toolCalls, toolCallId, tokens, s, m);
  }
}
