package dev.assay.model;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** JSON shapes of the chat-completions wire protocol and of the model event-bus messages. */
final class ChatJson {
  private ChatJson() {}

  /** A 2xx body that is not a chat completion. */
  static final class BadBody extends Exception {
    BadBody(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * One parsed chat.completion: choices in index order, the usage the server reported
   * ({@code usageReported} false when the body had none), whether it came from the simulator, and
   * per choice whether the server cut it at {@code max_tokens} ({@code finish_reason: length}).
   */
  record Wire(List<String> choices, List<JsonArray> toolCalls, Usage usage, boolean usageReported, String model,
      boolean simulated, List<Boolean> cut) {}

  static JsonArray messages(List<ChatMessage> messages) {
    JsonArray array = new JsonArray();
    for (ChatMessage m : messages) {
      JsonObject j = new JsonObject().put("role", m.role()).put("content", m.content());
      if (!m.toolCalls().isEmpty()) {
        j.put("tool_calls", m.toolCalls());
      }
      if (m.toolCallId() != null) {
        j.put("tool_call_id", m.toolCallId());
      }
      array.add(j);
    }
    return array;
  }

  static List<ChatMessage> messages(JsonArray array) {
    List<ChatMessage> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject m = array.getJsonObject(i);
      out.add(new ChatMessage(m.getString("role"), m.getString("content"), m.getJsonArray("tool_calls"),
          m.getString("tool_call_id")));
    }
    return out;
  }

  /**
   * The OpenAI-compatible request body: the request's options over the model's, then
   * {@code extra_body}'s fields as they are (they win over the standard ones).
   */
  static JsonObject wireRequest(ModelOptions o, ChatRequest r) {
    RequestOptions ro = r.options();
    JsonObject body = new JsonObject()
        .put("model", o.model())
        .put("messages", messages(r.messages()))
        .put("n", r.n())
        .put("temperature", ro.temperature() != null ? ro.temperature() : o.temperature())
        .put("top_p", ro.topP() != null ? ro.topP() : o.topP())
        .put("max_tokens", ro.maxTokens() != null ? ro.maxTokens() : o.maxTokens())
        .put("stream", false);
    if (r.seed() != null) {
      body.put("seed", r.seed());
    }
    if (!ro.stop().isEmpty()) {
      body.put("stop", new JsonArray(new ArrayList<Object>(ro.stop())));
    }
    if (!ro.tools().isEmpty()) {
      body.put("tools", ro.tools());
    }
    ro.extraBody().forEach(e -> body.put(e.getKey(), e.getValue()));
    return body;
  }

  /** Parses a chat.completion body; choices are ordered by their {@code index}. */
  static Wire parseWire(Buffer body, String fallbackModel, boolean simulatedHeader) throws BadBody {
    JsonObject json;
    try {
      json = body == null ? null : new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw new BadBody("body is not a JSON object: " + excerpt(body));
    }
    if (json == null) {
      throw new BadBody("empty body");
    }
    Object rawChoices = json.getValue("choices");
    if (!(rawChoices instanceof JsonArray choices) || choices.isEmpty()) {
      throw new BadBody("no choices in body: " + excerpt(body));
    }
    String[] texts = new String[choices.size()];
    JsonArray[] calls = new JsonArray[choices.size()];
    boolean[] cut = new boolean[choices.size()];
    for (int i = 0; i < choices.size(); i++) {
      Object raw = choices.getValue(i);
      if (!(raw instanceof JsonObject choice) || !(choice.getValue("message") instanceof JsonObject message)) {
        throw new BadBody("choice " + i + " has no message");
      }
      JsonArray toolCalls = message.getValue("tool_calls") instanceof JsonArray tc ? tc : new JsonArray();
      Object content = message.getValue("content");
      // null content is an answer without visible text when the choice ended: tool calls only, or a
      // reasoning model that spent max_tokens thinking (vLLM's reasoning parser moves that text to
      // reasoning_content), or an OpenAI refusal. It is the model's answer, not a broken body.
      boolean ended = choice.getValue("finish_reason") instanceof String;
      if (!(content instanceof String) && !(content == null && (!toolCalls.isEmpty() || ended))) {
        throw new BadBody("choice " + i + " has no message.content");
      }
      Object index = choice.getValue("index");
      int at = index instanceof Number n ? n.intValue() : i;
      if (at < 0 || at >= texts.length || texts[at] != null) {
        at = i;
      }
      texts[at] = content == null ? "" : (String) content;
      calls[at] = toolCalls;
      cut[at] = "length".equals(choice.getValue("finish_reason"));
    }
    List<String> ordered = new ArrayList<>(texts.length);
    for (String t : texts) {
      if (t == null) {
        throw new BadBody("choice indexes are not 0..n-1");
      }
      ordered.add(t);
    }
    Usage usage = Usage.ZERO;
    boolean reported = json.getValue("usage") instanceof JsonObject u && u.getValue("completion_tokens") instanceof Number;
    if (json.getValue("usage") instanceof JsonObject u) {
      usage = new Usage(intOr(u.getValue("prompt_tokens")), intOr(u.getValue("completion_tokens")));
    }
    String model = json.getValue("model") instanceof String m ? m : fallbackModel;
    boolean simulated = simulatedHeader || AssayHeaders.FINGERPRINT.equals(json.getValue("system_fingerprint"));
    List<JsonArray> orderedCalls = new ArrayList<>();
    for (JsonArray c : calls) {
      orderedCalls.add(c == null ? new JsonArray() : c);
    }
    List<Boolean> cuts = new ArrayList<>();
    for (boolean c : cut) {
      cuts.add(c);
    }
    return new Wire(ordered, orderedCalls, usage, reported, model, simulated, cuts);
  }

