package dev.assay.verify;

import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxClient;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.Future;

/** The sandbox pool seen through its event-bus client, for verifiers that take a {@link Sandbox}. */
final class BusSandbox implements Sandbox {
  private final SandboxClient client;

  BusSandbox(SandboxClient client) {
    this.client = client;
  }

  @Override
  public Future<SandboxResult> run(SandboxSpec spec) {
    return client.run(spec);
  }

  @Override
  public String describe() {
    return "sandbox pool over the event bus";
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
