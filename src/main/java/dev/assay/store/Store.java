package dev.assay.store;

import dev.assay.verify.Problem;
import dev.assay.verify.Verdict;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Everything a round persists, as it happens, so that a round killed at any moment resumes
 * without asking the model again for what it already answered and without losing or duplicating
 * a verified sample. Failures are {@code AssayException(STORE)}.
 */
public interface Store {

  /** Opens the newest unfinished round of this run, or starts the next one. */
  Future<RoundInfo> openRound(String run, long runSeed, String model, boolean simulated, String configJson);

  /** The round with this number (or the newest when {@code roundNo <= 0}); fails UNEXPECTED_STATE if none. */
  Future<RoundInfo> round(String run, int roundNo);

  /** Every round, newest last. */
  Future<List<RoundInfo>> rounds();

  Future<Void> setStage(long roundId, String stage);

  /** Sets a round's state ({@code running}, {@code cancelled}, {@code failed}); only running rounds resume. */
  Future<Void> setState(long roundId, String state);

  /** Records problems (seeds, valid proposals, dropped proposals with their reason); idempotent. */
  Future<Void> saveProblems(long roundId, List<ProblemRow> rows);

  /** Sets the status, drop reason and detail of problems already stored (the screening step). */
  Future<Void> updateProblems(long roundId, List<ProblemRow> rows);

  /** Records a proposer answer for one seed together with the problems it yielded, atomically. */
  Future<Void> saveProposal(long roundId, String seedId, Usage usage, List<ProblemRow> rows);

  /** Seeds whose proposals are already stored. */
  Future<Set<String>> proposedSeeds(long roundId);

  /** The problems of a round; only those to solve when {@code validOnly}. */
  Future<List<ProblemRow>> problems(long roundId, boolean validOnly);

  /** Records all samples of one problem atomically (or its failure when attempts is empty). */
  Future<Void> saveSolve(long roundId, String problemId, Usage usage, String failure, List<Attempt> attempts);

  /** Problems whose solve is stored. */
  Future<Set<String>> solvedProblems(long roundId);

  /** Attempts with no verdict yet. */
  Future<List<Attempt>> unverified(long roundId);

  Future<Void> saveVerdict(long roundId, String problemId, int idx, Verdict verdict);

  /** Verified attempts of a round with their problems and verdicts, in a stable order. */
  Future<List<KeptSample>> verified(long roundId);

  /** Failed attempts (any verdict but ok and sandbox_error) of a round, in a stable order. */
  Future<List<KeptSample>> failed(long roundId);

  /** Replaces the round's keep decisions (kept samples and keep-stage drops) atomically; returns kept. */
  Future<Integer> saveKeep(long roundId, List<KeepDecision> decisions);

  /** Every sample attempt (not rationalizations) of a round, in a stable order. */
  Future<List<Attempt>> attempts(long roundId);

  /** Records a problem's CodeT dual-agreement score over its samples (idempotent). */
  Future<Void> saveScore(long roundId, String problemId, double dualAgreement, int consensus, int candidates);

  /** Dual-agreement scores of a round's problems, by problem id. */
  Future<java.util.Map<String, Double>> scores(long roundId);

  /** Records a model of the run's registry (idempotent by name). */
  Future<Void> registerModel(ModelRecord model);

  /** The run's model registry, oldest first. */
  Future<List<ModelRecord>> models(String run);

  /** Pass counts per problem of the run's rounds numbered below {@code beforeRound}. */
  Future<List<ProblemStat>> problemStats(String run, int beforeRound);

  /** Kept samples with their problem, in a stable order. */
  Future<List<KeptSample>> kept(long roundId);

  /** Raw counts for the yield report. */
  Future<JsonObject> counts(long roundId);

  Future<Void> finishRound(long roundId, long wallMsThisSession, JsonObject report);

  Future<Void> close();

  /** One round's header. */
  record RoundInfo(
      long id, String run, int roundNo, long seed, String model, boolean simulated, String state,
      String stage, long wallMs, JsonObject report) {}

  /** A problem with its validation outcome ({@code status} valid or dropped). */
  record ProblemRow(Problem problem, String status, String dropReason, String detail) {
    public static ProblemRow valid(Problem p) {
      return new ProblemRow(p, "valid", "", "");
    }

    public static ProblemRow dropped(Problem p, String reason, String detail) {
      return new ProblemRow(p, "dropped", reason, detail);
    }
  }

  /** Tokens and requests spent on one model call (over its retries). */
  record Usage(int promptTokens, int completionTokens, int requests, long latencyMs) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);
  }

  /**
   * One sample: the {@code idx}-th completion for a problem; {@code kind} is {@code sample} or
   * {@code rationalization} (STaR: asked again with the answer as a hint).
   */
  record Attempt(
      String problemId, int idx, String sampleId, String text, int promptTokens,
      int completionTokens, String model, long seed, String kind) {
    public boolean rationalized() {
      return "rationalization".equals(kind);
    }
  }

  /** The keep stage's decision on one verified attempt: kept when {@code dropReason} is null. */
  record KeepDecision(String problemId, int idx, String sampleId, String dropReason, String detail) {}

  /**
   * A model of the registry.
   *
   * @param afterRound the round whose dataset made it (0 for the base model)
   * @param dataset the dataset it was trained on ("" for the base model)
   */
  record ModelRecord(
      String name, String run, String parent, String dataset, String baseUrl, boolean simulated,
      int afterRound, String createdAt) {}

  /** How a problem fared in a round. */
  record ProblemStat(Problem problem, int roundNo, int passed, int total) {
    public double passRate() {
      return total == 0 ? 0 : (double) passed / total;
    }
  }

  /** A kept sample ready to export. */
  record KeptSample(Attempt attempt, Problem problem, Verdict verdict, int roundNo) {}

  // --- web: paged samples and stored round configs (additive) ---

  /**
   * Attempts with their problem's domain, verdict and kept flag, oldest first, keyset-paged by the
   * attempt's rowid: rows with a rowid above {@code afterCursor}; {@code roundId <= 0}, an empty
   * {@code domain} or {@code verdict} mean any. Returns at most {@code limit} rows and the cursor of
   * the next page (null on the last page).
   */
  Future<SamplePage> samples(long roundId, String domain, String verdict, int limit, long afterCursor);

  /** The config a round was opened with (as JSON, without secrets); fails UNEXPECTED_STATE if no such round. */
  Future<JsonObject> roundConfig(long roundId);

  /** One attempt as the samples listing shows it; {@code verdict} is null while unverified. */
  record SampleRow(long cursor, long roundId, String run, int roundNo, String problemId, String domain, int idx,
      String sampleId, String kind, String model, int completionTokens, String verdict, String verdictDetail, boolean kept,
      String text) {}

  /** A page of samples and the cursor of the next one (null when this is the last). */
  record SamplePage(List<SampleRow> items, Long nextCursor) {}
}
