package dev.assay.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Builds and validates chat.completion bodies. */
final class SimCompletion {
  private SimCompletion() {}

  static String invalid(JsonObject request, int maxN) {
    if (request == null) {
      return "body must be a JSON object";
    }
    if (!(request.getValue("messages") instanceof JsonArray messages) || messages.isEmpty()) {
      return "messages must be a non-empty array";
    }
    for (Object m : messages) {
      if (!(m instanceof JsonObject o) || !(o.getValue("role") instanceof String)
          || !(o.getValue("content") instanceof String)) {
        return "every message needs a string role and content";
      }
    }
    Object n = request.getValue("n", 1);
    if (!(n instanceof Number num) || num.intValue() < 1 || num.intValue() > maxN) {
      return "n must be an integer from 1 to " + maxN;
    }
    Object seed = request.getValue("seed");
    return seed == null || seed instanceof Number ? null : "seed must be an integer";
  }

  /** The body for {@code request}, answered with {@code skill} under the name {@code model}. */
  static JsonObject build(SimBrain brain, long simulatorSeed, JsonObject request, SimSkill skill, String model) {
    List<ChatMessage> messages = ChatJson.messages(request.getJsonArray("messages"));
    int n = request.getInteger("n", 1);
    Long seed = request.getValue("seed") instanceof Number s ? s.longValue() : null;
    int promptChars = 0;
    for (ChatMessage m : messages) {
      promptChars += m.content().length();
    }
    JsonArray choices = new JsonArray();
    List<String> texts = new ArrayList<>();
    int completionTokens = 0;
    for (int i = 0; i < n; i++) {
      String text = brain.reply(messages, seed, i, skill);
      texts.add(text);
      completionTokens += tokens(text.length());
      choices.add(new JsonObject().put("index", i)
          .put("message", new JsonObject().put("role", "assistant").put("content", text))
          .put("finish_reason", "stop").putNull("logprobs"));
    }
    long id = SimRandom.hash(simulatorSeed, seed, messages, n);
    int promptTokens = tokens(promptChars);
    return new JsonObject()
        .put("id", "chatcmpl-sim-" + Long.toHexString(id))
        .put("object", "chat.completion")
        .put("created", 1_700_000_000L + Math.floorMod(id, 100_000_000L))
        .put("model", model)
        .put("system_fingerprint", SimulatedModelServer.FINGERPRINT)
        .put("choices", choices)
        .put("usage", new JsonObject().put("prompt_tokens", promptTokens)
            .put("completion_tokens", completionTokens)
            .put("total_tokens", promptTokens + completionTokens));
  }

  private static int tokens(int chars) {
    return (chars + 3) / 4;
  }
}
