package dev.assay.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.config.AssayConfig;
import dev.assay.store.RoundInfo;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Continuous mode stops at the first target or budget met, counting only finished rounds of its run. */
class BudgetTest {
  private static AssayConfig.Web web(long kept, long tokens, double hours) {
    return new AssayConfig.Web("127.0.0.1", 0, "T", "continuous", kept, tokens, hours, List.of(), List.of(), List.of());
  }

  private static RoundInfo round(String run, long kept, long tokens, boolean done) {
    JsonObject report = new JsonObject().put("stages", new JsonObject().put("kept", kept))
        .put("tokens", new JsonObject().put("total", tokens));
    return new RoundInfo(1, run, 1, 0, "m", true, done ? "done" : "running", "x", 0, done ? report : null);
  }

  @Test
  void targetAndBudgetsStopContinuousMode() {
    long now = System.currentTimeMillis();
    List<RoundInfo> rounds = List.of(round("a", 40, 1000, true), round("a", 30, 500, true), round("b", 1000, 9999, true),
        round("a", 999, 9999, false));
    assertThat(Budget.met(web(0, 0, 0), rounds, "a", now)).isNull();
    assertThat(Budget.met(web(71, 0, 0), rounds, "a", now)).isNull();
    assertThat(Budget.met(web(70, 0, 0), rounds, "a", now)).startsWith("target met: 70");
    assertThat(Budget.met(web(0, 1501, 0), rounds, "a", now)).isNull();
    assertThat(Budget.met(web(0, 1500, 0), rounds, "a", now)).startsWith("token budget spent: 1500");
    assertThat(Budget.met(web(0, 0, 1.0), rounds, "a", now - 30 * 60_000)).isNull();
    assertThat(Budget.met(web(0, 0, 0.5), rounds, "a", now - 31 * 60_000)).startsWith("time budget spent");
  }
}
