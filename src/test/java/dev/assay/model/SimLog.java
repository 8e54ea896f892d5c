package dev.assay.model;

import dev.assay.simulator.SimulatedModelServer;
import dev.assay.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A simulator with a request log, and requests of the loop's shape for client tests. */
final class SimLog {
  static final String STATEMENT = "Solve for x: 3x + 7 = 22";

  final SimulatedModelServer sim;
  final Path log;

  private SimLog(SimulatedModelServer sim, Path log) {
    this.sim = sim;
    this.log = log;
  }

  static SimLog start(Vertx vertx, Path dir, SimulatorOptions options) {
    Path log = dir.resolve("requests-" + System.nanoTime() + ".jsonl");
    SimulatedModelServer sim = new SimulatedModelServer(options.withRequestLog(log));
    Await.result(vertx.deployVerticle(sim));
    return new SimLog(sim, log);
  }

  /** Options of a client of this simulator: variables sent, quick retries. */
  ModelOptions options() {
    return ModelOptions.defaults().withBaseUrl(sim.baseUrl()).withSimulated(true).withRetries(4, 1, 4);
  }

  List<JsonObject> lines() {
    try {
      List<JsonObject> out = new ArrayList<>();
      for (String l : Files.readAllLines(log)) {
        out.add(new JsonObject(l));
      }
      return out;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A solve/math request for {@link #STATEMENT} as the loop sends it. */
  static ChatRequest solve(int n, long seed) {
    return solve(STATEMENT, n, seed, null);
  }

  static ChatRequest solve(String statement, int n, long seed, RequestOptions options) {
    JsonObject vars = new JsonObject().put("problem", new JsonObject().put("id", "p1").put("domain", "math")
        .put("statement", statement).put("answer", "").put("body", new JsonObject()));
    return new ChatRequest(List.of(ChatMessage.user("Please solve: " + statement)), n, seed, "solve/math", vars,
        options);
  }
}
