package dev.assay.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.loop.core.Domain;
import dev.assay.verify.Verdict;
import dev.assay.verify.VerdictReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The daemon's progress: live counters, meters, and events on the bus. */
@ExtendWith(VertxExtension.class)
class EventsProgressTest {

  @Test
  void countsARoundIntoTheSnapshotAndTheMeters(Vertx vertx) {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    EventsProgress p = new EventsProgress(vertx.eventBus(), reg);
    p.round(new dev.assay.store.RoundInfo(3, "r", 3, 0, "m", true, "running", "start", 0, null));
    p.stage("solve", 4);
    p.step("solve");
    p.modelCall("solve", 10, 20, 2, 40);
    p.verdict(Domain.CODE, new Verdict(VerdictReason.OK, "", "code/1", 5));
    p.verdict(Domain.CODE, new Verdict(VerdictReason.TIMEOUT, "", "code/1", 2000));
    p.verdict(Domain.MATH, new Verdict(VerdictReason.WRONG_ANSWER, "", "math/1", 1));
    p.problemDropped(Domain.MATH, "missing_answer");
    JsonObject s = p.snapshot();
    assertThat(s.getInteger("round")).isEqualTo(3);
    assertThat(s.getString("stage")).isEqualTo("solve");
    assertThat(s.getJsonObject("funnel")).isEqualTo(new JsonObject().put("proposed", 5L).put("valid", 4)
        .put("attempts", 3L).put("verified", 1L).put("kept", 0L));
    assertThat(s.getJsonObject("problem_drops").getLong("missing_answer")).isEqualTo(1);
    p.kept(1);
    assertThat(p.snapshot().getJsonObject("funnel").getLong("kept")).isEqualTo(1);
    assertThat(p.snapshot().getJsonObject("totals").getLong("kept")).isEqualTo(1);
    assertThat(reg.get("assay.kept.samples").counter().count()).isEqualTo(1.0);
    assertThat(reg.get("assay.sandbox.runs").tag("status", "timeout").counter().count()).isEqualTo(1.0);
    assertThat(reg.find("assay.sandbox.runs").tag("status", "wrong_answer").counter()).isNull(); // math is no sandbox run
    assertThat(reg.get("assay.verdicts").tag("domain", "math").tag("reason", "wrong_answer").counter().count()).isEqualTo(1.0);
    assertThat(reg.get("assay.model.tokens").tag("kind", "completion").counter().count()).isEqualTo(20.0);
    assertThat(reg.get("assay.model.requests").counter().count()).isEqualTo(2.0);
    p.round(new dev.assay.store.RoundInfo(4, "r", 4, 0, "m", true, "running", "start", 0, null));
    assertThat(p.snapshot().getJsonObject("verdicts")).isEmpty();
    assertThat(p.snapshot().getJsonObject("totals").getLong("verdicts")).isEqualTo(3);
  }

  @Test
  void modelFailuresShowAsAnOutageUntilTheModelAnswers(Vertx vertx) {
    EventsProgress p = new EventsProgress(vertx.eventBus(), new SimpleMeterRegistry());
    assertThat(p.modelOutage()).isFalse();
    p.modelFailure("solve", "connection refused");
    assertThat(p.modelOutage()).isTrue();
    assertThat(p.snapshot().getJsonObject("model").getString("last_error")).isEqualTo("connection refused");
    p.modelCall("solve", 1, 1, 1, 1);
    assertThat(p.modelOutage()).isFalse();
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void publishesEventsOnTheBus(Vertx vertx, VertxTestContext ctx) {
    EventsProgress p = new EventsProgress(vertx.eventBus(), new SimpleMeterRegistry());
    vertx.eventBus().<JsonObject>consumer("assay.events.kept", m -> ctx.verify(() -> {
      assertThat(m.body().getInteger("kept")).isEqualTo(7);
      assertThat(m.body().getInteger("round")).isEqualTo(2);
      ctx.completeNow();
    })).completion().onSuccess(v -> {
      p.round(new dev.assay.store.RoundInfo(2, "r", 2, 0, "m", true, "running", "start", 0, null));
      p.kept(7);
    });
  }
}
