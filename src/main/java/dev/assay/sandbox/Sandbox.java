package dev.assay.sandbox;

import io.vertx.core.Future;

/**
 * Runs untrusted programs in isolation. A candidate's failure (error, timeout, memory, flood)
 * is a {@link SandboxResult} status; a failed future means the sandbox itself is broken.
 */
public interface Sandbox {

  /** Runs one program; never fails for anything the program does. */
  Future<SandboxResult> run(SandboxSpec spec);

  /** A one-line description for reports and doctor, e.g. "process/bwrap+cgroup-v1 (warm)". */
  String describe();

  /** Stops every runner and removes anything it created; idempotent, never fails. */
  Future<Void> close();
}
