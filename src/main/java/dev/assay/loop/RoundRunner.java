package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.report.YieldReport;
import dev.assay.store.RoundCounts;
import dev.assay.store.RoundInfo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs (or resumes) one round: every stage in order, then the report and the round's files. Before
 * a stage starts the round's stage is stored; stages before the stored one finished in an earlier
 * process and are skipped. After each stage a cancel stops the round (its state {@code cancelled},
 * still resumable) before the next one starts, so no stage ever runs on partial inputs. The round
 * is stored done only after its files are written.
 */
final class RoundRunner {
  private static final Logger log = LoggerFactory.getLogger(RoundRunner.class);
  /** The stages in order; {@code report} (the end of the round) follows them. */
  static final List<Stage> STAGES = List.of(new ProposeStage(), new ScreenStage(), new SolveStage(),
      new AgreementStage(), new KeepStage());
  static final String REPORT = "report";
  /** The progress name of writing the round's files. */
  static final String OUTPUT = "output";

  private RoundRunner() {}

  /** What a finished round hands back: its header and report (its files are written). */
  record Outcome(RoundInfo round, JsonObject report, long kept) {}

  /** Runs the stages from the first one not yet finished, then reports; {@code t0} is when this session started. */
  static Future<Outcome> run(RoundContext ctx, String sandbox, RoundOutput output, long t0) {
    RoundInfo round = ctx.round();
    log.info("round={} run={} stage={} (resuming when not 'start')", round.roundNo(), round.run(), round.stage());
    ctx.progress().round(round);
    int from = firstToRun(round.stage());
    Future<Void> chain = Future.succeededFuture();
    for (int i = from; i < STAGES.size(); i++) {
      Stage s = STAGES.get(i);
      chain = chain.compose(v -> ctx.store().rounds().stage(round.id(), s.name()))
          .compose(v -> s.run(ctx))
          .compose(v -> checkCancelled(ctx));
    }
    return chain.compose(v -> ctx.store().rounds().stage(round.id(), REPORT))
        .compose(v -> finish(ctx, sandbox, output, t0))
        .recover(e -> failed(ctx, e));
  }

  /**
   * A round that could not go on is stored {@code failed} (a cancelled one stays {@code cancelled}):
   * either way it resumes at its stage when the same work is asked for again.
   */
  private static Future<Outcome> failed(RoundContext ctx, Throwable e) {
    if (ctx.cancelled().getAsBoolean()) {
      return Future.failedFuture(e);
    }
    log.debug("round={} run={} failed: {}", ctx.round().roundNo(), ctx.round().run(), e.getMessage());
    return ctx.store().rounds().state(ctx.roundId(), "failed").transform(x -> Future.failedFuture(e));
  }

  /** Index of the stage to start with: the stored one (it may not have finished), 0 for a new round. */
  static int firstToRun(String stored) {
    if (REPORT.equals(stored)) {
      return STAGES.size();
    }
    for (int i = 0; i < STAGES.size(); i++) {
      if (STAGES.get(i).name().equals(stored)) {
        return i;
      }
    }
    return 0;
  }

  private static Future<Void> checkCancelled(RoundContext ctx) {
    if (!ctx.cancelled().getAsBoolean()) {
      return Future.succeededFuture();
    }
    RoundInfo r = ctx.round();
    return ctx.store().rounds().state(r.id(), "cancelled").compose(x -> Future.failedFuture(new AssayException(
        ErrorKind.UNEXPECTED_STATE, "round " + r.roundNo() + " of run '" + r.run() + "' was cancelled; rerun to resume it")));
  }

  private static Future<Outcome> finish(RoundContext ctx, String sandbox, RoundOutput output, long t0) {
    RoundInfo round = ctx.round();
    ctx.progress().stage(REPORT, 1);
    return ctx.store().rounds().counts(round.id()).compose(counts -> {
      if (counts.unverified() > 0) {
        return Future.failedFuture(new AssayException(ErrorKind.UNEXPECTED_STATE, counts.unverified()
            + " attempts could not be verified (sandbox or verifier failures, see the log); rerun the round to retry them"));
      }
      long wallMs = (System.nanoTime() - t0) / 1_000_000;
      JsonObject report = report(ctx, sandbox, counts, wallMs);
      String broken = YieldReport.check(report);
      if (broken != null) {
        return Future.failedFuture(new AssayException(ErrorKind.INTERNAL, "yield report does not add up: " + broken));
      }
      long kept = report.getJsonObject("stages").getLong("kept");
      ctx.progress().step(REPORT);
      ctx.progress().stage(OUTPUT, 1);
      return output.write(ctx, report, kept)
          .onSuccess(v -> ctx.progress().step(OUTPUT))
          .compose(v -> ctx.store().rounds().finish(round.id(), wallMs, report))
          .compose(v -> ctx.store().rounds().get(round.run(), round.roundNo()))
          .map(r -> new Outcome(r, r.report(), kept));
    });
  }

  private static JsonObject report(RoundContext ctx, String sandbox, RoundCounts counts, long wallMs) {
    RoundInfo round = ctx.round();
    return YieldReport.build(new YieldReport.Header(round.roundNo(), round.run(), round.model(), round.simulated(),
            sandbox, ctx.cfg().round().samplesPerProblem(), (round.wallMs() + wallMs) / 1000.0), counts)
        .put("decontaminated_against", ctx.cleaning().benchmarks())
        .put("filters", new JsonArray(ctx.cfg().keep().filters()));
  }
}
