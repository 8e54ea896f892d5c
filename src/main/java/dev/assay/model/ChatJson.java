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

  static JsonArray messages(List<ChatMessage> messages) {
    JsonArray array = new JsonArray();
    for (ChatMessage m : messages) {
      array.add(new JsonObject().put("role", m.role()).put("content", m.content()));
    }
    return array;
  }

  static List<ChatMessage> messages(JsonArray array) {
    List<ChatMessage> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject m = array.getJsonObject(i);
      out.add(new ChatMessage(m.getString("role"), m.getString("content")));
    }
    return out;
  }

  /** The OpenAI-compatible request body. */
  static JsonObject wireRequest(ModelOptions o, ChatRequest r) {
    JsonObject body = new JsonObject()
        .put("model", o.model())
        .put("messages", messages(r.messages()))
        .put("n", r.n())
        .put("temperature", o.temperature())
        .put("top_p", o.topP())
        .put("max_tokens", o.maxTokens())
        .put("stream", false);
    if (r.seed() != null) {
      body.put("seed", r.seed());
    }
    return body;
  }

  /** Parses a chat.completion body; choices are ordered by their {@code index}. */
  static Completion parseWire(Buffer body, String fallbackModel, int attempts, long latencyMs,
      boolean simulatedHeader) throws BadBody {
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
    for (int i = 0; i < choices.size(); i++) {
      Object raw = choices.getValue(i);
      if (!(raw instanceof JsonObject choice)
          || !(choice.getValue("message") instanceof JsonObject message)
          || !(message.getValue("content") instanceof String content)) {
        throw new BadBody("choice " + i + " has no message.content");
      }
      Object index = choice.getValue("index");
      int at = index instanceof Number n ? n.intValue() : i;
      if (at < 0 || at >= texts.length || texts[at] != null) {
        at = i;
      }
      texts[at] = content;
    }
    List<String> ordered = new ArrayList<>(texts.length);
    for (String t : texts) {
      if (t == null) {
        throw new BadBody("choice indexes are not 0..n-1");
      }
      ordered.add(t);
    }
    Usage usage = Usage.ZERO;
    if (json.getValue("usage") instanceof JsonObject u) {
      usage = new Usage(intOr(u.getValue("prompt_tokens")), intOr(u.getValue("completion_tokens")));
    }
    String model = json.getValue("model") instanceof String m ? m : fallbackModel;
    boolean simulated = simulatedHeader
        || SimulatedModelServer.FINGERPRINT.equals(json.getValue("system_fingerprint"));
    return new Completion(ordered, usage, model, attempts, latencyMs, simulated);
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
    return json;
  }

  static ChatRequest busRequest(JsonObject json) {
    return new ChatRequest(messages(json.getJsonArray("messages")), json.getInteger("n", 1),
        json.getLong("seed"));
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
        .put("simulated", c.simulated());
  }

  static Completion busReply(JsonObject json) {
    JsonArray choices = json.getJsonArray("choices");
    List<String> texts = new ArrayList<>(choices.size());
    for (int i = 0; i < choices.size(); i++) {
      texts.add(choices.getString(i));
    }
    JsonObject u = json.getJsonObject("usage");
    return new Completion(texts,
        new Usage(u.getInteger("prompt_tokens", 0), u.getInteger("completion_tokens", 0)),
        json.getString("model"), json.getInteger("attempts", 1), json.getLong("latencyMs", 0L),
        json.getBoolean("simulated", false));
  }
}
