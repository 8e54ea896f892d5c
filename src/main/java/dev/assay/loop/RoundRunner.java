package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.config.AssayConfig;
import dev.assay.report.YieldReport;
import dev.assay.model.ChatMessage;
import dev.assay.model.ChatRequest;
import dev.assay.model.Completion;
import dev.assay.model.ModelClient;
import dev.assay.store.Store;
import dev.assay.store.Store.Attempt;
import dev.assay.store.Store.ProblemRow;
import dev.assay.store.Store.RoundInfo;
import dev.assay.store.Store.Usage;
import dev.assay.verify.Problem;
import dev.assay.verify.Verifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs (or resumes) one round: seeds, propose, validate, solve, verify, keep, report. Every step
 * is stored as it happens and skipped when an earlier process already stored it, so a round killed
 * at any moment continues where it stopped.
 */
final class RoundRunner {
  private static final Logger log = LoggerFactory.getLogger(RoundRunner.class);
  private final Vertx vertx;
  private final AssayConfig cfg;
  private final Store store;
  private final ModelClient model;
  private final Verifier verifier;
  private final Progress progress;
  private final List<Problem> seeds;
  private final String sandboxDescription;
  private final BooleanSupplier cancelled;

  RoundRunner(Vertx vertx, AssayConfig cfg, List<Problem> seeds, Store store, ModelClient model,
      Verifier verifier, Progress progress, String sandboxDescription, BooleanSupplier cancelled) {
    this.cancelled = cancelled;
    this.sandboxDescription = sandboxDescription;
    this.vertx = vertx;
    this.cfg = cfg;
    this.seeds = seeds;
    this.store = store;
    this.model = model;
    this.verifier = verifier;
    this.progress = progress;
  }

  /** What a finished round hands back. */
  record Outcome(RoundInfo round, JsonObject report, List<Store.KeptSample> kept) {}

  Future<Outcome> run(String configJson) {
    long t0 = System.nanoTime();
    return store.openRound(cfg.run().name(), cfg.run().seed(), cfg.model().name(), cfg.model().simulated(), configJson)
        .compose(round -> stages(round).compose(v -> finish(round, t0)));
  }

  private Future<Void> stages(RoundInfo round) {
    log.info("round={} run={} stage={} (resuming when not 'start')", round.roundNo(), round.run(), round.stage());
    progress.round(round.roundNo());
    return store.saveProblems(round.id(), seeds.stream().map(ProblemRow::valid).toList())
        .compose(v -> store.setStage(round.id(), "propose"))
        .compose(v -> propose(round))
        .compose(v -> store.setStage(round.id(), "solve"))
        .compose(v -> store.problems(round.id(), true))
        .compose(problems -> verifyLeftovers(round, problems).compose(v -> solve(round, problems)))
        .compose(v -> cancelled.getAsBoolean()
            ? store.setState(round.id(), "cancelled").compose(x -> Future.<Void>failedFuture(new AssayException(
                ErrorKind.UNEXPECTED_STATE, "round " + round.roundNo() + " of run '" + round.run() + "' was cancelled")))
            : Future.<Void>succeededFuture())
        .compose(v -> store.setStage(round.id(), "keep"))
        .compose(v -> store.keep(round.id()))
        .onSuccess(progress::kept)
        .mapEmpty();
  }

  private Future<Void> propose(RoundInfo round) {
    int k = cfg.round().proposalsPerSeed();
    if (k == 0) {
      return Future.succeededFuture();
    }
    return Future.all(store.proposedSeeds(round.id()), store.problems(round.id(), false))
        .compose(cf -> {
          Set<String> done = cf.resultAt(0);
          List<ProblemRow> existing = cf.resultAt(1);
          Set<String> known = new HashSet<>();
          existing.forEach(r -> known.add(r.problem().id()));
          List<Problem> todo = seeds.stream().filter(s -> !done.contains(s.id())).toList();
          progress.stage("propose", todo.size());
          return Lanes.run(todo, cfg.round().maxInFlightProblems(), seed -> proposeOne(round, seed, k, known), cancelled);
        });
  }

  private Future<Void> proposeOne(RoundInfo round, Problem seed, int k, Set<String> known) {
    ChatRequest req = new ChatRequest(List.of(new ChatMessage("user", Prompts.propose(seed, k))), 1,
        Seeds.of(roundSeed(round), "propose", seed.id()));
    return model.complete(req)
        .map(c -> new Reply(usage(c), Proposals.parse(seed, c.choices().isEmpty() ? "" : c.choices().get(0), known)))
        .recover(e -> Future.succeededFuture(new Reply(Usage.NONE, List.of(modelError(seed, e)))))
        .compose(r -> store.saveProposal(round.id(), seed.id(), r.usage(), r.rows()).onSuccess(v -> {
          if (r.usage().requests() > 0) {
            progress.modelCall("propose", r.usage().promptTokens(), r.usage().completionTokens(), r.usage().requests(),
                r.usage().latencyMs());
          }
          r.rows().stream().filter(x -> !x.status().equals("valid"))
              .forEach(x -> progress.problemDropped(seed.domain(), x.dropReason()));
        }))
        .onSuccess(v -> progress.step("propose"));
  }

  private record Reply(Usage usage, List<ProblemRow> rows) {}

