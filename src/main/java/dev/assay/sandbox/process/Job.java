package dev.assay.sandbox.process;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.Context;
import io.vertx.core.Promise;

/** A queued run: the spec and where to deliver its result (on the caller's context). */
record Job(SandboxSpec spec, Promise<SandboxResult> promise, Context context) {
  static final Job POISON = new Job(null, null, null);

  void complete(SandboxResult r) {
    context.runOnContext(v -> promise.complete(r));
  }

  void fail(Throwable t) {
    context.runOnContext(v -> promise.fail(t));
  }
}
