package dev.assay.verify;

import io.vertx.core.Future;

/**
 * Decides whether one completion solves one problem. The future fails only when our own
 * infrastructure fails; a wrong, crashing or hanging candidate is a {@link Verdict}.
 */
public interface Verifier {
  Future<Verdict> verify(Problem problem, String completion);
}
