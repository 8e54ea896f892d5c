package dev.assay.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.simulator.SimulatedModelServer;
import dev.assay.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ModelClientRetryTest {
  private static final String PROBLEM = "Solve the following math problem. Reason step by step,"
      + " then give the final answer in \\boxed{}.\n\nSolve for x: 3x + 7 = 22";

  private SimulatedModelServer start(Vertx vertx, SimulatorOptions options) {
    SimulatedModelServer sim = new SimulatedModelServer(options);
    Await.result(vertx.deployVerticle(sim));
    return sim;
  }

  private static ModelClient client(Vertx vertx, SimulatedModelServer sim, int retries) {
    ModelOptions o = ModelOptions.defaults().withBaseUrl(sim.baseUrl()).withRetries(retries, 1, 4)
        .withTimeoutMs(5_000).withMaxOutageMs(0);
    return new HttpModelClient(vertx, o, name -> null, 16);
  }

  private static List<Completion> sequential(ModelClient client, int count) {
    List<Completion> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(Await.result(client.complete(ChatRequest.of(PROBLEM, 2, (long) i))));
    }
    return out;
  }

  @Test
  void serverErrorsAreRetriedUntilSuccess(Vertx vertx) {
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults().withFaults(0.5, 0, 0, 0));
    List<Completion> done = sequential(client(vertx, sim, 10), 12);
    assertThat(done).allSatisfy(c -> assertThat(c.choices()).hasSize(2));
    assertThat(done).allMatch(Completion::simulated);
    int attempts = done.stream().mapToInt(Completion::attempts).sum();
    assertThat(attempts).isEqualTo(sim.requestCount()).isGreaterThan(12);
  }

  @Test
  void rateLimitsWithRetryAfterAreRetriedUntilSuccess(Vertx vertx) {
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults().withFaults(0, 0.4, 0, 0));
    List<Completion> done = sequential(client(vertx, sim, 10), 6);
    assertThat(done).allSatisfy(c -> assertThat(c.usage().completionTokens()).isPositive());
    assertThat(done.stream().mapToInt(Completion::attempts).max().orElse(0)).isGreaterThan(1);
  }

  @Test
  void malformedAndTruncatedBodiesAreRetriedUntilSuccess(Vertx vertx) {
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults().withFaults(0, 0, 0.15, 0.15));
    List<Completion> done = sequential(client(vertx, sim, 4), 8);
    assertThat(done).hasSize(8);
    assertThat(sim.requestCount()).isGreaterThan(8);
  }

  @Test
  void bodiesThatAreNeverCompletionsGiveBadOutputAfterACoupleOfRetries(Vertx vertx) {
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults().withFaults(0, 0, 0.5, 0.5));
    Throwable failure = Await.failure(client(vertx, sim, 6).complete(ChatRequest.of(PROBLEM, 1, 1L)));
    assertThat(failure).isInstanceOf(AssayException.class);
    assertThat(((AssayException) failure).kind()).isEqualTo(ErrorKind.MODEL_BAD_OUTPUT);
    assertThat(sim.requestCount()).isEqualTo(1 + HttpModelClient.BAD_OUTPUT_RETRIES);
  }

  @Test
  void serverThatAlwaysFailsGivesModelUnavailableAfterAllRetries(Vertx vertx) {
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults().withFaults(0.6, 0.4, 0, 0));
    Throwable failure = Await.failure(client(vertx, sim, 3).complete(ChatRequest.of(PROBLEM, 1, 1L)));
    assertThat(failure).isInstanceOf(AssayException.class).hasMessageContaining("after 4 attempts");
    assertThat(((AssayException) failure).kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
    assertThat(sim.requestCount()).isEqualTo(4);
  }

  @Test
  void badRequestFailsAtOnceNamingStatusAndBody(Vertx vertx) {
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults());
    ChatRequest empty = new ChatRequest(List.of(), 1, null);
    Throwable failure = Await.failure(client(vertx, sim, 5).complete(empty));
    assertThat(failure).isInstanceOf(AssayException.class)
        .hasMessageContaining("HTTP 400").hasMessageContaining("messages must be a non-empty array");
    assertThat(((AssayException) failure).kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
    assertThat(sim.requestCount()).isEqualTo(1);
  }

  @Test
  void unreachableServerGivesModelUnavailable(Vertx vertx) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ModelOptions o = ModelOptions.defaults().withBaseUrl("http://127.0.0.1:" + port)
        .withRetries(2, 1, 2).withTimeoutMs(2_000).withMaxOutageMs(0);
    Throwable failure = Await.failure(ModelClient.create(vertx, o).complete(ChatRequest.of(PROBLEM, 1, null)));
    assertThat(failure).isInstanceOf(AssayException.class).hasMessageContaining("after 3 attempts");
    assertThat(((AssayException) failure).kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
  }

  @Test
  void slowServerTimesOutAndIsRetried(Vertx vertx) {
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults().withLatencyMs(1_000));
    ModelOptions o = ModelOptions.defaults().withBaseUrl(sim.baseUrl()).withRetries(1, 1, 2)
        .withTimeoutMs(100).withMaxOutageMs(0);
    Throwable failure = Await.failure(ModelClient.create(vertx, o).complete(ChatRequest.of(PROBLEM, 1, 3L)));
    assertThat(((AssayException) failure).kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
    assertThat(failure).hasMessageContaining("after 2 attempts");
  }

  @Test
  void serverThatIgnoresNIsAskedAgainForTheMissingChoices(Vertx vertx) {
    // a fake upstream like Ollama: always one choice, whatever n says
    HttpServer oneChoice = Await.result(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      long seed = b.toJsonObject().getLong("seed");
      JsonObject choice = new JsonObject().put("index", 0)
          .put("message", new JsonObject().put("role", "assistant").put("content", "seed=" + seed));
      req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
          .put("model", "one").put("choices", new JsonArray().add(choice))
          .put("usage", new JsonObject().put("prompt_tokens", 10).put("completion_tokens", 2)).encode());
    })).listen(0, "127.0.0.1"));
    ModelOptions o = ModelOptions.defaults().withBaseUrl("http://127.0.0.1:" + oneChoice.actualPort());
    Completion c = Await.result(ModelClient.create(vertx, o).complete(ChatRequest.of(PROBLEM, 3, 5L)));
    assertThat(c.choices()).containsExactly("seed=5", "seed=6", "seed=7");
    assertThat(c.attempts()).isEqualTo(3);
    assertThat(c.usage()).isEqualTo(new Usage(30, 6));
    assertThat(c.simulated()).isFalse();
  }

  @Test
  void aReasoningModelThatSpentAllItsTokensThinkingIsAnEmptyAnswerNotABrokenBody(Vertx vertx) {
    // vLLM with a reasoning parser: the thinking goes to reasoning_content, and content is null when
    // max_tokens ran out before the answer; retrying that would fail the round as a model outage
    HttpServer thinker = Await.result(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      JsonObject choice = new JsonObject().put("index", 0).put("finish_reason", "length")
          .put("message", new JsonObject().put("role", "assistant").putNull("content")
              .put("reasoning_content", "Let me think about 3x + 7 = 22. Maybe \\boxed{5}..."));
      req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
          .put("model", "r1").put("choices", new JsonArray().add(choice))
          .put("usage", new JsonObject().put("prompt_tokens", 10).put("completion_tokens", 64)).encode());
    })).listen(0, "127.0.0.1"));
    ModelOptions o = ModelOptions.defaults().withBaseUrl("http://127.0.0.1:" + thinker.actualPort());
    Completion c = Await.result(ModelClient.create(vertx, o).complete(ChatRequest.of(PROBLEM, 1, 5L)));
    assertThat(c.choices()).containsExactly("");
    assertThat(c.truncated()).containsExactly(true);
    assertThat(c.attempts()).isEqualTo(1);
    assertThat(c.usage()).isEqualTo(new Usage(10, 64));
    // the flag survives the event bus between the loop and the model verticle
    assertThat(ChatJson.busReply(ChatJson.busReply(c)).truncated()).containsExactly(true);
  }

  @Test
  void apiKeyIsSentOnlyWhenTheVariableIsSet(Vertx vertx) {
    SimulatedModelServer sim = start(vertx, SimulatorOptions.defaults());
    ModelOptions named = ModelOptions.defaults().withBaseUrl(sim.baseUrl()).withApiKeyEnv("ASSAY_TEST_KEY");
    Map<String, String> env = Map.of("ASSAY_TEST_KEY", "sk-test-123");

    Await.result(new HttpModelClient(vertx, named, env::get, 4).complete(ChatRequest.of(PROBLEM, 1, 1L)));
    assertThat(sim.lastAuthorization()).isEqualTo("Bearer sk-test-123");

    Await.result(new HttpModelClient(vertx, named, name -> null, 4).complete(ChatRequest.of(PROBLEM, 1, 1L)));
    assertThat(sim.lastAuthorization()).isNull();

    Await.result(new HttpModelClient(vertx, named.withApiKeyEnv(null), env::get, 4)
        .complete(ChatRequest.of(PROBLEM, 1, 1L)));
    assertThat(sim.lastAuthorization()).isNull();
    assertThat(named.toString()).doesNotContain("sk-test-123");
  }
}
