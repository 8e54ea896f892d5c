package dev.assay.store;

import dev.assay.loop.core.Problem;

/** A verified (or failed) sample with its problem and verdict, ready to keep or export. */
public record KeptSample(Attempt attempt, Problem problem, StoredVerdict verdict, int roundNo) {

  /** Where this sample sits in the fixed order every stage reads samples in. */
  public SampleKey key() {
    return new SampleKey(problem.id(), attempt.idx());
  }
}
