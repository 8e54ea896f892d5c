package dev.assay.verify;

import dev.assay.Bus;
import dev.assay.config.AssayConfig;
import dev.assay.sandbox.SandboxClient;
import dev.assay.sandbox.SandboxOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;

/**
 * Serves {@link Verification} on {@code assay.verify.*}: math is checked on a worker thread; code,
 * proposed programs, generated suites and program-aided answers run in the sandbox pool through its
 * event-bus client, with the configured limits; tool calls run there too, with the limits each call
 * carries.
 */
public class VerifyVerticle extends VerticleBase {
  private final AssayConfig.Verify options;
  private final SandboxOptions sandbox;
  private List<MessageConsumer<dev.assay.Bus.Envelope>> consumers = List.of();

  public VerifyVerticle(AssayConfig.Verify options, SandboxOptions sandbox) {
    this.options = options;
    this.sandbox = sandbox;
  }

  @Override
  public Future<?> start() {
    SandboxClient client = SandboxClient.create(vertx, sandbox.timeoutMs() * 4 + 600_000);
    Verifiers impl = new Verifiers(vertx, options, client.asSandbox(), sandbox.timeoutMs(), sandbox.memoryMb());
    return Bus.serve(vertx, Verification.class, impl, Verification.PREFIX).onSuccess(c -> consumers = c);
  }

  @Override
  public Future<?> stop() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList());
  }
}
