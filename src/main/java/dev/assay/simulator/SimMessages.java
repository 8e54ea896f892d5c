package dev.assay.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The shape of a request's {@code messages} as OpenAI checks it, tool calls included: every message
 * has a string role and content (an assistant message with {@code tool_calls} may have none); a
 * tool call is {@code {id, type: "function", function: {name, arguments}}}; the calls of an assistant
 * message are answered, right after it, by one {@code tool} message each ({@code tool_call_id}), and
 * a tool message answers only such a call. Also finds the tool output a request answers.
 */
final class SimMessages {
  /** How an inline tool output opens (the user message that carries it). */
  static final String OUTPUT_FENCE = "```output";

  private SimMessages() {}

  /** Why {@code messages} would be refused (HTTP 400), null when they are well-formed. */
  static String invalid(JsonArray messages) {
    Set<String> open = new LinkedHashSet<>();
    boolean answering = false;
    for (Object m : messages) {
      if (!(m instanceof JsonObject o) || !(o.getValue("role") instanceof String role)) {
        return "every message needs a string role and content";
      }
      boolean calls = o.getValue("tool_calls") != null;
      String bad = calls ? toolCalls(o.getValue("tool_calls")) : null;
      if (bad != null) {
        return bad;
      }
      boolean hasCalls = calls && !o.getJsonArray("tool_calls").isEmpty();
      if (!(o.getValue("content") instanceof String) && !(role.equals("assistant") && hasCalls
          && o.getValue("content") == null)) {
        return "every message needs a string role and content";
      }
      if (role.equals("tool")) {
        if (!answering || !(o.getValue("tool_call_id") instanceof String id) || !open.remove(id)) {
          return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with"
              + " 'tool_calls'.";
        }
        continue;
      }
      if (!open.isEmpty()) {
        return unanswered(open);
      }
      answering = hasCalls;
      if (hasCalls) {
        o.getJsonArray("tool_calls").forEach(c -> open.add(((JsonObject) c).getString("id")));
      }
    }
    return open.isEmpty() ? null : unanswered(open);
  }

  private static String toolCalls(Object value) {
    if (!(value instanceof JsonArray calls)) {
      return "tool_calls must be an array";
    }
    for (Object c : calls) {
      if (!(c instanceof JsonObject call) || !(call.getValue("id") instanceof String id) || id.isBlank()
          || !"function".equals(call.getValue("type")) || !(call.getValue("function") instanceof JsonObject f)
          || !(f.getValue("name") instanceof String) || !(f.getValue("arguments") instanceof String)) {
        return "every tool call needs a string id, type 'function' and a function with a string name and"
            + " string arguments";
      }
    }
    return null;
  }

  private static String unanswered(Set<String> ids) {
    return "An assistant message with 'tool_calls' must be followed by tool messages responding to each"
        + " 'tool_call_id'. The following tool_call_ids did not have response messages: " + String.join(", ", ids);
  }

  /**
   * The output of the tool call the request answers: the content of a last {@code tool} message, or
   * of a last user message opening with {@value #OUTPUT_FENCE} (without its fences); null otherwise.
   */
  static String toolOutput(JsonArray messages) {
    JsonObject last = messages.getJsonObject(messages.size() - 1);
    String content = last.getValue("content") instanceof String s ? s : "";
    if ("tool".equals(last.getValue("role"))) {
      return content;
    }
    if (!"user".equals(last.getValue("role")) || !content.startsWith(OUTPUT_FENCE)) {
      return null;
    }
    String inner = content.substring(OUTPUT_FENCE.length());
    inner = inner.startsWith("\n") ? inner.substring(1) : inner;
    String trimmed = inner.stripTrailing();
    return trimmed.endsWith("```") ? trimmed.substring(0, trimmed.length() - 3) : inner;
  }
}
