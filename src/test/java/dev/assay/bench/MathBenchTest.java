package dev.assay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bench runs and agrees with its own labels; speed is only printed, not asserted. */
class MathBenchTest {
  @Test
  void benchChecksMath500PairsAndAgreesWithLabels() {
    JsonObject r = MathBench.run(Path.of("../shared/peer/math500.jsonl"), Integer.getInteger("bench.pairs", 4_000));
    System.out.println(r.encode());
    assertThat(r.getInteger("checks")).isEqualTo(Integer.getInteger("bench.pairs", 4_000));
    assertThat(r.getDouble("agreement")).isGreaterThanOrEqualTo(0.97);
    assertThat(r.getInteger("timeouts")).isZero();
  }
}
