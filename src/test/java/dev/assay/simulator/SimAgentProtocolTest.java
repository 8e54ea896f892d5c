package dev.assay.simulator;

import static dev.assay.simulator.Agentic.agent;
import static dev.assay.simulator.Agentic.ask;
import static dev.assay.simulator.Agentic.knobs;
import static dev.assay.simulator.Agentic.request;
import static dev.assay.simulator.Agentic.vars;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.model.Await;
import dev.assay.model.ChatMessage;
import dev.assay.model.ChatRequest;
import dev.assay.model.Completion;
import dev.assay.model.ModelClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rest of the agentic protocol over HTTP: repair after feedback at the configured rate, the same
 * request always answered the same, nothing changed for requests without tools, and conversations
 * whose tool messages do not answer tool calls refused as OpenAI refuses them.
 */
@ExtendWith(VertxExtension.class)
class SimAgentProtocolTest {
  static final List<ChatMessage> FEEDBACK = List.of(ChatMessage.user("Solve it."),
      new ChatMessage("assistant", "The answer is 1."), ChatMessage.user("That answer is wrong. Try again."));

  static double mathRepairRate(ModelClient c, int problems) {
    int right = 0;
    int total = 0;
    for (MathTemplates.Solved p : Agentic.mathProblems(problems, 31)) {
      for (int sample = 0; sample < 2; sample++) {
        Completion r = ask(c, request("solve/math", vars("math", p.problem(), null, agent("none", 1, 0, 1, true)),
            FEEDBACK, 1, 7_000L + total, "none"));
        String answer = SimulatorDeterminismTest.finalAnswer(r.choices().get(0));
        assertThat(answer).as("a repair answers, right or wrong").isNotEmpty();
        right += answer.equals(p.answer()) ? 1 : 0;
        total++;
      }
    }
    return (double) right / total;
  }

  @Test
  void afterFeedbackItRepairsAtAboutTheConfiguredRate(Vertx vertx) {
    assertThat(mathRepairRate(Agentic.client(vertx, SimulatorOptions.Agent.DEFAULTS), 200)).as("repair_success 0.5")
        .isBetween(0.42, 0.58);
    assertThat(mathRepairRate(Agentic.client(vertx, knobs(0.6, 0.9, 0.25, 0.9, 2)), 100)).as("repair_success 0.9")
        .isBetween(0.83, 0.97);

    ModelClient c = Agentic.client(vertx, SimulatorOptions.Agent.DEFAULTS);
    int right = 0;
    int total = 0;
    for (CodeTemplates.Task t : Agentic.codeTasks(200, 12)) {
      Completion r = ask(c, request("solve/code", vars("code", t.prompt(), null, agent("api", 1, 0, 1, true)),
          FEEDBACK, 1, 9_000L + total, "api"));
      assertThat(r.toolCalls().get(0)).isEmpty();
      right += Agentic.correctCode(r.choices().get(0), t) ? 1 : 0;
      total++;
    }
    assertThat((double) right / total).as("code repair_success 0.5").isBetween(0.42, 0.58);
  }

  @Test
  void theSameRequestGetsTheSameAnswerEveryTurn(Vertx vertx) {
    ModelClient one = Agentic.client(vertx, SimulatorOptions.Agent.DEFAULTS);
    ModelClient other = Agentic.client(vertx, SimulatorOptions.Agent.DEFAULTS);
    String problem = Agentic.mathProblems(1, 2).get(0).problem();
    JsonArray call = new JsonArray().add(new JsonObject().put("id", "call_0").put("type", "function")
        .put("function", new JsonObject().put("name", "python").put("arguments", "{\"code\": \"print(4)\"}")));
    List<ChatRequest> turns = List.of(
        request("solve/math", vars("math", problem, null, agent("api", 0, 0, 0, false)),
            List.of(ChatMessage.user("Solve it.")), 8, 5L, "api"),
        request("solve/math", vars("math", problem, null, agent("inline", 0, 0, 0, false)),
            List.of(ChatMessage.user("Solve it.")), 8, 5L, "inline"),
        request("solve/math", vars("math", problem, null, agent("api", 1, 1, 0, false)),
            List.of(ChatMessage.user("Solve it."), ChatMessage.assistant("", call), ChatMessage.tool("call_0", "4\n")),
            1, 6L, "api"),
        request("solve/math", vars("math", problem, null, agent("none", 1, 0, 1, true)), FEEDBACK, 1, 7L, "none"));
    boolean someCall = false;
    for (ChatRequest r : turns) {
      Completion a = ask(one, r);
      Completion b = ask(one, r);
      Completion c = ask(other, r);
      assertThat(a.simulated()).isTrue();
      assertThat(b.choices()).isEqualTo(a.choices()).isEqualTo(c.choices());
      assertThat(b.toolCalls()).isEqualTo(a.toolCalls()).isEqualTo(c.toolCalls());
      someCall |= a.toolCalls().stream().anyMatch(t -> !t.isEmpty());
      if (r.n() > 1) {
        Completion reseeded = ask(one, new ChatRequest(r.messages(), r.n(), r.seed() + 100, r.task(), r.vars(),
            r.options()));
        assertThat(reseeded.choices()).as("another request seed, other draws").isNotEqualTo(a.choices());
      }
    }
    assertThat(someCall).isTrue();
  }