  private static int intOr(Object value) {
    return value instanceof Number n ? n.intValue() : 0;
  }

  static String excerpt(Buffer body) {
    return body == null ? "<none>" : excerpt(body.toString());
  }

  static String excerpt(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
  }

  // ---- event bus shapes ----

  static JsonObject busRequest(ChatRequest r) {
    JsonObject json = new JsonObject().put("messages", messages(r.messages())).put("n", r.n());
    if (r.seed() != null) {
      json.put("seed", r.seed());
    }
    if (r.task() != null) {
      json.put("task", r.task());
    }
    RequestOptions o = r.options();
    return json.put("vars", r.vars()).put("options", new JsonObject()
        .put("max_tokens", o.maxTokens()).put("temperature", o.temperature()).put("top_p", o.topP())
        .put("stop", new JsonArray(new ArrayList<Object>(o.stop()))).put("extra_body", o.extraBody())
        .put("tools", o.tools()));
  }

  static ChatRequest busRequest(JsonObject json) {
    JsonObject o = json.getJsonObject("options", new JsonObject());
    JsonArray stop = o.getJsonArray("stop", new JsonArray());
    List<String> stops = new ArrayList<>();
    stop.forEach(s -> stops.add(String.valueOf(s)));
    RequestOptions options = new RequestOptions(o.getInteger("max_tokens"), o.getDouble("temperature"),
        o.getDouble("top_p"), stops, o.getJsonObject("extra_body"), o.getJsonArray("tools"));
    return new ChatRequest(messages(json.getJsonArray("messages")), json.getInteger("n", 1),
        json.getLong("seed"), json.getString("task"), json.getJsonObject("vars"), options);
  }

  static JsonObject busReply(Completion c) {
    return new JsonObject()
        .put("choices", new JsonArray(new ArrayList<Object>(c.choices())))
        .put("usage", new JsonObject()
            .put("prompt_tokens", c.usage().promptTokens())
            .put("completion_tokens", c.usage().completionTokens()))
        .put("model", c.model())
        .put("attempts", c.attempts())
        .put("latencyMs", c.latencyMs())
        .put("simulated", c.simulated())
        .put("choice_tokens", new JsonArray(new ArrayList<Object>(c.choiceTokens())))
        .put("tokens_estimated", c.tokensEstimated())
        .put("tool_calls", new JsonArray(new ArrayList<Object>(c.toolCalls())))
        .put("truncated", new JsonArray(new ArrayList<Object>(c.truncated())));
  }

  static Completion busReply(JsonObject json) {
    JsonArray choices = json.getJsonArray("choices");
    List<String> texts = new ArrayList<>(choices.size());
    for (int i = 0; i < choices.size(); i++) {
      texts.add(choices.getString(i));
    }
    JsonArray tokens = json.getJsonArray("choice_tokens");
    List<Integer> choiceTokens = null;
    if (tokens != null) {
      choiceTokens = new ArrayList<>(tokens.size());
      for (int i = 0; i < tokens.size(); i++) {
        choiceTokens.add(tokens.getInteger(i));
      }
    }
    JsonObject u = json.getJsonObject("usage");
    return new Completion(texts,
        new Usage(u.getInteger("prompt_tokens", 0), u.getInteger("completion_tokens", 0)),
        json.getString("model"), json.getInteger("attempts", 1), json.getLong("latencyMs", 0L),
        json.getBoolean("simulated", false), choiceTokens, json.getBoolean("tokens_estimated", choiceTokens == null),
        toolCalls(json.getJsonArray("tool_calls"), texts.size()), truncated(json.getJsonArray("truncated"), texts.size()));
  }

  private static List<Boolean> truncated(JsonArray all, int n) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(all != null && i < all.size() && Boolean.TRUE.equals(all.getValue(i)));
    }
    return out;
  }

  private static List<JsonArray> toolCalls(JsonArray all, int n) {
    List<JsonArray> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(all != null && i < all.size() && all.getValue(i) instanceof JsonArray a ? a : new JsonArray());
    }
    return out;
  }
}
