package dev.assay.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.simulator.SimulatedModelServer;
import dev.assay.simulator.SimulatorOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ModelVerticleBoundTest {
  private static final String PROMPT = "Solve for x: 3x + 7 = 22";

  private static SimulatedModelServer simulator(Vertx vertx, long latencyMs) {
    SimulatedModelServer sim = new SimulatedModelServer(SimulatorOptions.defaults().withLatencyMs(latencyMs));
    Await.result(vertx.deployVerticle(sim));
    return sim;
  }

  private static ModelVerticle deployModel(Vertx vertx, SimulatedModelServer sim, int maxInFlight,
      int maxQueued, Map<String, String> env) {
    ModelOptions o = ModelOptions.defaults().withBaseUrl(sim.baseUrl()).withMaxInFlight(maxInFlight)
        .withRetries(2, 1, 4).withTimeoutMs(10_000).withApiKeyEnv("ASSAY_BOUND_TEST_KEY");
    ModelVerticle verticle = new ModelVerticle(o, maxQueued, env::get);
    Await.result(vertx.deployVerticle(verticle));
    return verticle;
  }

  private static List<Future<Completion>> burst(ModelClient client, int count) {
    List<Future<Completion>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(client.complete(ChatRequest.of(PROMPT, 1, (long) i)));
    }
    return all;
  }

  @Test
  void inFlightRequestsNeverExceedMaxInFlight(Vertx vertx) {
    SimulatedModelServer sim = simulator(vertx, 150);
    ModelVerticle model = deployModel(vertx, sim, 3, 20, Map.of());
    List<Future<Completion>> all = burst(ModelBusClient.create(vertx, 30_000), 12);
    all.forEach(Await::result);
    assertThat(sim.requestCount()).isEqualTo(12);
    assertThat(sim.peakConcurrent()).isBetween(1, 3);
    assertThat(model.peakInFlight()).isEqualTo(3);
  }

  @Test
  void requestsBeyondTheQueueFailAtOnceWithQueueFull(Vertx vertx) {
    SimulatedModelServer sim = simulator(vertx, 300);
    deployModel(vertx, sim, 2, 4, Map.of());
    List<Future<Completion>> all = burst(ModelBusClient.create(vertx, 30_000), 9);
    int ok = 0;
    List<Throwable> failures = new ArrayList<>();
    for (Future<Completion> f : all) {
      try {
        Await.result(f);
        ok++;
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    assertThat(ok).isEqualTo(6);
    assertThat(failures).hasSize(3).allSatisfy(e -> {
      assertThat(e).isInstanceOf(AssayException.class).hasMessageContaining("model queue full");
      assertThat(((AssayException) e).kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
    });
    assertThat(sim.requestCount()).isEqualTo(6);
  }

  @Test
  void busClientReturnsTheCompletionAndCarriesTheKindOfFailures(Vertx vertx) {
    SimulatedModelServer sim = simulator(vertx, 0);
    deployModel(vertx, sim, 2, 4, Map.of("ASSAY_BOUND_TEST_KEY", "sk-bus"));
    ModelBusClient bus = ModelBusClient.create(vertx, 30_000);
    Completion c = Await.result(bus.complete(ChatRequest.of(PROMPT, 3, 4L)));
    assertThat(c.choices()).hasSize(3);
    assertThat(c.model()).isEqualTo("assay-sim-1");
    assertThat(c.usage().total()).isPositive();
    assertThat(c.attempts()).isEqualTo(1);
    assertThat(sim.lastAuthorization()).isEqualTo("Bearer sk-bus");

    Throwable bad = Await.failure(bus.complete(new ChatRequest(List.of(), 1, null)));
    assertThat(bad).isInstanceOf(AssayException.class).hasMessageContaining("HTTP 400");
    assertThat(((AssayException) bad).kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
  }

  @Test
  void busClientWithoutAModelVerticleFailsAsUnavailable(Vertx vertx) {
    Throwable none = Await.failure(ModelBusClient.create(vertx, 5_000).complete(ChatRequest.of(PROMPT, 1, null)));
    assertThat(none).isInstanceOf(AssayException.class).hasMessageContaining("no model verticle");
    assertThat(((AssayException) none).kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
  }
}
