package dev.assay.loop;

import static dev.assay.loop.StageHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reasoning model (simulated as vLLM and friends return one) thinks before it answers: its
 * thinking is never read as the answer, and one that runs out of tokens while thinking has given
 * no answer, which is a verdict about the sample, not a model failure that stops the round.
 */
class ReasoningModelStageTest {
  /** Math solves (and their STaR retries) stop at 60 tokens, inside the 120 tokens of thinking. */
  private static final String CUT = "prompts:\n  solve_math: {options: {max_tokens: 60}}\n"
      + "  solve_rationalize: {options: {max_tokens: 60}}";

  /** Math verdicts of the round's samples by reason. */
  private static Map<String, Integer> mathVerdicts(StageHarness h, long round) throws Exception {
    Map<String, Integer> out = new HashMap<>();
    String sql = "SELECT verdict, COUNT(*) FROM attempts WHERE round_id = " + round + " AND domain = 'math'"
        + " GROUP BY verdict";
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + h.cfg.run().db()); var r = c.createStatement().executeQuery(sql)) {
      while (r.next()) {
        out.put(r.getString(1), r.getInt(2));
      }
    }
    return out;
  }

  private static long unanswered(StageHarness h, long round) throws Exception {
    return count(h, round, "verdict_detail LIKE 'reasoning never ended%'");
  }

  private static long count(StageHarness h, long round, String where) throws Exception {
    String sql = "SELECT COUNT(*) FROM attempts WHERE round_id = " + round + " AND " + where;
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + h.cfg.run().db()); var r = c.createStatement().executeQuery(sql)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  @Test
  void thinkingCutByMaxTokensIsNoAnswerAndTheStageFinishes(@TempDir Path dir) throws Exception {
    // parsed: vLLM's reasoning parser returns content null when max_tokens runs out while thinking
    try (StageHarness h = StageHarness.simulated(dir, "reasoning: parsed, reasoning_tokens: 120",
        CUT)) {
      RoundContext ctx = h.context();
      h.runUpTo(ctx, SolveStage.class);
      await(new SolveStage().run(ctx));
      assertThat(await(h.store().attempts().unverified(ctx.roundId()))).isEmpty();
      Map<String, Integer> math = mathVerdicts(h, ctx.roundId());
      assertThat(math).containsOnlyKeys("no_answer");
      assertThat(math.get("no_answer")).isPositive();
    }
  }

  @Test
  void inlineThinkingIsReadPastItsCloseAndAnUnclosedOneHasNoAnswer(@TempDir Path dir) throws Exception {
    try (StageHarness h = StageHarness.simulated(dir, "reasoning: inline, reasoning_tokens: 120", "")) {
      RoundContext ctx = h.context();
      h.runUpTo(ctx, SolveStage.class);
      await(new SolveStage().run(ctx));
      Map<String, Integer> math = mathVerdicts(h, ctx.roundId());
      assertThat(math.getOrDefault("ok", 0)).as("answers after </think> are read: %s", math).isPositive();
      assertThat(unanswered(h, ctx.roundId())).isZero();
    }
    try (StageHarness h = StageHarness.simulated(java.nio.file.Files.createDirectories(dir.resolve("cut")), "reasoning: inline, reasoning_tokens: 120",
        CUT)) {
      RoundContext ctx = h.context();
      h.runUpTo(ctx, SolveStage.class);
      await(new SolveStage().run(ctx));
      // cut inside the thinking: the server says so (finish_reason length), and the draft \boxed{0}
      // there is never read (the unclosed-think rule alone is FinalAnswerTest's)
      assertThat(mathVerdicts(h, ctx.roundId())).containsOnlyKeys("no_answer");
      assertThat(count(h, ctx.roundId(), "truncated = 1 AND verdict_detail LIKE 'truncated:%'")).isPositive();
    }
  }
}
