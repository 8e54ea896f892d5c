package dev.assay.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay doctor --config}'s probes against the simulator imitating each server, and a dead endpoint. */
@ExtendWith(VertxExtension.class)
class EndpointDoctorTest {
  private static Map<String, String> facts(Vertx vertx, ModelOptions o) {
    EndpointDoctor.Report r = Await.result(EndpointDoctor.probe(vertx, o, name -> null));
    r.facts().forEach(f -> System.out.println("doctor " + o.baseUrl() + " " + f.name() + ": " + f.text()));
    return r.facts().stream().collect(Collectors.toMap(EndpointDoctor.Fact::name, EndpointDoctor.Fact::text));
  }

  @Test
  void llamaCppShowsItsSlotLimitTokenizeAndChoiceZeroUsage(Vertx vertx, @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults().behavingLike("llama.cpp", 4));
    Map<String, String> f = facts(vertx, s.options());
    assertThat(f.get("models")).contains("assay-sim-1").contains("is listed");
    assertThat(f.get("n")).contains("n=2 gives 2 choices");
    assertThat(f.get("n limit")).contains("limit learned: 4");
    assertThat(f.get("seed")).contains("the same text");
    assertThat(f.get("tokenize")).contains("answers");
    assertThat(f.get("usage")).contains("counts choice 0 only");
    assertThat(f.get("client")).contains("n limit: 4").contains("exact");
  }

  @Test
  void ollamaShowsNIgnoredAndOpenAiShowsEstimates(Vertx vertx, @TempDir Path dir) {
    SimLog ollama = SimLog.start(vertx, dir, SimulatorOptions.defaults().behavingLike("ollama", 4));
    Map<String, String> f = facts(vertx, ollama.options());
    assertThat(f.get("n")).contains("n ignored");
    assertThat(f.get("tokenize")).isEqualTo("no tokenize route");
    assertThat(f.get("client")).contains("8 request(s)").contains("n limit: 1").contains("exact");

    SimLog openai = SimLog.start(vertx, dir, SimulatorOptions.defaults().behavingLike("openai", 4));
    Map<String, String> o = facts(vertx, openai.options().withSimulated(false));
    assertThat(o.get("n limit")).contains("no limit met");
    assertThat(o.get("usage")).contains("marked estimated");
    assertThat(o.get("client")).contains("ESTIMATED");
  }

  @Test
  void vllmSumsUsage(Vertx vertx, @TempDir Path dir) {
    SimLog s = SimLog.start(vertx, dir, SimulatorOptions.defaults());
    assertThat(facts(vertx, s.options()).get("usage")).contains("sums every choice");
  }

  @Test
  void aDeadEndpointDoesNotAnswer(Vertx vertx) throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    EndpointDoctor.Report r = Await.result(EndpointDoctor.probe(vertx,
        ModelOptions.defaults().withBaseUrl("http://127.0.0.1:" + port), name -> null));
    assertThat(r.answers()).isFalse();
    assertThat(r.facts()).extracting(EndpointDoctor.Fact::name).containsExactly("models", "chat");
    assertThat(r.facts()).allSatisfy(fact -> assertThat(fact.ok()).isFalse());
  }
}
