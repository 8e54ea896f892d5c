package dev.assay.loop;

import dev.assay.loop.core.Problem;
import dev.assay.model.ChatMessage;
import dev.assay.store.Turn;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pure parts of agentic solving: the python tool offered through the API, what in an assistant
 * turn is a tool call (OpenAI {@code tool_calls}, or, inline, a fenced python block ending the turn),
 * turns as chat messages, and the feedback a failing answer gets (what a developer would see, never
 * a hidden test's contents or the right answer).
 */
final class AgentTurns {
  /** The stop sequence of inline tool use: the model would start writing the output itself here. */
  static final String INLINE_STOP = "```output";
  /** The one tool offered through the API. */
  static final JsonArray PYTHON_TOOL = new JsonArray().add(new JsonObject().put("type", "function").put("function",
      new JsonObject().put("name", "python")
          .put("description", "Run Python 3 code and see its output (print what you need). The state of your earlier"
              + " calls in this conversation is kept; nothing else persists. No network, no files outside a scratch dir.")
          .put("parameters", new JsonObject().put("type", "object")
              .put("properties", new JsonObject().put("code", new JsonObject().put("type", "string")
                  .put("description", "the Python code to run")))
              .put("required", new JsonArray().add("code")))));
  private static final Pattern TRAILING_PYTHON = Pattern.compile("```python[ \\t]*\\r?\\n(.*?)(?:```)?\\s*$", Pattern.DOTALL);

  private AgentTurns() {}

  /** A tool call of an assistant turn: its id (null inline) and code (null when the call is malformed). */
  record Call(String id, String code) {}

  /** The tool calls of an assistant turn in {@code style} ({@code api}, {@code inline}, {@code none}); empty for an answer. */
  static List<Call> calls(Turn t, String style) {
    List<Call> out = new ArrayList<>();
    if (style.equals("api")) {
      for (int i = 0; i < t.toolCalls().size(); i++) {
        JsonObject c = t.toolCalls().getJsonObject(i);
        out.add(new Call(c.getString("id", "call_" + i), code(c)));
      }
    } else if (style.equals("inline")) {
      String text = t.content();
      int at = text.lastIndexOf("```python");
      if (at >= 0) {
        Matcher m = TRAILING_PYTHON.matcher(text.substring(at));
        if (m.matches()) {
          out.add(new Call(null, m.group(1)));
        }
      }
    }
    return out;
  }

  private static String code(JsonObject call) {
    JsonObject fn = call.getJsonObject("function", new JsonObject());
    if (!"python".equals(fn.getString("name"))) {
      return null;
    }
    try {
      Object args = fn.getValue("arguments");
      JsonObject a = args instanceof JsonObject o ? o : new JsonObject(String.valueOf(args));
      return a.getValue("code") instanceof String s ? s : null;
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** The turns after the prompt as chat messages. */
  static List<ChatMessage> messages(List<Turn> turns) {
    List<ChatMessage> out = new ArrayList<>();
    for (Turn t : turns) {
      out.add(new ChatMessage(t.role(), t.content(), t.toolCalls(), t.toolCallId()));
    }
    return out;
  }

  /** The turns as training messages ({@code [{role, content[, tool_calls | tool_call_id]}]}). */
  static JsonArray json(List<Turn> turns) {
    JsonArray out = new JsonArray();
    for (Turn t : turns) {
      JsonObject m = new JsonObject().put("role", t.role()).put("content", t.content());
      if (!t.toolCalls().isEmpty()) {
        m.put("tool_calls", t.toolCalls());
      }
      if (t.toolCallId() != null) {
        m.put("tool_call_id", t.toolCallId());
      }
      out.add(m);
    }
    return out;
  }

  /**
   * What a developer would see of a failing code answer: a compile error's message; the failing test
   * and its error when the test was shown with the task (MBPP's first test); else only the kind of
   * failure of a hidden test.
   */
  static String codeFeedback(Problem p, String reason, String detail, int test) {
    if (reason.equals("compile_error")) {
      return "it does not compile: " + cut(detail);
    }
    if (reason.equals("no_answer")) {
      return "no code was found in your answer";
    }
    if (test == 0 && "mbpp".equals(p.body().getString("format")) && !p.body().getJsonArray("test_list", new JsonArray()).isEmpty()) {
      return "this test failed: " + p.body().getJsonArray("test_list").getString(0) + " (" + reason + ": "
          + cut(detail.substring(detail.indexOf(':') + 1).strip()) + ")";
    }
    return "a hidden test failed (" + reason.replace('_', ' ') + ")";
  }

  private static String cut(String s) {
    return s.length() <= 600 ? s : s.substring(0, 600) + "...";
  }
}