  private static ProblemRow modelError(Problem seed, Throwable e) {
    log.warn("proposer failed seed={}: {}", seed.id(), e.getMessage());
    JsonObject body = new JsonObject().put("seed", seed.id()).put("error", String.valueOf(e.getMessage()));
    return ProblemRow.dropped(Problem.of(seed.domain(), "proposed", seed.id(), "", body), "model_error",
        String.valueOf(e.getMessage()));
  }

  private Future<Void> solve(RoundInfo round, List<ProblemRow> problems) {
    return store.solvedProblems(round.id()).compose(done -> {
      List<Problem> todo = problems.stream().map(ProblemRow::problem).filter(p -> !done.contains(p.id())).toList();
      progress.stage("solve", todo.size());
      return Lanes.run(todo, cfg.round().maxInFlightProblems(), p -> solveOne(round, p), cancelled);
    });
  }

  private Future<Void> solveOne(RoundInfo round, Problem p) {
    int n = cfg.round().samplesPerProblem();
    long seed = Seeds.of(roundSeed(round), "solve", p.id());
    ChatRequest req = new ChatRequest(List.of(new ChatMessage("user", Prompts.solve(p))), n, seed);
    return model.complete(req)
        .compose(c -> {
          List<Attempt> attempts = attempts(p, c, seed);
          Usage u = usage(c);
          progress.modelCall("solve", u.promptTokens(), u.completionTokens(), u.requests(), u.latencyMs());
          return store.saveSolve(round.id(), p.id(), u, null, attempts)
              .compose(v -> Future.all(attempts.stream().map(a -> verifyOne(round, p, a)).toList()).<Void>mapEmpty());
        }, e -> {
          log.warn("solver failed round={} problem={}: {}", round.roundNo(), p.id(), e.getMessage());
          progress.modelFailure("solve", String.valueOf(e.getMessage()));
          return store.saveSolve(round.id(), p.id(), Usage.NONE, String.valueOf(e.getMessage()), List.of());
        })
        .onSuccess(v -> progress.step("solve"))
        .mapEmpty();
  }

  private List<Attempt> attempts(Problem p, Completion c, long seed) {
    List<String> choices = c.choices();
    long chars = Math.max(1, choices.stream().mapToLong(String::length).sum());
    List<Attempt> out = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      String text = choices.get(i) == null ? "" : choices.get(i);
      int completionTokens = (int) Math.round(c.usage().completionTokens() * (double) text.length() / chars);
      out.add(new Attempt(p.id(), i, Problem.hash(p.id() + "\n" + text), text,
          c.usage().promptTokens() / Math.max(1, choices.size()), completionTokens, c.model(), seed));
    }
    return out;
  }

  /**
   * Verifies and stores one attempt. When our own infrastructure fails, the attempt stays
   * unverified (nothing is recorded against the candidate) and the round reports it and does not
   * finish, so a rerun retries it.
   */
  private Future<Void> verifyOne(RoundInfo round, Problem p, Attempt a) {
    return verifier.verify(p, a.text())
        .compose(v -> store.saveVerdict(round.id(), p.id(), a.idx(), v).onSuccess(x -> progress.verdict(p.domain(), v)))
        .onSuccess(v -> progress.step("verify"))
        .recover(e -> {
          log.error("round={} problem={} sample={} left unverified: {}", round.roundNo(), p.id(), a.idx(), e.getMessage());
          return Future.succeededFuture();
        });
  }

  /** Attempts an earlier process stored but did not verify before it died. */
  private Future<Void> verifyLeftovers(RoundInfo round, List<ProblemRow> problems) {
    Map<String, Problem> byId = new HashMap<>();
    problems.forEach(r -> byId.put(r.problem().id(), r.problem()));
    return store.unverified(round.id()).compose(list -> {
      if (!list.isEmpty()) {
        log.info("round={} verifying {} attempts left unverified by an earlier process", round.roundNo(), list.size());
      }
      return Lanes.run(list, cfg.round().maxInFlightProblems(), a -> verifyOne(round, byId.get(a.problemId()), a), cancelled);
    });
  }

  private Future<Outcome> finish(RoundInfo round, long t0) {
    return store.counts(round.id()).compose(counts -> store.kept(round.id()).compose(kept -> {
      long wallMs = (System.nanoTime() - t0) / 1_000_000;
      JsonObject report = YieldReport.build(new YieldReport.Header(round.roundNo(), round.run(), cfg.model().name(),
          cfg.model().simulated(), sandboxDescription, cfg.round().samplesPerProblem(),
          (round.wallMs() + wallMs) / 1000.0), counts);
      long unverified = report.getJsonObject("drops").getJsonObject("attempts").getLong("unverified", 0L);
      if (unverified > 0) {
        return Future.failedFuture(new AssayException(ErrorKind.UNEXPECTED_STATE, unverified
            + " attempts could not be verified (sandbox or verifier failures, see the log); rerun the round to retry them"));
      }
      String broken = YieldReport.check(report);
      if (broken != null) {
        return Future.failedFuture(new AssayException(ErrorKind.INTERNAL, "yield report does not add up: " + broken));
      }
      return store.finishRound(round.id(), wallMs, report)
          .compose(v -> store.round(round.run(), round.roundNo()))
          .map(r -> new Outcome(r, r.report(), kept));
    }));
  }

  /** Each round of a run samples differently, and the same round always the same way. */
  private static long roundSeed(RoundInfo r) {
    return Seeds.of(r.seed(), "round", String.valueOf(r.roundNo()));
  }

  private static Usage usage(Completion c) {
    return new Usage(c.usage().promptTokens(), c.usage().completionTokens(), c.attempts(), c.latencyMs());
  }
}
