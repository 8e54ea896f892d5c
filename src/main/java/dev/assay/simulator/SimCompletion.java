package dev.assay.simulator;

import dev.assay.model.AssayHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Builds and validates chat.completion bodies. */
final class SimCompletion {
  private SimCompletion() {}

  /** A body and the completion tokens generated for it (every choice, whatever usage says). */
  record Built(JsonObject body, int promptTokens, int generated) {}

  static String invalid(JsonObject request, int maxN) {
    if (request == null) {
      return "body must be a JSON object";
    }
    if (!(request.getValue("messages") instanceof JsonArray messages) || messages.isEmpty()) {
      return "messages must be a non-empty array";
    }
    String bad = SimMessages.invalid(messages);
    if (bad != null) {
      return bad;
    }
    Object n = request.getValue("n", 1);
    if (!(n instanceof Number num) || num.intValue() < 1 || num.intValue() > maxN) {
      return "n must be an integer from 1 to " + maxN;
    }
    Object seed = request.getValue("seed");
    return seed == null || seed instanceof Number ? null : "seed must be an integer";
  }

  /** The last user message's content ("" when none). */
  static String lastUser(JsonObject request) {
    String user = "";
    for (Object m : request.getJsonArray("messages")) {
      JsonObject o = (JsonObject) m;
      user = "user".equals(o.getString("role")) && o.getValue("content") instanceof String c ? c : user;
    }
    return user;
  }

  /**
   * The body for {@code task}, answered with {@code skill} under the name {@code model}, shaped as
   * {@code behaviour}'s server shapes it (how many choices, what usage counts). A choice that calls
   * the tool through the API carries {@code tool_calls} and ends with {@code finish_reason: tool_calls}.
   */
  static Built build(SimAgent agent, long simulatorSeed, JsonObject request, SimTask task, SimSkill skill,
      String model, Behaviour behaviour, SimulatorOptions.Reasoning reasoning) {
    Integer maxTokens = request.getValue("max_tokens") instanceof Number mt ? mt.intValue() : null;
    int n = behaviour.choices(request.getInteger("n", 1));
    int promptTokens = 0;
    for (Object m : request.getJsonArray("messages")) {
      JsonObject message = (JsonObject) m;
      promptTokens += 3 + SimTokens.count(message.getValue("content") instanceof String c ? c : "");
      if (message.getValue("tool_calls") instanceof JsonArray calls) {
        promptTokens += new SimAgent.Turn("", calls).tokens();
      }
    }
    JsonArray choices = new JsonArray();
    List<Integer> tokens = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SimAgent.Turn turn = agent.turn(task, i, skill);
      if (reasoning.thinks() && turn.toolCalls().isEmpty()) {
        SimThinking.Shaped shaped = SimThinking.shape(turn.content(), reasoning, maxTokens);
        tokens.add(shaped.tokens());
        choices.add(new JsonObject().put("index", i).put("message", shaped.message())
            .put("finish_reason", shaped.finishReason()).putNull("logprobs"));
        continue;
      }
      tokens.add(turn.tokens());
      JsonObject message = new JsonObject().put("role", "assistant").put("content", turn.content());
      if (!turn.toolCalls().isEmpty()) {
        message.put("tool_calls", turn.toolCalls());
      }
      choices.add(new JsonObject().put("index", i).put("message", message)
          .put("finish_reason", turn.toolCalls().isEmpty() ? "stop" : "tool_calls").putNull("logprobs"));
    }
    long id = SimRandom.hash(simulatorSeed, task.seed(), request.getJsonArray("messages").encode(), n, task.task(),
        task.vars().encode());
    int completion = behaviour.usage(tokens);
    JsonObject body = new JsonObject()
        .put("id", "chatcmpl-sim-" + Long.toHexString(id))
        .put("object", "chat.completion")
        .put("created", 1_700_000_000L + Math.floorMod(id, 100_000_000L))
        .put("model", model)
        .put("system_fingerprint", AssayHeaders.FINGERPRINT)
        .put("choices", choices)
        .put("usage", new JsonObject().put("prompt_tokens", promptTokens)
            .put("completion_tokens", completion)
            .put("total_tokens", promptTokens + completion));
    return new Built(body, promptTokens, tokens.stream().mapToInt(Integer::intValue).sum());
  }
}
