package dev.assay.loop;

import dev.assay.loop.core.Domain;
import dev.assay.store.RoundInfo;
import dev.assay.verify.Verdict;

/**
 * Receives a round's progress as it happens; the CLI draws it, the daemon publishes it as events
 * and metrics. Called from event-loop threads: implementations must be quick and thread-safe.
 */
public interface Progress {
  /** The round being run (opened or resumed). */
  void round(RoundInfo round);

  /** A stage starts with {@code total} units of work to do. */
  void stage(String stage, int total);

  /** One unit of a stage's work is done. */
  void step(String stage);

  /** A model call finished ({@code purpose}: propose or solve). */
  default void modelCall(String purpose, int promptTokens, int completionTokens, int requests, long latencyMs) {}

  /** A model call failed for good after its retries. */
  default void modelFailure(String purpose, String message) {}

  /** A candidate was verified. */
  default void verdict(Domain domain, Verdict verdict) {}

  /** A proposed problem was dropped at validation. */
  default void problemDropped(Domain domain, String reason) {}

  /** The keep stage finished with this many kept samples. */
  default void kept(int total) {}

  Progress NONE = new Progress() {
    @Override
    public void round(RoundInfo round) {}

    @Override
    public void stage(String stage, int total) {}

    @Override
    public void step(String stage) {}
  };
}
