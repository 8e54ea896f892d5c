package dev.assay.loop;

import static dev.assay.loop.StageHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.model.Completion;
import dev.assay.model.ModelClient;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer the server cut at max_tokens ({@code finish_reason: length}) is unfinished: no verdict
 * is read from what it holds so far, and a resumed round still knows it was cut.
 */
class TruncatedAnswerStageTest {
  private static long count(StageHarness h, String where) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + h.cfg.run().db());
        var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM attempts WHERE " + where)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  private static void execute(StageHarness h, String sql) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + h.cfg.run().db())) {
      c.createStatement().executeUpdate(sql);
    }
  }

  @Test
  void cutAnswersAreNoAnswerAndStayCutAcrossAResume(@TempDir Path dir) throws Exception {
    try (StageHarness h = StageHarness.start(dir)) {
      RoundContext ok = h.context();
      h.runUpTo(ok, SolveStage.class);
      ModelClient real = ok.model();
      // the same answers, each marked as the server cut it at max_tokens (what the simulator answers
      // is whole: the box or the code in it would pass where it is right)
      ModelClient cutting = req -> real.complete(req).map(c -> new Completion(c.choices(), c.usage(), c.model(),
          c.attempts(), c.latencyMs(), c.simulated(), c.choiceTokens(), c.tokensEstimated(), c.toolCalls(),
          Collections.nCopies(c.choices().size(), true)));
      RoundContext cut = ok.withModel(cutting);
      await(new SolveStage().run(cut));
      long all = count(h, "round_id = " + ok.roundId());
      assertThat(all).isPositive();
      assertThat(count(h, "truncated = 1 AND verdict = 'no_answer' AND verdict_detail LIKE 'truncated:%'")).isEqualTo(all);

      // a process that died before the verdicts were stored: the rerun verifies what is left, still cut
      execute(h, "UPDATE attempts SET verdict = NULL, verdict_detail = NULL");
      await(new SolveStage().run(ok));
      assertThat(count(h, "verdict IS NULL")).isZero();
      assertThat(count(h, "verdict = 'no_answer' AND verdict_detail LIKE 'truncated:%'")).isEqualTo(all);
    }
  }
}
