package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.report.YieldReport;
import dev.assay.store.Store;
import dev.assay.store.Store.ProblemRow;
import dev.assay.store.Store.ProblemStat;
import dev.assay.store.Store.RoundInfo;
import dev.assay.verify.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs (or resumes) one round: seeds, propose, screen, solve, verify, rationalize, keep, report.
 * Every step is stored as it happens and skipped when an earlier process already stored it, so a
 * round killed at any moment continues where it stopped.
 */
final class RoundRunner {
  private static final Logger log = LoggerFactory.getLogger(RoundRunner.class);
  private final List<Problem> seeds;
  private final String sandboxDescription;
  private final Function<RoundInfo, RoundContext> context;

  RoundRunner(List<Problem> seeds, String sandboxDescription, Function<RoundInfo, RoundContext> context) {
    this.seeds = seeds;
    this.sandboxDescription = sandboxDescription;
    this.context = context;
  }

  /** What a finished round hands back. */
  record Outcome(RoundInfo round, JsonObject report, List<Store.KeptSample> kept) {}

  Future<Outcome> run(Store store, String run, long runSeed, String model, boolean simulated, String configJson) {
    long t0 = System.nanoTime();
    return store.openRound(run, runSeed, model, simulated, configJson)
        .map(context)
        .compose(ctx -> stages(ctx).compose(v -> finish(ctx, t0)));
  }

  private Future<Void> stages(RoundContext ctx) {
    RoundInfo round = ctx.round();
    Store store = ctx.store();
    log.info("round={} run={} stage={} (resuming when not 'start')", round.roundNo(), round.run(), round.stage());
    ctx.progress().round(round.roundNo());
    return store.saveProblems(round.id(), seeds.stream().map(ProblemRow::valid).toList())
        .compose(v -> store.setStage(round.id(), "propose"))
        .compose(v -> Future.all(store.problems(round.id(), false), store.problemStats(round.run(), round.roundNo())))
        .compose(cf -> {
          List<ProblemRow> existing = cf.resultAt(0);
          List<ProblemStat> earlier = cf.resultAt(1);
          Set<String> known = new HashSet<>();
          existing.forEach(r -> known.add(r.problem().id()));
          return new ProposeStage(ctx, known).run(examples(ctx, earlier));
        })
        .compose(v -> checkCancelled(ctx))
        .compose(v -> store.setStage(round.id(), "screen"))
        .compose(v -> Screen.run(ctx))
        .compose(v -> store.setStage(round.id(), "solve"))
        .compose(v -> new SolveStage(ctx).run())
        .compose(v -> checkCancelled(ctx))
        .compose(v -> store.setStage(round.id(), "agreement"))
        .compose(v -> AgreementStage.run(ctx))
        .compose(v -> store.setStage(round.id(), "keep"))
        .compose(v -> KeepStage.run(ctx))
        .onSuccess(ctx.progress()::kept)
        .mapEmpty();
  }

  /**
   * Self-Instruct: the proposer's examples are the seeds plus the problems of earlier rounds whose
   * pass rate fell in the learnability band (neither trivial nor impossible).
   */
  private List<Problem> examples(RoundContext ctx, List<ProblemStat> earlier) {
    Map<String, Problem> out = new LinkedHashMap<>();
    seeds.forEach(s -> out.put(s.id(), s));
    earlier.stream()
        .filter(s -> s.problem().origin().equals("proposed") && s.total() > 0)
        .filter(s -> ctx.cleaning().learnable.containsRate(s.passed(), s.total()))
        .forEach(s -> out.putIfAbsent(s.problem().id(), s.problem()));
    return new ArrayList<>(out.values());
  }

  private static Future<Void> checkCancelled(RoundContext ctx) {
    if (!ctx.cancelled().getAsBoolean()) {
      return Future.succeededFuture();
    }
    RoundInfo r = ctx.round();
    return ctx.store().setState(r.id(), "cancelled").compose(x -> Future.failedFuture(new AssayException(
        ErrorKind.UNEXPECTED_STATE, "round " + r.roundNo() + " of run '" + r.run() + "' was cancelled")));
  }

  private Future<Outcome> finish(RoundContext ctx, long t0) {
    RoundInfo round = ctx.round();
    Store store = ctx.store();
    return store.counts(round.id()).compose(counts -> store.kept(round.id()).compose(kept -> {
      long wallMs = (System.nanoTime() - t0) / 1_000_000;
      JsonObject report = YieldReport.build(new YieldReport.Header(round.roundNo(), round.run(), round.model(),
          round.simulated(), sandboxDescription, ctx.cfg().round().samplesPerProblem(),
          (round.wallMs() + wallMs) / 1000.0), counts)
          .put("decontaminated_against", ctx.cleaning().benchmarks())
          .put("filters", new io.vertx.core.json.JsonArray(ctx.cfg().keep().filters()));
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
}
