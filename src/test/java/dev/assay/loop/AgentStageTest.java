package dev.assay.loop;

import static dev.assay.loop.StageHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.model.ModelClient;
import dev.assay.store.ProblemRow;
import dev.assay.store.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The solve stage with repair (in process, real parts): every sample is a trajectory stored turn by
 * turn; a failing answer gets feedback that never holds the right answer; a trajectory whose end was
 * not stored continues from its stored turns without asking the model again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentStageTest {
  Path dir;
  StageHarness h;
  RoundContext ctx;
  final AtomicInteger modelCalls = new AtomicInteger();

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("assay-agent");
    h = StageHarness.agentic(dir, "  solve_mode: repair\n  max_repairs: 2\n");
    RoundContext base = h.context();
    ModelClient real = base.model();
    ctx = base.withModel(req -> {
      modelCalls.incrementAndGet();
      return real.complete(req);
    });
    h.runUpTo(ctx, SolveStage.class);
    await(new SolveStage().run(ctx));
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
    StageHarness.delete(dir);
  }

  private long count(String sql) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + h.cfg.run().db()); var r = c.createStatement().executeQuery(sql)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  @Test
  void everySampleIsAFinishedTrajectoryAndRepairsNeverGiveTheAnswerAway() throws Exception {
    List<ProblemRow> valid = await(h.store().problems().list(ctx.roundId(), true));
    int n = ctx.cfg().round().samplesPerProblem();
    assertThat(count("SELECT COUNT(*) FROM attempts WHERE kind='sample'")).isEqualTo((long) valid.size() * n);
    assertThat(count("SELECT COUNT(*) FROM attempts WHERE kind='baseline'")).isEqualTo(valid.size());
    assertThat(count("SELECT COUNT(*) FROM attempts WHERE kind='sample' AND verdict IS NULL")).isZero();
    assertThat(await(h.store().trajectories().unfinished(ctx.roundId()))).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM attempts WHERE repairs > 2")).isZero();
    assertThat(count("SELECT COUNT(*) FROM attempts WHERE repairs > 0 AND first_verdict = 'ok'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM turns WHERE role='user'")).as("some answers were repaired").isPositive();
    for (ProblemRow r : valid) {
      if (r.problem().domain() == dev.assay.loop.core.Domain.MATH && !r.problem().answer().isBlank()) {
        for (Turn t : await(h.store().trajectories().of(ctx.roundId(), r.problem().id()))) {
          if (t.role().equals("user")) {
            assertThat(t.content()).doesNotContain(r.problem().answer());
          }
        }
      }
    }
  }

  @Test
  void aTrajectoryWhoseEndWasNotStoredFinishesFromItsTurnsWithoutAskingTheModel() throws Exception {
    String pid;
    int idx;
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + h.cfg.run().db());
        var r = c.createStatement().executeQuery("SELECT problem_id, idx FROM attempts WHERE kind='sample' AND turns > 1 LIMIT 1")) {
      assertThat(r.next()).isTrue();
      pid = r.getString(1);
      idx = r.getInt(2);
      c.createStatement().executeUpdate("DELETE FROM attempts WHERE problem_id='" + pid + "' AND idx=" + idx);
    }
    assertThat(await(h.store().trajectories().unfinished(ctx.roundId()))).containsExactly(pid);
    int before = modelCalls.get();
    await(new SolveStage().run(ctx));
    assertThat(modelCalls.get()).isEqualTo(before);
    assertThat(count("SELECT COUNT(*) FROM attempts WHERE problem_id='" + pid + "' AND idx=" + idx)).isEqualTo(1);
    assertThat(await(h.store().trajectories().unfinished(ctx.roundId()))).isEmpty();
  }
}
