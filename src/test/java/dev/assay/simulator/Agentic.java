package dev.assay.simulator;

import dev.assay.model.Await;
import dev.assay.model.ChatMessage;
import dev.assay.model.ChatRequest;
import dev.assay.model.Completion;
import dev.assay.model.ModelClient;
import dev.assay.model.RequestOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Requests of agentic solving as the protocol (issue 11) says the loop sends them, through the real client. */
final class Agentic {
  /** The python tool the loop offers in API style. */
  static final JsonArray TOOLS = new JsonArray().add(new JsonObject().put("type", "function").put("function",
      new JsonObject().put("name", "python").put("description", "Runs Python code and returns its output.")
          .put("parameters", new JsonObject().put("type", "object")
              .put("properties", new JsonObject().put("code", new JsonObject().put("type", "string")))
              .put("required", new JsonArray().add("code")))));
  static final String OUTPUT_STOP = "```output";

  private Agentic() {}

  /** A deployed simulator with these agent knobs and a client of it. */
  static ModelClient client(Vertx vertx, SimulatorOptions.Agent agent) {
    SimulatedModelServer sim = new SimulatedModelServer(SimulatorOptions.defaults().withAgent(agent));
    Await.result(vertx.deployVerticle(sim));
    return ModelClient.create(vertx, Ask.options(sim));
  }

  static SimulatorOptions.Agent knobs(double toolUse, double toolCorrect, double toolBoost, double repairSuccess,
      int maxToolCalls) {
    return new SimulatorOptions.Agent(toolUse, toolCorrect, toolBoost, repairSuccess, maxToolCalls);
  }

  static JsonObject agent(String style, int turn, int toolCalls, int repairs, boolean feedback) {
    return new JsonObject().put("style", style).put("turn", turn).put("tool_calls", toolCalls).put("repairs", repairs)
        .put("feedback", feedback);
  }

  static JsonObject vars(String domain, String statement, JsonObject body, JsonObject agent) {
    JsonObject problem = Ask.problem(domain, statement).put("body", body == null ? new JsonObject() : body);
    JsonObject v = new JsonObject().put("problem", problem);
    return agent == null ? v : v.put("agent", agent);
  }

  static RequestOptions options(String style) {
    return switch (style) {
      case "api" -> RequestOptions.DEFAULTS.withTools(TOOLS, List.of());
      case "inline" -> RequestOptions.DEFAULTS.withTools(new JsonArray(), List.of(OUTPUT_STOP));
      default -> RequestOptions.DEFAULTS;
    };
  }

  static ChatRequest request(String task, JsonObject vars, List<ChatMessage> messages, int n, long seed, String style) {
    return new ChatRequest(messages, n, seed, task, vars, options(style));
  }

  static Completion ask(ModelClient c, ChatRequest r) {
    return Await.result(c.complete(r));
  }

  /** The code of an API tool call ({@code arguments} is a JSON object with a string {@code code}). */
  static String code(JsonObject call) {
    return new JsonObject(call.getJsonObject("function").getString("arguments")).getString("code");
  }

  /** The fenced python block an inline tool call ends with. */
  static String inlineCode(String content) {
    int at = content.lastIndexOf("```python\n");
    int end = content.lastIndexOf("```");
    return content.substring(at + "```python\n".length(), end);
  }

  /** Template math problems the simulator solves, with their answers. */
  static List<MathTemplates.Solved> mathProblems(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<MathTemplates.Solved> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(MathTemplates.generate(MathTemplates.Family.values()[i % 3], rng));
    }
    return out;
  }

  /** Template code tasks with their reference and tests. */
  static List<CodeTemplates.Task> codeTasks(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<CodeTemplates.Task> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(CodeTemplates.byName(CodeTemplates.variantName(i % CodeTemplates.families(), rng)).orElseThrow());
    }
    return out;
  }

  /** A final code answer is the reference (possibly with a comment), not a wrong or misbehaving variant. */
  static boolean correctCode(String text, CodeTemplates.Task t) {
    return text.contains(t.solution().stripTrailing()) && !text.contains("_impl");
  }
}
