package dev.assay.store;

import io.vertx.core.Future;
import java.util.List;

/**
 * Verified samples and the keep stage's decisions, read in pages in the fixed (problem id,
 * sample index) order, so no caller holds a whole round in memory.
 */
public interface SampleStore {

  /** Attempts verified ok, after {@code after}, at most {@code limit}. */
  Future<List<KeptSample>> verified(long roundId, SampleKey after, int limit);

  /** Attempts that failed verification (any verdict but ok), after {@code after}, at most {@code limit}. */
  Future<List<KeptSample>> failed(long roundId, SampleKey after, int limit);

  /** Kept samples, after {@code after}, at most {@code limit}. */
  Future<List<KeptSample>> kept(long roundId, SampleKey after, int limit);

  /** Forgets the round's keep decisions (the keep stage starts over). */
  Future<Void> clearKeep(long roundId);

  /** Records keep decisions in one transaction; returns how many of them keep their sample. */
  Future<Integer> saveKeep(long roundId, List<KeepDecision> decisions);

  /** Attempts with their verdict and kept flag as the samples listing shows them, keyset-paged. */
  Future<SamplePage> list(SampleFilter filter);
}
