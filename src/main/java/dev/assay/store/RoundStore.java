package dev.assay.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Rounds: their header, stage and state, the config they were opened with, their counts and report. */
public interface RoundStore {
  /** The field of a round's config that says which work it is: equal keys resume, others start anew. */
  String RESUME_KEY = "resume_key";

  /**
   * The newest round of {@code run} when it is not done and was opened for the same work (the same
   * {@value #RESUME_KEY} in {@code config}): it resumes, whatever stopped it (a kill, a cancel, a
   * failure). Else the next round is opened with {@code config} (the config as run, without secrets),
   * and an unfinished round opened for other work is marked {@code abandoned}.
   */
  Future<RoundInfo> open(String run, long runSeed, String model, boolean simulated, JsonObject config);

  /**
   * The round with this number of {@code run}, the newest of the run when {@code roundNo <= 0}, the
   * newest of all when {@code run} is null; fails UNEXPECTED_STATE when there is none.
   */
  Future<RoundInfo> get(String run, int roundNo);

  /** Every round, oldest first. */
  Future<List<RoundInfo>> list();

  Future<Void> stage(long roundId, String stage);

  /** Sets a round's state: {@code running}, {@code cancelled} or {@code failed}. */
  Future<Void> state(long roundId, String state);

  /** The config a round was opened with; fails UNEXPECTED_STATE if no such round. */
  Future<JsonObject> config(long roundId);

  /**
   * Counts one more model request of the round that failed after its retries, for item {@code item}
   * (a proposal's or a solve's key); returns how many times that item has failed in all.
   */
  Future<Integer> modelFailure(long roundId, String item, String error);

  /** The yield report's input, from a few aggregate queries. */
  Future<RoundCounts> counts(long roundId);

  /** Marks the round done with its report, adding this session's wall time. */
  Future<Void> finish(long roundId, long wallMsThisSession, JsonObject report);
}
