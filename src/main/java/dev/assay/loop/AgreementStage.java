package dev.assay.loop;

import dev.assay.store.SamplePages;
import dev.assay.loop.core.Problem;
import dev.assay.store.Attempt;
import dev.assay.store.ProblemRow;
import dev.assay.verify.CodeBlocks;
import dev.assay.verify.FinalAnswer;
import dev.assay.verify.proposal.GeneratedSuite;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CodeT-style dual agreement for proposed code tasks whose tests the model wrote: the round's own
 * samples run against the tests, samples passing exactly the same tests form consensus sets, and
 * the best set's |samples| x |tests| over (samples x tests) is the problem's score, stored once.
 * The keep stage drops samples of problems scoring below {@code keep.min_dual_agreement}. A suite
 * the judge no longer accepts at all (its reference now fails it) scores 0: nothing of it is kept.
 * Every problem that needs a score gets one or the stage fails (the keep stage relies on it: a
 * problem without a score has no model-written tests).
 */
final class AgreementStage implements Stage {

  @Override
  public String name() {
    return "agreement";
  }

  /**
   * Whether a problem's tests came from the model, so its samples must agree with them. Proposed
   * stdin/stdout problems are not scored here (the scorer runs Python functions): they were kept
   * only when their reference program passed every test and the tests expect different outputs.
   */
  static boolean needsScore(Problem p) {
    return p.origin().equals("proposed") && p.body().containsKey("solution")
        && !"io".equals(p.body().getString("format"));
  }

  @Override
  public Future<Void> run(RoundContext ctx) {
    long roundId = ctx.roundId();
    return Future.all(ctx.store().problems().list(roundId, true), ctx.store().problems().scores(roundId))
        .compose(cf -> {
          Map<String, Problem> todo = new LinkedHashMap<>();
          Map<String, Double> done = cf.resultAt(1);
          ((List<ProblemRow>) cf.resultAt(0)).stream().map(ProblemRow::problem)
              .filter(p -> needsScore(p) && !done.containsKey(p.id())).forEach(p -> todo.put(p.id(), p));
          Map<String, List<String>> candidates = new LinkedHashMap<>();
          return SamplePages.each(after -> ctx.store().attempts().samples(roundId, after, SamplePages.SIZE),
                  (Attempt a) -> new dev.assay.store.SampleKey(a.problemId(), a.idx()),
                  page -> {
                    page.stream().filter(a -> todo.containsKey(a.problemId())).forEach(a ->
                        candidates.computeIfAbsent(a.problemId(), x -> new ArrayList<>()).add(CodeBlocks.extract(FinalAnswer.orEmpty(a.text()))));
                    return Future.succeededFuture();
                  })
              .compose(v -> {
                List<Problem> scored = todo.values().stream().filter(p -> candidates.containsKey(p.id())).toList();
                ctx.progress().stage(name(), scored.size());
                return Lanes.run(scored, ctx.width(), p -> score(ctx, p, candidates.get(p.id())), ctx.cancelled());
              });
        });
  }

  private static Future<Void> score(RoundContext ctx, Problem p, List<String> candidates) {
    JsonObject b = p.body();
    GeneratedSuite suite = new GeneratedSuite(p.id(), b.getString("prompt"), b.getString("entry_point"),
        b.getString("solution"), b.getJsonArray("tests").stream().map(String::valueOf).toList(), candidates);
    return ctx.verification().suite(suite)
        .compose(j -> ctx.store().problems().saveScore(ctx.roundId(), p.id(), Math.max(0, j.dualAgreement()),
            j.consensusCandidates().size(), candidates.size()))
        .onSuccess(v -> ctx.progress().step("agreement"));
  }
}
