package dev.assay.simulator;

import dev.assay.model.Await;
import dev.assay.model.Completion;
import dev.assay.model.ModelClient;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a test: prints how fast the client + simulator path runs on loopback. Runs only with
 * {@code -Dassay.bench=true}; asserts nothing about speed.
 */
@ExtendWith(VertxExtension.class)
@EnabledIfSystemProperty(named = "assay.bench", matches = "true")
class SimulatorThroughputBench {
  private static final int REQUESTS = 200;
  private static final int N = 8;

  @Test
  void printRequestsPerSecond(Vertx vertx) {
    bench(vertx, SimulatorOptions.defaults(), "vllm, per-choice tokens by /tokenize");
    bench(vertx, SimulatorOptions.defaults().withoutTokenize(), "vllm without /tokenize, tokens estimated");
  }

  private static void bench(Vertx vertx, SimulatorOptions options, String what) {
    SimulatedModelServer sim = new SimulatedModelServer(options);
    Await.result(vertx.deployVerticle(sim));
    ModelClient client = ModelClient.create(vertx, Ask.options(sim).withMaxInFlight(16));
    burst(client, 50);
    long t0 = System.nanoTime();
    burst(client, REQUESTS);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("BENCH %s: %d requests x n=%d (half math solve, half code solve) in %d ms = %.0f req/s%n",
        what, REQUESTS, N, ms, REQUESTS * 1000.0 / Math.max(1, ms));
  }

  private static void burst(ModelClient client, int count) {
    List<Future<Completion>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(client.complete(i % 2 == 0
          ? Ask.solveMath("Solve for x: " + (i + 2) + "x + 7 = " + (7 + 3 * (i + 2)), N, (long) i)
          : Ask.solveCode("def digit_sum(n):\n    \"\"\"Return the sum of the decimal digits of n >= 0.\"\"\"\n", N, (long) i)));
    }
    Await.result(Future.all(all));
  }
}
