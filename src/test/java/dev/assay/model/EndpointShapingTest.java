package dev.assay.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the simulator imitating each server: n limits learned and kept, requests split
 * with distinct seeds, servers that ignore n topped up, per-choice tokens exact where the server can
 * say them, the simulated-only variables header, request options on the wire.
 */
@ExtendWith(VertxExtension.class)
class EndpointShapingTest {
  private static List<JsonObject> answered(SimLog s) {
    return s.lines().stream().filter(l -> l.getInteger("status") == 200).toList();
  }

  private static int sum(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).sum();
  }

  @Test
  void llamaCppRefusesNEightOnceThenTheClientSplitsInFoursWithShiftedSeeds(Vertx vertx, @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults().behavingLike("llama.cpp", 4));
    ModelClient client = ModelClient.create(vertx, s.options());
    Completion c = Await.result(client.complete(SimLog.solve(8, 10)));
    assertThat(c.choices()).hasSize(8);
    assertThat(c.tokensEstimated()).isFalse();
    assertThat((long) sum(c.choiceTokens())).isEqualTo(s.sim.tokensPredicted("solve/"));
    List<JsonObject> first = s.lines();
    assertThat(first).hasSize(3);
    assertThat(first.get(0).getInteger("status")).isEqualTo(400);
    assertThat(first.get(0).getJsonObject("body").getInteger("n")).isEqualTo(8);
    assertThat(first.subList(1, 3)).extracting(l -> l.getJsonObject("body").getInteger("n")).containsExactly(4, 4);
    assertThat(first.subList(1, 3)).extracting(l -> l.getJsonObject("body").getLong("seed")).containsExactly(10L, 14L);

    Completion again = Await.result(ModelClient.create(vertx, s.options()).complete(SimLog.solve(8, 20)));
    assertThat(again.choices()).hasSize(8);
    assertThat(s.lines().subList(3, s.lines().size())).as("the limit is kept for the endpoint")
        .allSatisfy(l -> assertThat(l.getInteger("status")).isEqualTo(200)).hasSize(2);

    SimLog fresh = SimLog.start(vertx, dir, SimulatorOptions.defaults().behavingLike("llama.cpp", 4));
    ModelClient direct = ModelClient.create(vertx, fresh.options());
    List<String> byHand = new ArrayList<>(Await.result(direct.complete(SimLog.solve(4, 10))).choices());
    byHand.addAll(Await.result(direct.complete(SimLog.solve(4, 14))).choices());
    assertThat(c.choices()).as("a split request is deterministic").containsExactlyElementsOf(byHand);
  }

  @Test
  void llamaCppWithoutTokenizeIsFoundToCountChoiceZeroOnlyAndIsAskedOneChoiceAtATime(Vertx vertx,
      @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults().behavingLike("llama.cpp", 4).withoutTokenize());
    ModelClient client = ModelClient.create(vertx, s.options());
    Completion c = Await.result(client.complete(SimLog.solve(4, 3)));
    assertThat(c.choices()).hasSize(4);
    assertThat(c.tokensEstimated()).isFalse();
    List<JsonObject> singles = answered(s).stream().filter(l -> l.getJsonObject("body").getInteger("n") == 1).toList();
    assertThat(singles).hasSize(4);
    assertThat((long) sum(c.choiceTokens())).isEqualTo(singles.stream().mapToLong(l -> l.getLong("tokens_predicted")).sum());
    int before = s.lines().size();
    Completion next = Await.result(client.complete(SimLog.solve(3, 30)));
    assertThat(next.tokensEstimated()).isFalse();
    assertThat(s.lines().subList(before, s.lines().size()))
        .allSatisfy(l -> assertThat(l.getJsonObject("body").getInteger("n")).isEqualTo(1)).hasSize(3);
  }

  @Test
  void ollamaGivesOneChoiceWhateverNSaysAndIsToppedUpThenAskedOneAtATime(Vertx vertx, @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults().behavingLike("ollama", 4));
    ModelClient client = ModelClient.create(vertx, s.options());
    Completion c = Await.result(client.complete(SimLog.solve(5, 40)));
    assertThat(c.choices()).hasSize(5);
    assertThat(c.tokensEstimated()).isFalse();
    assertThat((long) sum(c.choiceTokens())).isEqualTo(s.sim.tokensPredicted(""));
    assertThat(s.lines()).extracting(l -> l.getJsonObject("body").getInteger("n")).containsExactly(5, 1, 1, 1, 1);
    assertThat(s.lines()).extracting(l -> l.getJsonObject("body").getLong("seed")).containsExactly(40L, 41L, 42L, 43L, 44L);
    Await.result(client.complete(SimLog.solve(2, 50)));
    assertThat(s.lines().subList(5, 7)).extracting(l -> l.getJsonObject("body").getInteger("n")).containsExactly(1, 1);
  }

  @Test
  void vllmHonoursNAndItsTokenizeRouteMakesEveryChoiceExact(Vertx vertx, @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults());
    Completion c = Await.result(ModelClient.create(vertx, s.options()).complete(SimLog.solve(6, 1)));
    assertThat(c.choices()).hasSize(6);
    assertThat(c.tokensEstimated()).isFalse();
    assertThat(s.lines()).hasSize(1);
    assertThat((long) sum(c.choiceTokens())).isEqualTo(s.sim.tokensPredicted("")).isEqualTo(c.usage().completionTokens());
  }

  @Test
  void openAiSumsUsageWithoutTokenizeSoTokensAreMarkedEstimatedAndUnknownFieldsFailAtOnce(Vertx vertx,
      @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults().behavingLike("openai", 4));
    ModelClient client = ModelClient.create(vertx, s.options());
    Completion c = Await.result(client.complete(SimLog.solve(4, 1)));
    assertThat(c.choices()).hasSize(4);
    assertThat(c.tokensEstimated()).isTrue();
    assertThat(sum(c.choiceTokens())).isCloseTo(c.usage().completionTokens(), org.assertj.core.data.Offset.offset(2));
    Completion one = Await.result(client.complete(SimLog.solve(1, 2)));
    assertThat(one.tokensEstimated()).as("one choice: usage is exact").isFalse();

    RequestOptions topK = new RequestOptions(null, null, null, List.of(), new JsonObject().put("top_k", 20));
    Throwable refused = Await.failure(client.complete(SimLog.solve(SimLog.STATEMENT, 2, 3, topK)));
    assertThat(refused).isInstanceOf(AssayException.class).hasMessageContaining(s.sim.baseUrl())
        .hasMessageContaining("HTTP 400").hasMessageContaining("Unrecognized request argument supplied: top_k");
    assertThat(((AssayException) refused).kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
    assertThat(s.lines()).hasSize(3);
  }

  @Test
  void variablesGoOnlyToTheSimulatedEndpointAndRequestOptionsReachTheWire(Vertx vertx, @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults());
    RequestOptions options = new RequestOptions(77, 0.3, 0.5, List.of("\n\n"),
        new JsonObject().put("repetition_penalty", 1.1).put("chat_template_kwargs", new JsonObject().put("x", true)));
    Await.result(ModelClient.create(vertx, s.options()).complete(SimLog.solve(SimLog.STATEMENT, 1, 1, options)));
    Await.result(ModelClient.create(vertx, s.options().withSimulated(false)).complete(SimLog.solve(1, 1)));
    JsonObject simulated = s.lines().get(0);
    JsonObject real = s.lines().get(1);
    assertThat(simulated.getJsonObject("headers").getString("X-Assay-Task")).isEqualTo("solve/math");
    assertThat(simulated.getJsonObject("headers").containsKey("X-Assay-Vars")).isTrue();
    assertThat(simulated.getJsonObject("vars").getJsonObject("problem").getString("statement")).isEqualTo(SimLog.STATEMENT);
    assertThat(real.getJsonObject("headers").getString("X-Assay-Task")).isEqualTo("solve/math");
    assertThat(real.getJsonObject("headers").containsKey("X-Assay-Vars")).as("never sent to a real server").isFalse();
    JsonObject body = simulated.getJsonObject("body");
    assertThat(body.getInteger("max_tokens")).isEqualTo(77);
    assertThat(body.getDouble("temperature")).isEqualTo(0.3);
    assertThat(body.getDouble("top_p")).isEqualTo(0.5);
    assertThat(body.getJsonArray("stop").getList()).containsExactly("\n\n");
    assertThat(body.getDouble("repetition_penalty")).isEqualTo(1.1);
    assertThat(body.getJsonObject("chat_template_kwargs").getBoolean("x")).isTrue();
    assertThat(real.getJsonObject("body").getInteger("max_tokens")).isEqualTo(ModelOptions.DEFAULT_MAX_TOKENS);
    assertThat(real.getJsonObject("body").containsKey("stop")).isFalse();
  }

  @Test
  void theBusCarriesTaskVariablesOptionsAndPerChoiceTokens(Vertx vertx, @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults().behavingLike("llama.cpp", 4));
    Await.result(vertx.deployVerticle(new ModelVerticle(s.options())));
    RequestOptions options = new RequestOptions(99, null, null, List.of("###"), new JsonObject().put("top_k", 5));
    Completion c = Await.result(ModelBusClient.create(vertx, 30_000).complete(
        SimLog.solve(SimLog.STATEMENT, 6, 7, options)));
    assertThat(c.choices()).hasSize(6);
    assertThat(c.tokensEstimated()).isFalse();
    assertThat((long) sum(c.choiceTokens())).isEqualTo(s.sim.tokensPredicted("solve/"));
    JsonObject last = s.lines().get(s.lines().size() - 1);
    assertThat(last.getJsonObject("vars").getJsonObject("problem").getString("statement")).isEqualTo(SimLog.STATEMENT);
    assertThat(last.getJsonObject("body").getInteger("max_tokens")).isEqualTo(99);
    assertThat(last.getJsonObject("body").getInteger("top_k")).isEqualTo(5);
    assertThat(last.getJsonObject("body").getJsonArray("stop").getList()).containsExactly("###");
  }

  @Test
  void aClientThatReplacesAClosedOneKeepsWhatWasLearnedAndStillCountsExactly(Vertx vertx, @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults().behavingLike("llama.cpp", 4));
    HttpModelClient first = new HttpModelClient(vertx, s.options(), name -> null, 16);
    Await.result(first.complete(SimLog.solve(8, 1)));
    first.close(); // as when the loop switches to a fine-tuned model on the same endpoint
    int before = s.lines().size();
    Completion c = Await.result(new HttpModelClient(vertx, s.options().withModel("ft"), name -> null, 16)
        .complete(SimLog.solve(8, 2)));
    assertThat(c.tokensEstimated()).isFalse();
    assertThat(s.lines().subList(before, s.lines().size())).extracting(l -> l.getInteger("status")).containsExactly(200, 200);
  }
}
