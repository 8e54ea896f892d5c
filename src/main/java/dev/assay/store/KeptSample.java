package dev.assay.store;

import dev.assay.loop.core.Problem;
import io.vertx.core.json.JsonArray;

/**
 * A verified (or failed) sample with its problem and verdict, ready to keep or export.
 *
 * @param prompt the messages its request was sent with, as training data wants them ({@code [{role,
 *     content}]}: the system prompt, if any, and the user message), null for rounds stored before
 */
public record KeptSample(Attempt attempt, Problem problem, StoredVerdict verdict, int roundNo, JsonArray prompt) {

  /** Where this sample sits in the fixed order every stage reads samples in. */
  public SampleKey key() {
    return new SampleKey(problem.id(), attempt.idx());
  }
}
