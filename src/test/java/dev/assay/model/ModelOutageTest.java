package dev.assay.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.simulator.SimulatorOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint that goes away (the simulator's fault switch): requests wait through an outage shorter
 * than {@code max_outage_ms} and then succeed, fail naming the endpoint after a longer one, and the
 * model verticle publishes the outage on {@value ModelVerticle#EVENTS} meanwhile.
 */
@ExtendWith(VertxExtension.class)
class ModelOutageTest {
  private static ModelOptions quick(SimLog s, long maxOutageMs) {
    return s.options().withRetries(2, 20, 200).withTimeoutMs(2_000).withMaxOutageMs(maxOutageMs);
  }

  @Test
  void requestsWaitThroughAShortOutageAndSucceedWhileTheVerticlePublishesIt(Vertx vertx, @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults());
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(ModelVerticle.EVENTS, m -> events.add(m.body()));
    Await.result(vertx.deployVerticle(new ModelVerticle(quick(s, 20_000))));
    ModelBusClient client = ModelBusClient.create(vertx, 60_000);
    Await.result(client.complete(SimLog.solve(2, 1)));

    s.sim.downFor(3_000);
    long t0 = System.nanoTime();
    List<Future<Completion>> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(client.complete(SimLog.solve(2, 10 + i)));
    }
    all.forEach(f -> assertThat(Await.result(f).choices()).hasSize(2));
    long waitedMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(waitedMs).as("they waited for the endpoint").isGreaterThanOrEqualTo(2_500);

    List<JsonObject> down = events.stream().filter(e -> e.getBoolean("outage")).toList();
    assertThat(down).as("at least once a second while down").hasSizeGreaterThanOrEqualTo(1);
    assertThat(down).allSatisfy(e -> {
      assertThat(e.getString("endpoint")).isEqualTo(s.sim.baseUrl());
      assertThat(e.getLong("down_ms")).isGreaterThanOrEqualTo(1_000);
      assertThat(e.getInteger("waiting")).isBetween(1, 6);
      assertThat(e.getString("last_error")).isNotBlank();
    });
    assertThat(events.get(events.size() - 1).getBoolean("outage")).isFalse();
    assertThat(events.get(events.size() - 1).getBoolean("recovered")).isTrue();
    assertThat(s.lines().stream().filter(l -> l.getInteger("status") != 200)).as("failed attempts").isNotEmpty();
  }

  @Test
  void anOutageLongerThanMaxOutageFailsTheRequestNamingTheEndpointAndTheLastFailure(Vertx vertx, @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults());
    s.sim.down(true);
    long t0 = System.nanoTime();
    Throwable failure = Await.failure(ModelClient.create(vertx, quick(s, 1_500)).complete(SimLog.solve(1, 1)));
    long waitedMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(failure).isInstanceOf(AssayException.class)
        .hasMessageContaining(s.sim.baseUrl() + "/v1/chat/completions").hasMessageContaining("last failure");
    assertThat(((AssayException) failure).kind()).isEqualTo(ErrorKind.MODEL_UNAVAILABLE);
    assertThat(waitedMs).as("it waited max_outage_ms first").isGreaterThanOrEqualTo(1_500);
    assertThat(s.lines().size()).isGreaterThan(3);
  }

  @Test
  void anUnreachableEndpointFailsAfterMaxOutageNamingItsUrl(Vertx vertx) throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ModelOptions o = ModelOptions.defaults().withBaseUrl("http://127.0.0.1:" + port).withRetries(1, 20, 100)
        .withTimeoutMs(1_000).withMaxOutageMs(800);
    Throwable failure = Await.failure(ModelClient.create(vertx, o).complete(SimLog.solve(1, 1)));
    assertThat(failure).hasMessageContaining("http://127.0.0.1:" + port + "/v1/chat/completions")
        .hasMessageContaining("no response");
  }
}
