package dev.assay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.SandboxOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the bench's report shape with a few runs. With {@code -Dassay.bench.runs=N} it runs
 * the real comparison (warm vs fresh) and prints both JSON lines; no timing is asserted.
 */
@org.junit.jupiter.api.Tag("e2e")
class SandboxBenchTest {
  private Vertx vertx;

  @BeforeEach
  void up() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void down() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void benchReportsRateAndLatencyOfSuccessfulRuns() {
    int runs = Integer.getInteger("assay.bench.runs", 20);
    int conc = Integer.getInteger("assay.bench.concurrency", 4);
    int pool = Integer.getInteger("assay.bench.pool", 2);
    SandboxOptions o = SandboxOptions.defaults().withPool(pool, 1024, 1000);
    JsonObject warm = SandboxBench.run(vertx, o, runs, conc);
    JsonObject fresh = SandboxBench.run(vertx, o.withWarm(false), Math.max(10, runs / 5), conc);
    System.out.println("BENCH " + warm.encode());
    System.out.println("BENCH " + fresh.encode());
    for (JsonObject j : new JsonObject[] {warm, fresh}) {
      assertThat(j.getInteger("failed")).isZero();
      assertThat(j.getDouble("per_second")).isPositive();
      assertThat(j.getDouble("p99_ms")).isGreaterThanOrEqualTo(j.getDouble("p50_ms"));
      assertThat(j.getString("backend")).isEqualTo("process");
    }
    assertThat(warm.getBoolean("warm")).isTrue();
    assertThat(fresh.getBoolean("warm")).isFalse();
  }
}
