package dev.assay.simulator;

import dev.assay.model.Await;
import dev.assay.model.ChatMessage;
import dev.assay.model.ChatRequest;
import dev.assay.model.ModelClient;
import dev.assay.model.ModelOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * Requests as the loop sends them to the simulated model: a task and its variables (the shapes of
 * {@code loop/prompt/Vars}), with a message whose wording the simulator never reads.
 */
final class Ask {
  private Ask() {}

  /** {@code {id, domain, origin, source_id, statement, answer, body}} of a problem. */
  static JsonObject problem(String domain, String statement) {
    return new JsonObject().put("id", "p-" + Integer.toHexString(statement.hashCode())).put("domain", domain)
        .put("origin", "seed").put("source_id", "").put("statement", statement).put("answer", "")
        .put("body", new JsonObject());
  }

  /** The user message these tests send for a task: any wording works. */
  static String userText(String task, JsonObject vars) {
    return "Task " + task + ". " + vars.encode();
  }

  static ChatRequest request(String task, JsonObject vars, int n, Long seed) {
    return new ChatRequest(List.of(ChatMessage.user(userText(task, vars))), n, seed, task, vars, null);
  }

  static ChatRequest solveMath(String statement, int n, Long seed) {
    return request("solve/math", new JsonObject().put("problem", problem("math", statement)), n, seed);
  }

  static ChatRequest solveCode(String prompt, int n, Long seed) {
    return request("solve/code", new JsonObject().put("problem", problem("code", prompt)), n, seed);
  }

  static ChatRequest propose(String task, int k, String example, int n, Long seed) {
    String domain = task.equals("propose/math") || task.equals("propose/math-program") ? "math" : "code";
    return request(task, new JsonObject().put("k", k).put("example", problem(domain, example)), n, seed);
  }

  static ChatRequest deduce(String program, String input, int n, Long seed) {
    return request("solve/deduction", new JsonObject().put("problem", problem("code", "deduce"))
        .put("program", program.strip()).put("input", input), n, seed);
  }

  static ChatRequest abduce(String program, String output, int n, Long seed) {
    return request("solve/abduction", new JsonObject().put("problem", problem("code", "abduce"))
        .put("program", program.strip()).put("output", output), n, seed);
  }

  /** Induction from {@code pairs} = input, output, input, output... */
  static ChatRequest induce(String description, int n, Long seed, String... pairs) {
    JsonArray examples = new JsonArray();
    for (int i = 0; i < pairs.length; i += 2) {
      examples.add(new JsonObject().put("input", pairs[i]).put("output", pairs[i + 1]));
    }
    return request("solve/induction", new JsonObject().put("problem", problem("code", "induce"))
        .put("description", description).put("examples", examples), n, seed);
  }

  static ChatRequest rationalize(String answer, String statement, int n, Long seed) {
    return request("solve/rationalize", new JsonObject().put("problem", problem("math", statement))
        .put("answer", answer), n, seed);
  }

  /** The brain's reply to {@code r}'s choice {@code index}, without HTTP. */
  static String reply(SimBrain brain, ChatRequest r, int index) {
    return brain.reply(new SimTask(r.task(), r.vars(), r.seed(), r.messages().get(r.messages().size() - 1).content()),
        index);
  }

  /** A client of the simulator {@code options} describe, deployed on {@code vertx}; answers are the choices. */
  static Function<ChatRequest, List<String>> model(Vertx vertx, SimulatorOptions options) {
    SimulatedModelServer sim = new SimulatedModelServer(options);
    Await.result(vertx.deployVerticle(sim));
    ModelClient c = ModelClient.create(vertx, options(sim));
    return r -> Await.result(c.complete(r)).choices();
  }

  /** Client options for the simulator: variables sent, quick retries. */
  static ModelOptions options(SimulatedModelServer sim) {
    return ModelOptions.defaults().withBaseUrl(sim.baseUrl()).withSimulated(true).withRetries(8, 1, 4);
  }
}
