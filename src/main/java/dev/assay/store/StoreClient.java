package dev.assay.store;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.verify.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/** The typed client of {@link StoreVerticle}: every {@link Store} call over the event bus. */
public final class StoreClient implements Store {
  private final Vertx vertx;
  private final DeliveryOptions opts;

  private StoreClient(Vertx vertx, long sendTimeoutMs) {
    this.vertx = vertx;
    this.opts = new DeliveryOptions().setCodecName(LocalCodec.NAME).setSendTimeout(sendTimeoutMs);
  }

  public static Store create(Vertx vertx) {
    LocalCodec.register(vertx);
    return new StoreClient(vertx, 120_000);
  }

  @SuppressWarnings("unchecked")
  private <T> Future<T> call(String op, Object... args) {
    return vertx.eventBus()
        .request(StoreVerticle.ADDRESS, new StoreVerticle.Call(op, args), opts)
        .map(m -> (T) m.body())
        .recover(e -> Future.failedFuture(unwrap(op, e)));
  }

  private static Throwable unwrap(String op, Throwable e) {
    if (e instanceof ReplyException r && r.failureCode() >= 0 && r.failureCode() < ErrorKind.values().length) {
      return new AssayException(ErrorKind.values()[r.failureCode()], r.getMessage());
    }
    return new AssayException(ErrorKind.STORE, "store " + op + ": " + e.getMessage(), e);
  }

  @Override
  public Future<RoundInfo> openRound(String run, long runSeed, String model, boolean simulated, String configJson) {
    return call("openRound", run, runSeed, model, simulated, configJson);
  }

  @Override
  public Future<RoundInfo> round(String run, int roundNo) {
    return call("round", run, roundNo);
  }

  @Override
  public Future<List<RoundInfo>> rounds() {
    return call("rounds");
  }

  @Override
  public Future<Void> setStage(long roundId, String stage) {
    return call("setStage", roundId, stage);
  }

  @Override
  public Future<Void> setState(long roundId, String state) {
    return call("setState", roundId, state);
  }

  @Override
  public Future<Void> saveProblems(long roundId, List<ProblemRow> rows) {
    return call("saveProblems", roundId, List.copyOf(rows));
  }

  @Override
  public Future<Void> updateProblems(long roundId, List<ProblemRow> rows) {
    return call("updateProblems", roundId, List.copyOf(rows));
  }

  @Override
  public Future<Void> saveProposal(long roundId, String seedId, Usage usage, List<ProblemRow> rows) {
    return call("saveProposal", roundId, seedId, usage, List.copyOf(rows));
  }

  @Override
  public Future<Set<String>> proposedSeeds(long roundId) {
    return call("proposedSeeds", roundId);
  }

  @Override
  public Future<List<ProblemRow>> problems(long roundId, boolean validOnly) {
    return call("problems", roundId, validOnly);
  }

  @Override
  public Future<Void> saveSolve(long roundId, String problemId, Usage usage, String failure, List<Attempt> attempts) {
    return call("saveSolve", roundId, problemId, usage, failure, List.copyOf(attempts));
  }

  @Override
  public Future<Set<String>> solvedProblems(long roundId) {
    return call("solvedProblems", roundId);
  }

  @Override
  public Future<List<Attempt>> unverified(long roundId) {
    return call("unverified", roundId);
  }

  @Override
  public Future<Void> saveVerdict(long roundId, String problemId, int idx, Verdict verdict) {
    return call("saveVerdict", roundId, problemId, idx, verdict);
  }

  @Override
  public Future<List<KeptSample>> verified(long roundId) {
    return call("verified", roundId);
  }

  @Override
  public Future<List<KeptSample>> failed(long roundId) {
    return call("failed", roundId);
  }

  @Override
  public Future<Integer> saveKeep(long roundId, List<KeepDecision> decisions) {
    return call("saveKeep", roundId, List.copyOf(decisions));
  }

  @Override
  public Future<List<Attempt>> attempts(long roundId) {
    return call("attempts", roundId);
  }

  @Override
  public Future<Void> saveScore(long roundId, String problemId, double dualAgreement, int consensus, int candidates) {
    return call("saveScore", roundId, problemId, dualAgreement, consensus, candidates);
  }

  @Override
  public Future<java.util.Map<String, Double>> scores(long roundId) {
    return call("scores", roundId);
  }

  @Override
  public Future<Void> registerModel(ModelRecord model) {
    return call("registerModel", model);
  }

  @Override
  public Future<List<ModelRecord>> models(String run) {
    return call("models", run);
  }

  @Override
  public Future<List<ProblemStat>> problemStats(String run, int beforeRound) {
    return call("problemStats", run, beforeRound);
  }

  @Override
  public Future<List<KeptSample>> kept(long roundId) {
    return call("kept", roundId);
  }

  @Override
  public Future<JsonObject> counts(long roundId) {
    return call("counts", roundId);
  }

  @Override
  public Future<Void> finishRound(long roundId, long wallMsThisSession, JsonObject report) {
    return call("finishRound", roundId, wallMsThisSession, report);
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  // --- web: paged samples and stored round configs (additive) ---

  @Override
  public Future<SamplePage> samples(long roundId, String domain, String verdict, int limit, long afterCursor) {
    return call("samples", roundId, domain, verdict, limit, afterCursor);
  }

  @Override
  public Future<JsonObject> roundConfig(long roundId) {
    return call("roundConfig", roundId);
  }
}
