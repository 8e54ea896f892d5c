package dev.assay.loop;

import static dev.assay.loop.StageHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.model.ModelClient;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STaR rationalization with a simulated model that never solves math: every math seed with a known
 * answer is asked once more with the answer as a hint, the replies are verified like samples, and a
 * rerun asks for none of them again.
 */
class RationalizeStageTest {

  @Test
  void everyUnsolvedMathSeedIsAskedOnceWithItsAnswerAsAHint(@TempDir Path dir) throws Exception {
    try (StageHarness h = StageHarness.unsolvedMath(dir)) {
      AtomicInteger calls = new AtomicInteger();
      RoundContext base = h.context();
      ModelClient real = base.model();
      RoundContext ctx = base.withModel(req -> {
        calls.incrementAndGet();
        return real.complete(req);
      });
      h.runUpTo(ctx, SolveStage.class);
      await(new SolveStage().run(ctx));
      assertThat(count(dir, "SELECT COUNT(*) FROM attempts a JOIN problems p ON p.round_id = a.round_id"
          + " AND p.id = a.problem_id WHERE p.domain = 'math' AND a.kind = 'sample' AND a.verdict = 'ok'"))
          .as("no math sample is right").isZero();
      long seeds = count(dir, "SELECT COUNT(*) FROM problems WHERE domain = 'math' AND origin = 'seed'");
      assertThat(seeds).isEqualTo(3);
      assertThat(count(dir, "SELECT COUNT(*) FROM attempts WHERE kind = 'rationalization'")).isEqualTo(seeds);
      assertThat(count(dir, "SELECT COUNT(*) FROM attempts WHERE kind = 'rationalization' AND verdict IS NULL"))
          .as("rationalizations are verified").isZero();
      int asked = calls.get();
      await(new SolveStage().run(ctx));
      assertThat(calls.get()).as("a rerun asks nothing again").isEqualTo(asked);
    }
  }

  private static long count(Path dir, String sql) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("s.db"));
        ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
