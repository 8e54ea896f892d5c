package dev.assay.loop;

import dev.assay.model.ChatMessage;
import dev.assay.model.ChatRequest;
import dev.assay.model.Completion;
import dev.assay.store.Store.Attempt;
import dev.assay.store.Store.ProblemRow;
import dev.assay.store.Store.ProblemStat;
import dev.assay.store.Store.Usage;
import dev.assay.verify.Domain;
import dev.assay.verify.Problem;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the solver for N samples per problem (one request with the API's {@code n}), stores them
 * atomically and verifies each; then, STaR, asks again with the answer as a hint for seed math
 * problems no sample solved. Attempts stored but not verified by an earlier process are verified
 * first.
 */
final class SolveStage {
  private static final Logger log = LoggerFactory.getLogger(SolveStage.class);
  private static final String STAR = "star:";
  private final RoundContext ctx;
  private final Map<String, Problem> byId = new HashMap<>();

  SolveStage(RoundContext ctx) {
    this.ctx = ctx;
  }

  Future<Void> run() {
    long roundId = ctx.round().id();
    return ctx.store().problems(roundId, true)
        .compose(rows -> {
          rows.forEach(r -> byId.put(r.problem().id(), r.problem()));
          return verifyLeftovers().compose(v -> ctx.store().solvedProblems(roundId)).compose(done -> {
            List<Problem> todo = rows.stream().map(ProblemRow::problem).filter(p -> !done.contains(p.id())).toList();
            ctx.progress().stage("solve", todo.size());
            return Lanes.run(todo, ctx.width(), this::solveOne, ctx.cancelled());
          });
        })
        .compose(v -> ctx.cfg().round().rationalize() ? rationalize() : Future.succeededFuture());
  }

  private Future<Void> solveOne(Problem p) {
    int n = ctx.cfg().round().samplesPerProblem();
    long seed = ctx.seedFor("solve", p.id());
    return ask(p, Prompts.solve(p), n, seed, p.id(), 0, "sample");
  }

  /** One request for {@code n} samples, stored under {@code marker}, then each verified. */
  private Future<Void> ask(Problem p, String prompt, int n, long seed, String marker, int firstIdx, String kind) {
    ChatRequest req = new ChatRequest(List.of(new ChatMessage("user", prompt)), n, seed);
    return ctx.model().complete(req)
        .compose(c -> {
          List<Attempt> attempts = attempts(p, c, seed, firstIdx, kind);
          Usage u = ProposeStage.usage(c);
          ctx.progress().modelCall("solve", u.promptTokens(), u.completionTokens(), u.requests(), u.latencyMs());
          return ctx.store().saveSolve(ctx.round().id(), marker, u, null, attempts)
              .compose(v -> Future.all(attempts.stream().map(a -> verifyOne(p, a)).toList()).<Void>mapEmpty());
        }, e -> {
          log.warn("solver failed round={} problem={}: {}", ctx.round().roundNo(), p.id(), e.getMessage());
          ctx.progress().modelFailure("solve", String.valueOf(e.getMessage()));
          return ctx.store().saveSolve(ctx.round().id(), marker, Usage.NONE, String.valueOf(e.getMessage()), List.of());
        })
        .onSuccess(v -> ctx.progress().step("solve"));
  }

  private static List<Attempt> attempts(Problem p, Completion c, long seed, int firstIdx, String kind) {
    List<String> choices = c.choices();
    long chars = Math.max(1, choices.stream().mapToLong(s -> s == null ? 0 : s.length()).sum());
    List<Attempt> out = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      String text = choices.get(i) == null ? "" : choices.get(i);
      int completionTokens = (int) Math.round(c.usage().completionTokens() * (double) text.length() / chars);
      out.add(new Attempt(p.id(), firstIdx + i, Problem.hash(p.id() + "\n" + text), text,
          c.usage().promptTokens() / Math.max(1, choices.size()), completionTokens, c.model(), seed, kind));
    }
    return out;
  }

  /**
   * Verifies and stores one attempt. When our own infrastructure fails, the attempt stays
   * unverified (nothing is recorded against the candidate); the round then reports it and does
   * not finish, so a rerun retries it.
   */
  private Future<Void> verifyOne(Problem p, Attempt a) {
    return ctx.verifier().verify(p, a.text())
        .compose(v -> ctx.store().saveVerdict(ctx.round().id(), p.id(), a.idx(), v)
            .onSuccess(x -> ctx.progress().verdict(p.domain(), v)))
        .onSuccess(v -> ctx.progress().step("verify"))
        .recover(e -> {
          log.error("round={} problem={} sample={} left unverified: {}", ctx.round().roundNo(), p.id(), a.idx(), e.getMessage());
          return Future.succeededFuture();
        });
  }

  private Future<Void> verifyLeftovers() {
    return ctx.store().unverified(ctx.round().id()).compose(list -> {
      if (!list.isEmpty()) {
        log.info("round={} verifying {} attempts left unverified by an earlier process", ctx.round().roundNo(), list.size());
      }
      return Lanes.run(list, ctx.width(), a -> verifyOne(byId.get(a.problemId()), a), ctx.cancelled());
    });
  }

  /** STaR: seed math problems with a known answer that no sample solved are asked again with a hint. */
  private Future<Void> rationalize() {
    return Future.all(ctx.store().problemStats(ctx.round().run(), ctx.round().roundNo() + 1),
            ctx.store().solvedProblems(ctx.round().id()))
        .compose(cf -> {
          List<ProblemStat> stats = cf.resultAt(0);
          java.util.Set<String> done = cf.resultAt(1);
          List<Problem> todo = stats.stream()
              .filter(s -> s.roundNo() == ctx.round().roundNo() && s.total() > 0 && s.passed() == 0)
              .map(ProblemStat::problem)
              .filter(p -> p.domain() == Domain.MATH && p.origin().equals("seed") && !p.answer().isBlank())
              .filter(p -> !done.contains(STAR + p.id()))
              .toList();
          ctx.progress().stage("rationalize", todo.size());
          int first = ctx.cfg().round().samplesPerProblem();
          return Lanes.run(todo, ctx.width(), p -> ask(p, Prompts.rationalize(p), 1, ctx.seedFor("star", p.id()),
              STAR + p.id(), first, "rationalization"), ctx.cancelled());
        });
  }
}