  @Test
  void withoutAToolOrFeedbackTheAnswersAreTodays(Vertx vertx) {
    ModelClient c = Agentic.client(vertx, knobs(1.0, 0.9, 0.25, 0.5, 2));
    ModelClient half = Agentic.client(vertx, SimulatorOptions.Agent.DEFAULTS);
    List<String[]> problems = List.of(new String[] {"solve/math", "math", "Solve for x: 3x + 7 = 22"},
        new String[] {"solve/math", "math", "How many legs do 3 spiders have?"},
        new String[] {"solve/code", "code", Agentic.codeTasks(1, 3).get(0).prompt()},
        new String[] {"solve/code", "code", "def mystery(a, b):\n    \"\"\"Do something.\"\"\"\n"});
    for (String[] p : problems) {
      List<ChatMessage> ask = List.of(ChatMessage.user("Solve it."));
      List<String> today = ask(c, request(p[0], vars(p[1], p[2], null, null), ask, 8, 3L, "none")).choices();
      assertThat(ask(c, request(p[0], vars(p[1], p[2], null, agent("none", 0, 0, 0, false)), ask, 8, 3L, "none"))
          .choices()).as("repair-only mode, first turn").isEqualTo(today);
      assertThat(ask(c, request(p[0], vars(p[1], p[2], null, null), ask, 8, 3L, "api")).choices())
          .as("tools in the body but no agent vars").isEqualTo(today);
      Completion offered = ask(half, request(p[0], vars(p[1], p[2], null, agent("api", 0, 0, 0, false)), ask, 8, 3L, "api"));
      int kept = 0;
      for (int i = 0; i < 8; i++) {
        if (offered.toolCalls().get(i).isEmpty()) {
          assertThat(offered.choices().get(i)).as("a sample that did not call the tool").isEqualTo(today.get(i));
          kept++;
        }
      }
      assertThat(kept).isBetween(1, 7);
    }
    assertThat(SimRepliesArePinnedTest.digestOfReplies()).isEqualTo(SimRepliesArePinnedTest.GOLDEN);
  }

  @Test
  void toolMessagesMustAnswerTheCallsBeforeThem(Vertx vertx) {
    SimulatedModelServer sim = new SimulatedModelServer(SimulatorOptions.defaults());
    Await.result(vertx.deployVerticle(sim));
    WebClient web = WebClient.create(vertx);
    JsonObject user = new JsonObject().put("role", "user").put("content", "Solve it.");
    JsonObject calls = new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray()
        .add(new JsonObject().put("id", "call_0").put("type", "function").put("function",
            new JsonObject().put("name", "python").put("arguments", "{\"code\": \"print(1)\"}"))));
    JsonObject answer = new JsonObject().put("role", "tool").put("tool_call_id", "call_0").put("content", "1\n");
    JsonObject stray = new JsonObject().put("role", "tool").put("tool_call_id", "call_9").put("content", "1\n");

    assertThat(post(web, sim, new JsonArray().add(user).add(calls).add(answer)).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> orphan = post(web, sim, new JsonArray().add(user).add(stray));
    assertThat(orphan.statusCode()).isEqualTo(400);
    assertThat(orphan.bodyAsString()).contains("must be a response to a preceeding message with 'tool_calls'");
    assertThat(post(web, sim, new JsonArray().add(user).add(calls).add(stray)).statusCode()).isEqualTo(400);
    HttpResponse<Buffer> unanswered = post(web, sim, new JsonArray().add(user).add(calls).add(user));
    assertThat(unanswered.statusCode()).isEqualTo(400);
    assertThat(unanswered.bodyAsString()).contains("did not have response messages: call_0");
    JsonObject noArguments = calls.copy();
    noArguments.getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function").remove("arguments");
    assertThat(post(web, sim, new JsonArray().add(user).add(noArguments).add(answer)).statusCode()).isEqualTo(400);
  }

  private static HttpResponse<Buffer> post(WebClient web, SimulatedModelServer sim, JsonArray messages) {
    JsonObject v = vars("math", "Solve for x: 3x + 7 = 22", null, agent("api", 1, 1, 0, false));
    return Await.result(web.postAbs(sim.baseUrl() + "/v1/chat/completions").putHeader("X-Assay-Task", "solve/math")
        .putHeader("X-Assay-Vars", Base64.getEncoder().encodeToString(v.encode().getBytes(StandardCharsets.UTF_8)))
        .sendJsonObject(new JsonObject().put("model", "m").put("n", 1).put("seed", 1).put("messages", messages)
            .put("tools", Agentic.TOOLS)));
  }
}
