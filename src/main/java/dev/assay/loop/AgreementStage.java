package dev.assay.loop;

import dev.assay.store.Store.Attempt;
import dev.assay.store.Store.ProblemRow;
import dev.assay.verify.CodeBlocks;
import dev.assay.verify.Problem;
import dev.assay.verify.code.CodeVerifier;
import dev.assay.verify.code.GeneratedSuite;
import dev.assay.verify.code.TestSuiteJudge;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CodeT-style dual agreement for proposed code tasks whose tests the model wrote: the round's own
 * samples run against the tests, samples passing exactly the same tests form consensus sets, and
 * the best set's |samples| x |tests| over (samples x tests) is the problem's score, stored once.
 * The keep stage drops samples of problems scoring below {@code keep.min_dual_agreement}.
 */
final class AgreementStage {
  private AgreementStage() {}

  static Future<Void> run(RoundContext ctx) {
    long roundId = ctx.round().id();
    var sb = ctx.cfg().sandbox();
    TestSuiteJudge judge = new TestSuiteJudge(new CodeVerifier(ctx.sandbox(), sb.timeoutMs(), sb.memoryMb()));
    return Future.all(ctx.store().problems(roundId, true), ctx.store().attempts(roundId), ctx.store().scores(roundId))
        .compose(cf -> {
          List<ProblemRow> rows = cf.resultAt(0);
          Map<String, List<Attempt>> byProblem = ((List<Attempt>) cf.resultAt(1)).stream()
              .collect(Collectors.groupingBy(Attempt::problemId));
          Map<String, Double> done = cf.resultAt(2);
          List<Problem> todo = rows.stream().map(ProblemRow::problem)
              .filter(p -> p.origin().equals("proposed") && p.body().containsKey("solution") && !done.containsKey(p.id())
                  && byProblem.containsKey(p.id()))
              .toList();
          ctx.progress().stage("agreement", todo.size());
          return Lanes.run(todo, ctx.width(), p -> score(ctx, judge, p, byProblem.get(p.id())), ctx.cancelled());
        });
  }

  private static Future<Void> score(RoundContext ctx, TestSuiteJudge judge, Problem p, List<Attempt> attempts) {
    JsonObject b = p.body();
    List<String> candidates = new ArrayList<>();
    attempts.forEach(a -> candidates.add(CodeBlocks.extract(a.text())));
    GeneratedSuite suite = new GeneratedSuite(p.id(), b.getString("prompt"), b.getString("entry_point"),
        b.getString("solution"), b.getJsonArray("tests").stream().map(String::valueOf).toList(), candidates);
    return judge.judge(suite)
        .compose(j -> j.dualAgreement() < 0 ? Future.succeededFuture()
            : ctx.store().saveScore(ctx.round().id(), p.id(), j.dualAgreement(), j.consensusCandidates().size(), candidates.size()))
        .onSuccess(v -> ctx.progress().step("agreement"));
  }
}
