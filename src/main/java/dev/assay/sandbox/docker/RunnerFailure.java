package dev.assay.sandbox.docker;

/**
 * A runner could not answer a run: it died (container gone, stream closed, protocol broken) or
 * it did not answer in time. Either way its container is destroyed and replaced. Expected, so
 * it carries no stack trace.
 */
final class RunnerFailure extends Exception {
  private final boolean unresponsive;

  RunnerFailure(boolean unresponsive, String message) {
    super(message, null, false, false);
    this.unresponsive = unresponsive;
  }

  /** True when the runner simply did not answer in time (it may still be alive). */
  boolean unresponsive() {
    return unresponsive;
  }
}
