package dev.assay.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A round's problems: seeds and proposals with their validation outcome, and their agreement scores. */
public interface ProblemStore {

  /** Records problems (seeds, valid proposals, dropped proposals with their reason); idempotent. */
  Future<Void> save(long roundId, List<ProblemRow> rows);

  /** Sets the status, drop reason and detail of problems already stored (the screening step). */
  Future<Void> update(long roundId, List<ProblemRow> rows);

  /** Records one proposer answer (under {@code key}) with the problems it yielded, atomically. */
  Future<Void> saveProposal(long roundId, String key, Usage usage, List<ProblemRow> rows);

  /** Keys of the proposer answers already stored. */
  Future<Set<String>> proposed(long roundId);

  /** The problems of a round in the order they were stored; only those to solve when {@code validOnly}. */
  Future<List<ProblemRow>> list(long roundId, boolean validOnly);

  /** The valid problems of one round of a run, by id: what later rounds screen their proposals against. */
  Future<List<dev.assay.loop.core.Problem>> valid(String run, int roundNo);

  /** Pass counts of the valid problems of the run's rounds numbered below {@code beforeRound}. */
  Future<List<ProblemStat>> stats(String run, int beforeRound);

  /** Pass counts of the round's problems over their verified sample attempts, by problem id. */
  Future<Map<String, PassRate>> passRates(long roundId);

  /** Records a problem's CodeT dual-agreement score over its samples (idempotent). */
  Future<Void> saveScore(long roundId, String problemId, double dualAgreement, int consensus, int candidates);

  /** Dual-agreement scores of a round's problems, by problem id. */
  Future<Map<String, Double>> scores(long roundId);
}
