package dev.assay.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Set;

/**
 * Samples solved in several turns (tools, repair): every turn is stored as it happens, so a killed
 * round continues each trajectory from its last stored turn without asking the model again.
 */
public interface TrajectoryStore {

  /**
   * Records the opening answers of a problem's trajectories (turn 0 of each sample) with its solver
   * answer (under {@code key}, with the messages it was asked with), atomically; a key stored once
   * stays as it is.
   */
  Future<Void> open(long roundId, String key, Usage usage, JsonArray messages, List<Turn> first);

  /** Appends turns, or replaces a turn's status and meta (a check of an answer), atomically. */
  Future<Void> put(long roundId, List<Turn> turns);

  /** The turns of one problem's trajectories, by sample index then turn. */
  Future<List<Turn>> of(long roundId, String problemId);

  /** Problems with trajectory turns whose samples have not all finished (no attempt yet). */
  Future<Set<String>> unfinished(long roundId);

  /** A trajectory's end: its attempt (the final answer), summary and verdict, atomically. */
  Future<Void> finish(long roundId, Attempt attempt, AgentSummary summary, StoredVerdict verdict);

  /** The turns of the samples from {@code first} to {@code last} (inclusive), in order: a page's trajectories. */
  Future<List<Turn>> range(long roundId, SampleKey first, SampleKey last);

  /** The turns of a page of samples (in key order), by sample: empty for samples answered in one turn. */
  default Future<java.util.Map<SampleKey, List<Turn>>> of(long roundId, List<KeptSample> page) {
    if (page.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    return range(roundId, page.get(0).key(), page.get(page.size() - 1).key()).map(turns -> {
      java.util.Map<SampleKey, List<Turn>> out = new java.util.HashMap<>();
      turns.forEach(t -> out.computeIfAbsent(t.key(), k -> new java.util.ArrayList<>()).add(t));
      return out;
    });
  }
}
