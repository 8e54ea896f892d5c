package dev.assay.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/** A round's solver answers, their attempts (samples) and the attempts' verdicts. */
public interface AttemptStore {

  /**
   * Records one solver answer (under {@code key}) with its attempts and the messages it was asked
   * with ({@code [{role, content}]}), atomically; a {@code failure} with no attempts records a request
   * given up on. Storing a key twice changes nothing.
   */
  Future<Void> saveSolve(long roundId, String key, Usage usage, String failure, List<Attempt> attempts,
      io.vertx.core.json.JsonArray messages);

  /** Records many solver answers in one transaction, each as {@link #saveSolve} would. */
  Future<Void> saveSolves(long roundId, List<Solve> solves);

  /** Keys of the solver answers already stored. */
  Future<Set<String>> solved(long roundId);

  /** Attempts with no verdict yet, in the order they were stored. */
  Future<List<Attempt>> unverified(long roundId);

  /** Records verdicts (replacing an earlier one of the same attempt), in one transaction. */
  Future<Void> saveVerdicts(long roundId, List<VerdictOf> verdicts);

  /** Sample attempts (not rationalizations) after {@code after} in (problem id, index) order, at most {@code limit}. */
  Future<List<Attempt>> samples(long roundId, SampleKey after, int limit);
}
