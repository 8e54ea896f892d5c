package dev.assay.simulator;

import dev.assay.model.Await;
import dev.assay.model.ChatRequest;
import dev.assay.model.ModelClient;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SimulatorDeterminismTest {
  private static SimulatedModelServer start(Vertx vertx, SimulatorOptions options) {
    SimulatedModelServer sim = new SimulatedModelServer(options);
    Await.result(vertx.deployVerticle(sim));
    return sim;
  }

  private static Function<ChatRequest, List<String>> client(Vertx vertx, SimulatedModelServer sim) {
    ModelClient c = ModelClient.create(vertx, Ask.options(sim));
    return r -> Await.result(c.complete(r)).choices();
  }

  @Test
  void sameSeedPromptAndIndexGiveSameTextRegardlessOfNAndOrder(Vertx vertx) {
    String a = "Solve for x: 3x + 7 = 22";
    String b = "def digit_sum(n):\n    \"\"\"Return the sum of the decimal digits of n >= 0.\"\"\"\n";
    var first = client(vertx, start(vertx, SimulatorOptions.defaults().withSeed(42)));
    List<String> a8 = first.apply(Ask.solveMath(a, 8, 7L));
    List<String> b3 = first.apply(Ask.solveCode(b, 3, 7L));

    var second = client(vertx, start(vertx, SimulatorOptions.defaults().withSeed(42).withFaults(0.3, 0.1, 0.1, 0.1)));
    List<String> b1 = second.apply(Ask.solveCode(b, 1, 7L));
    List<String> a3 = second.apply(Ask.solveMath(a, 3, 7L));

    assertThat(a3).containsExactlyElementsOf(a8.subList(0, 3));
    assertThat(b1).containsExactly(b3.get(0));
    assertThat(new HashSet<>(a8)).hasSizeGreaterThan(1);

    var otherSeed = client(vertx, start(vertx, SimulatorOptions.defaults().withSeed(43)));
    assertThat(otherSeed.apply(Ask.solveMath(a, 8, 7L))).isNotEqualTo(a8);
    assertThat(first.apply(Ask.solveMath(a, 8, 8L))).isNotEqualTo(a8);
  }

  @Test
  void eachIndexDrawsItsOwnOutcome(Vertx vertx) {
    var model = client(vertx, start(vertx, SimulatorOptions.defaults()));
    List<String> texts = model.apply(Ask.solveMath("Solve for x: 3x + 7 = 22", 60, 1L));
    long correct = texts.stream().filter(t -> finalAnswer(t).equals("5")).count();
    long none = texts.stream().filter(t -> finalAnswer(t).isEmpty()).count();
    assertThat(correct).isBetween(15L, 50L);
    assertThat(none).isBetween(1L, 25L);
    assertThat(60 - correct - none).isPositive();

    var allCorrect = client(vertx, start(vertx, SimulatorOptions.defaults().withOutcomes(Map.of("correct", 1.0))));
    assertThat(allCorrect.apply(Ask.solveMath("Solve for x: 3x + 7 = 22", 20, 1L)))
        .allSatisfy(t -> assertThat(finalAnswer(t)).isEqualTo("5"));
  }

  @Test
  void mathProposalsParseBackAndAreKnownToAFreshSimulator(Vertx vertx) {
    var proposer = client(vertx, start(vertx, SimulatorOptions.defaults().withSeed(1)));
    List<String> replies = proposer.apply(Ask.propose("propose/math", 5, "Solve for x: 2x + 3 = 9", 24, 5L));
    List<JsonObject> items = parsed(replies);
    assertThat(items).hasSizeGreaterThanOrEqualTo(5 * 16);
    assertThat(items.stream().filter(i -> i.getString("problem").startsWith("Solve for x")).count())
        .isGreaterThan(items.size() / 2);

    var solver = client(vertx, start(vertx, SimulatorOptions.defaults().withSeed(2)
        .withOutcomes(Map.of("correct", 1.0))));
    for (JsonObject item : items.subList(0, 12)) {
      if (item.getString("answer") == null) {
        continue;
      }
      String text = solver.apply(Ask.solveMath(item.getString("problem"), 1, 9L)).get(0);
      assertThat(finalAnswer(text)).isEqualTo(item.getString("answer"));
    }
  }

  @Test
  void someProposalRepliesAreDefectiveOnPurpose(Vertx vertx) {
    var model = client(vertx, start(vertx, SimulatorOptions.defaults()));
    List<String> replies = model.apply(Ask.propose("propose/math", 3, "What is 1/2 plus 1/4?", 96, 3L));
    int unparseable = 0;
    int missingAnswer = 0;
    for (String r : replies) {
      try {
        JsonArray a = new JsonArray(r);
        missingAnswer += a.stream().anyMatch(o -> !((JsonObject) o).containsKey("answer")) ? 1 : 0;
      } catch (DecodeException e) {
        unparseable++;
      }
    }
    assertThat(unparseable).isPositive();
    assertThat(missingAnswer).isPositive();
    assertThat(unparseable + missingAnswer).isLessThan(96 / 4);
  }

  @Test
  void codeProposalsCarryTestsAndAreSolvedByTheirOwnReference(Vertx vertx) {
    var model = client(vertx, start(vertx, SimulatorOptions.defaults().withOutcomes(Map.of("correct", 1.0))));
    String example = "def count_vowels(s):\n    \"\"\"Count the vowels in s.\"\"\"\n";
    List<JsonObject> items = parsed(model.apply(Ask.propose("propose/code-tasks", 4, example, 12, 1L)));
    assertThat(items).hasSizeGreaterThanOrEqualTo(4 * 8);
    for (JsonObject item : items.subList(0, 8)) {
      String entry = item.getString("entry_point");
      assertThat(item.getString("prompt")).startsWith("def " + entry + "(");
      String reply = model.apply(Ask.solveCode(item.getString("prompt"), 1, 2L)).get(0);
      assertThat(reply).contains("```python\n").contains("def " + entry + "(")
          .contains(CodeTemplates.byName(entry).orElseThrow().body().strip());
    }
  }

  @Test
  void responsesLookLikeOpenAiAndSaySimulated(Vertx vertx) {
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults());
    var web = io.vertx.ext.web.client.WebClient.create(vertx);
    var body = new JsonObject().put("model", "x").put("n", 2).put("seed", 5)
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "Solve for x: 3x + 7 = 22")));
    String vars = java.util.Base64.getEncoder().encodeToString(new JsonObject()
        .put("problem", Ask.problem("math", "Solve for x: 3x + 7 = 22")).encode().getBytes());
    var first = Await.result(web.postAbs(sim.baseUrl() + "/v1/chat/completions").putHeader("X-Assay-Task", "solve/math")
        .putHeader("X-Assay-Vars", vars).sendJsonObject(body));
    var again = Await.result(web.postAbs(sim.baseUrl() + "/v1/chat/completions").putHeader("X-Assay-Task", "solve/math")
        .putHeader("X-Assay-Vars", vars).sendJsonObject(body));
    var plain = Await.result(web.postAbs(sim.baseUrl() + "/v1/chat/completions").sendJsonObject(body));
    JsonObject json = first.bodyAsJsonObject();
    assertThat(first.getHeader("X-Assay-Simulated")).isEqualTo("true");
    assertThat(json.getString("object")).isEqualTo("chat.completion");
    assertThat(json.getString("model")).isEqualTo("assay-sim-1");
    assertThat(json.getString("system_fingerprint")).isEqualTo("assay-simulated");
    assertThat(json.getJsonArray("choices")).hasSize(2);
    assertThat(json.getJsonArray("choices").getJsonObject(1).getString("finish_reason")).isEqualTo("stop");
    JsonObject usage = json.getJsonObject("usage");
    assertThat(usage.getInteger("total_tokens"))
        .isEqualTo(usage.getInteger("prompt_tokens") + usage.getInteger("completion_tokens")).isPositive();
    assertThat(again.bodyAsJsonObject()).isEqualTo(json);
    assertThat(finalAnswer(json.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content")))
        .isNotEmpty();
    assertThat(plain.bodyAsJsonObject().getJsonArray("choices").getJsonObject(0).getJsonObject("message")
        .getString("content")).as("no task headers: a generic answer").isEqualTo(SimBrain.GENERIC);
    var models = Await.result(web.getAbs(sim.baseUrl() + "/v1/models").send()).bodyAsJsonObject();
    assertThat(models.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo("assay-sim-1");
  }

  @Test
  void knowledgeFilesAreLoadedWhenTheServerStarts(Vertx vertx) {
    var gsm8k = java.nio.file.Path.of("../shared/peer/gsm8k_test.jsonl");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(gsm8k), "no peer data");
    var model = client(vertx, start(vertx, SimulatorOptions.defaults().withKnowledge(List.of(gsm8k))
        .withOutcomes(Map.of("correct", 1.0))));
    String question = "A robe takes 2 bolts of blue fiber and half that much white fiber.  How many bolts in total does it take?";
    assertThat(finalAnswer(model.apply(Ask.solveMath(question, 1, 1L)).get(0))).isEqualTo("3");

    Throwable failure = Await.failure(vertx.deployVerticle(new SimulatedModelServer(
        SimulatorOptions.defaults().withKnowledge(List.of(java.nio.file.Path.of("no/such.jsonl"))))));
    assertThat(failure).isInstanceOf(dev.assay.AssayException.class).hasMessageContaining("no/such.jsonl");
  }

  static List<JsonObject> parsed(List<String> replies) {
    List<JsonObject> items = new ArrayList<>();
    for (String r : replies) {
      try {
        new JsonArray(r).forEach(o -> items.add((JsonObject) o));
      } catch (DecodeException defective) {
        // about one reply in twelve is broken on purpose
      }
    }
    return items;
  }

  /** The final answer in any of the three forms the simulator uses, or "". */
  static String finalAnswer(String text) {
    var m = java.util.regex.Pattern.compile("\\\\boxed\\{(.*)}|#### (.*)|The answer is (.*)\\.$",
        java.util.regex.Pattern.MULTILINE).matcher(text);
    String found = "";
    while (m.find()) {
      found = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }
    return found.trim();
  }

}
