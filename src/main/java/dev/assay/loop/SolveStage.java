package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.loop.prompt.Rendered;
import dev.assay.loop.prompt.Vars;
import dev.assay.model.Completion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import dev.assay.store.Attempt;
import dev.assay.store.ProblemRow;
import dev.assay.store.ProblemStat;
import dev.assay.store.StoredVerdict;
import dev.assay.store.Usage;
import dev.assay.store.VerdictOf;
import dev.assay.verify.SampleCheck;
import dev.assay.verify.Verdict;
import dev.assay.verify.VerdictReason;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the solver for N samples per problem (one request with the API's {@code n}), stores them
 * atomically and verifies each; then, STaR, asks again with the answer as a hint for seed math
 * problems no sample solved. Attempts stored but not verified by an earlier process are verified
 * first. An attempt our own infrastructure could not verify stays unverified, and the stage then
 * fails (nothing is recorded against the candidate; a rerun retries it).
 */
final class SolveStage implements Stage {
  private static final Logger log = LoggerFactory.getLogger(SolveStage.class);
  private static final String STAR = "star:";
  /** Keys and sample indexes of the plain baseline answers of agentic problems. */
  private static final String BASE = "base:";
  private static final int BASE_IDX = 10_000;

  @Override
  public String name() {
    return "solve";
  }

  @Override
  public Future<Void> run(RoundContext ctx) {
    long roundId = ctx.roundId();
    return ctx.store().problems().list(roundId, true).compose(rows -> {
      Solver s = new Solver(ctx, rows);
      return s.verifyLeftovers()
          .compose(v -> s.resumeTrajectories())
          .compose(v -> ctx.store().attempts().solved(roundId))
          .compose(done -> {
            List<Problem> todo = rows.stream().map(ProblemRow::problem)
                .filter(p -> !done.contains(p.id()) || s.baselineDue(p, done)).toList();
            ctx.progress().stage(name(), todo.size());
            return Lanes.run(todo, ctx.width(), p -> s.solveOne(p, done), ctx.cancelled()).compose(x -> s.failures.check());
          })
          .compose(v -> allVerified(ctx))
          .compose(v -> allFinished(ctx))
          .compose(v -> ctx.cfg().round().rationalize() && !ctx.cancelled().getAsBoolean()
              ? s.rationalize().compose(x -> s.failures.check()).compose(x -> allVerified(ctx)) : Future.succeededFuture());
    });
  }

  /** Fails when some trajectory has not reached its end (a tool or verifier failure stopped it): a rerun continues it. */
  private static Future<Void> allFinished(RoundContext ctx) {
    return ctx.store().trajectories().unfinished(ctx.roundId())
        .compose(left -> left.isEmpty() || ctx.cancelled().getAsBoolean() ? Future.succeededFuture()
            : Future.failedFuture(new AssayException(ErrorKind.UNEXPECTED_STATE, "the trajectories of " + left.size()
                + " problems could not finish (sandbox or verifier failures, see the log); rerun the round to continue them")));
  }

  /** Fails when some attempt is still unverified: later decisions must never run on partial verdicts. */
  private static Future<Void> allVerified(RoundContext ctx) {
    return ctx.store().attempts().unverified(ctx.roundId())
        .compose(left -> left.isEmpty() ? Future.succeededFuture() : Future.failedFuture(new AssayException(
            ErrorKind.UNEXPECTED_STATE, left.size() + " attempts could not be verified (sandbox or verifier"
                + " failures, see the log); rerun the round to retry them")));
  }

  /** The verification of one completion for one problem; {@code answerFormat}: where its prompt asked for the answer. */
  static SampleCheck check(Problem p, String completion, String answerFormat) {
    return p.domain() == Domain.MATH ? SampleCheck.math(p.answer(), completion, answerFormat)
        : SampleCheck.code(p.body().copy().put("task_id", p.id()), completion);
  }

  /** Where the template of an attempt's prompt asks for the answer. */
  static String answerFormat(RoundContext ctx, Problem p, boolean rationalized) {
    return ctx.prompts().template(rationalized ? "solve/rationalize" : Vars.solveTask(p)).answerFormat();
  }

  /**
   * An answer the server cut at {@code max_tokens} is unfinished: whatever it holds so far (a box, a
   * code block) is not its final answer, and a cut sample is no training data.
   */
  static final Verdict TRUNCATED = new Verdict(VerdictReason.NO_ANSWER,
      "truncated: the server stopped the answer at max_tokens (finish_reason length)", "", 0);

  static StoredVerdict stored(Verdict v) {
    return new StoredVerdict(v.reason().wire(), v.detail(), v.verifier(), v.wallMs());
  }

  /** Solves and verifies the problems of one round. */
  private static final class Solver {
    private final RoundContext ctx;
    private final Map<String, Problem> byId = new HashMap<>();
    final ModelFailures failures;
    private final Trajectories trajectories;
    /** Verdicts of many attempts go to the store in one transaction. */
    private final Batcher<VerdictOf> verdicts;

    Solver(RoundContext ctx, List<ProblemRow> rows) {
      this.ctx = ctx;
      this.failures = new ModelFailures(ctx, "solve");
      this.trajectories = new Trajectories(ctx, failures);
      this.verdicts = new Batcher<>(ctx.vertx(), 512, 25, batch -> ctx.store().attempts().saveVerdicts(ctx.roundId(), batch));
      rows.forEach(r -> byId.put(r.problem().id(), r.problem()));
    }

    Future<Void> solveOne(Problem p, java.util.Set<String> done) {
      int n = ctx.cfg().round().samplesPerProblem();
      Rendered prompt = ctx.prompts().render(Vars.solveTask(p), Vars.solve(p));
      if (!ctx.cfg().round().agent().mode(p.domain().wire()).equals("single")) {
        Future<Void> base = baselineDue(p, done) ? ask(p, prompt, ctx.cfg().round().agent().baselineSamples(),
            ctx.seedFor("baseline", p.id()), BASE + p.id(), BASE_IDX, "baseline") : Future.succeededFuture();
        return base.compose(v -> done.contains(p.id()) ? Future.succeededFuture()
            : trajectories.solve(p, trainingPrompt(prompt)).recover(this::leftUnfinished));
      }
      return ask(p, prompt, n, ctx.seedFor("solve", p.id()), p.id(), 0, "sample");
    }

    /** Whether {@code p}'s plain baseline answers (pass@1 without tools or repair) are still to be asked for. */
    boolean baselineDue(Problem p, java.util.Set<String> done) {
      var agent = ctx.cfg().round().agent();
      return !agent.mode(p.domain().wire()).equals("single") && agent.baselineSamples() > 0 && !done.contains(BASE + p.id());
    }

    /** Continues the trajectories an earlier process left unfinished. */
    Future<Void> resumeTrajectories() {
      return ctx.store().trajectories().unfinished(ctx.roundId()).compose(pids -> {
        List<Problem> todo = pids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        if (!todo.isEmpty()) {
          log.info("round={} continuing the trajectories of {} problems", ctx.round().roundNo(), todo.size());
        }
        return Lanes.run(todo, ctx.width(), p -> trajectories.resume(p).recover(this::leftUnfinished), ctx.cancelled());
      });
    }

    /** A trajectory our infrastructure stopped stays unfinished (its turns are stored); the stage fails at its end. */
    private Future<Void> leftUnfinished(Throwable e) {
      if (e instanceof AssayException a && a.kind() == ErrorKind.INTERNAL) {
        return Future.failedFuture(e);
      }
      log.error("round={} a trajectory stopped and stays unfinished: {}", ctx.round().roundNo(), e.getMessage());
      return Future.succeededFuture();
    }

    /** One request for {@code n} samples, stored under {@code key} with its prompt, then each verified. */
    private Future<Void> ask(Problem p, Rendered prompt, int n, long seed, String key, int firstIdx, String kind) {
      JsonArray messages = trainingPrompt(prompt);
      return ctx.model().complete(prompt.request(n, seed))
          .transform(ar -> {
            if (ar.failed()) {
              return failures.failed(key, ar.cause(), () -> ctx.store().attempts().saveSolve(ctx.roundId(), key,
                  Usage.NONE, String.valueOf(ar.cause().getMessage()), List.of(), messages));
            }
            Completion c = ar.result();
            List<Attempt> attempts = attempts(p, c, seed, firstIdx, kind);
            Usage u = ProposeStage.usage(c);
            ctx.progress().modelCall("solve", u.promptTokens(), u.completionTokens(), u.requests(), u.latencyMs());
            return ctx.store().attempts().saveSolve(ctx.roundId(), key, u, null, attempts, messages)
                .compose(v -> verify(attempts));
          })
          .onSuccess(v -> ctx.progress().step("solve"));
    }

    /** The messages a kept sample is trained with: the system prompt (if any) and the user message, no few-shot turns. */
    private static JsonArray trainingPrompt(Rendered r) {
      JsonArray out = new JsonArray();
      if (r.messages().get(0).role().equals("system")) {
        out.add(new JsonObject().put("role", "system").put("content", r.messages().get(0).content()));
      }
      return out.add(new JsonObject().put("role", "user").put("content", r.user()));
    }

    private static List<Attempt> attempts(Problem p, Completion c, long seed, int firstIdx, String kind) {
      List<String> choices = c.choices();
      List<Attempt> out = new ArrayList<>();
      for (int i = 0; i < choices.size(); i++) {
        String text = choices.get(i) == null ? "" : choices.get(i);
        out.add(new Attempt(p.id(), firstIdx + i, Problem.hash(p.id() + "\n" + text), text,
            c.usage().promptTokens() / Math.max(1, choices.size()), c.choiceTokens().get(i), c.model(), seed, kind,
            c.tokensEstimated(), c.truncated().get(i)));
      }
      return out;
    }

    /**
     * Verifies attempts and stores their verdicts in one transaction. An attempt our own
     * infrastructure failed to verify stays unverified (logged); the stage fails at its end.
     */
    private Future<Void> verify(List<Attempt> attempts) {
      List<Future<VerdictOf>> all = new ArrayList<>();
      for (Attempt a : attempts) {
        Problem p = byId.get(a.problemId());
        Future<Verdict> verdict = a.truncated() ? Future.succeededFuture(TRUNCATED)
            : ctx.verification().sample(check(p, a.text(), answerFormat(ctx, p, a.rationalized())));
        all.add(verdict
            .map(v -> {
              ctx.progress().verdict(p.domain(), v);
              return new VerdictOf(a.problemId(), a.idx(), stored(v));
            })
            .recover(e -> {
              log.error("round={} problem={} sample={} left unverified: {}", ctx.round().roundNo(), a.problemId(), a.idx(),
                  e.getMessage());
              return Future.succeededFuture(null);
            }));
      }
      return Future.all(all).compose(cf -> {
        List<VerdictOf> done = all.stream().map(Future::result).filter(v -> v != null).toList();
        return verdicts.add(done).onSuccess(x -> done.forEach(v -> ctx.progress().step("verify")));
      });
    }

    Future<Void> verifyLeftovers() {
      return ctx.store().attempts().unverified(ctx.roundId()).compose(list -> {
        if (!list.isEmpty()) {
          log.info("round={} verifying {} attempts left unverified by an earlier process", ctx.round().roundNo(), list.size());
        }
        return Lanes.run(list, ctx.width(), a -> verify(List.of(a)), ctx.cancelled());
      });
    }

    /** STaR: seed math problems with a known answer that no sample solved are asked again with a hint. */
    Future<Void> rationalize() {
      return Future.all(ctx.store().problems().stats(ctx.round().run(), ctx.round().roundNo() + 1),
              ctx.store().attempts().solved(ctx.roundId()))
          .compose(cf -> {
            List<ProblemStat> stats = cf.resultAt(0);
            Set<String> done = cf.resultAt(1);
            List<Problem> todo = stats.stream()
                .filter(s -> s.roundNo() == ctx.round().roundNo() && s.total() > 0 && s.passed() == 0)
                .map(ProblemStat::problem)
                .filter(p -> p.domain() == Domain.MATH && p.origin().equals("seed") && !p.answer().isBlank())
                .filter(p -> !done.contains(STAR + p.id()))
                .toList();
            ctx.progress().stage("rationalize", todo.size());
            int first = ctx.cfg().round().samplesPerProblem();
            return Lanes.run(todo, ctx.width(), p -> ask(p, ctx.prompts().render("solve/rationalize", Vars.rationalize(p)), 1,
                ctx.seedFor("star", p.id()), STAR + p.id(), first, "rationalization"), ctx.cancelled());
          });
    }
  }
}
