package dev.assay.sandbox;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Typed client of {@link SandboxVerticle}. The send timeout is at least the spec's worst case
 * ({@link SandboxSpec#worstCaseMs()}: the wall backstop, a re-run after a contended timeout, and
 * headroom), so a slow candidate is a {@code timeout} result, never a bus timeout. Failures are {@link AssayException}s: SANDBOX_INFRA when the sandbox is unreachable,
 * broken or full; INVALID_INPUT for a spec it refuses.
 */
public final class SandboxClient {
  private final Vertx vertx;
  private final long sendTimeoutMs;

  private SandboxClient(Vertx vertx, long sendTimeoutMs) {
    this.vertx = vertx;
    this.sendTimeoutMs = sendTimeoutMs;
  }

  /** {@code sendTimeoutMs}: minimum bus timeout (also covers time spent queued). */
  public static SandboxClient create(Vertx vertx, long sendTimeoutMs) {
    return new SandboxClient(vertx, sendTimeoutMs);
  }

  public Future<SandboxResult> run(SandboxSpec spec) {
    long timeout = Math.max(sendTimeoutMs, spec.worstCaseMs());
    return vertx.eventBus()
        .<JsonObject>request(SandboxVerticle.ADDRESS, spec.toJson(),
            new DeliveryOptions().setSendTimeout(timeout))
        .map(m -> SandboxResult.fromJson(m.body()))
        .recover(SandboxClient::mapFailure);
  }

  /** The pool seen as a {@link Sandbox}, for code that takes one (verifiers, validators). */
  public Sandbox asSandbox() {
    SandboxClient client = this;
    return new Sandbox() {
      @Override
      public Future<SandboxResult> run(SandboxSpec spec) {
        return client.run(spec);
      }

      @Override
      public String describe() {
        return "sandbox pool over the event bus (" + SandboxVerticle.ADDRESS + ")";
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture(); // the pool belongs to its verticle
      }
    };
  }

  /** The serving sandbox's one-line description. */
  public Future<String> describe() {
    return vertx.eventBus()
        .<String>request(SandboxVerticle.DESCRIBE_ADDRESS, null,
            new DeliveryOptions().setSendTimeout(sendTimeoutMs))
        .map(m -> m.body())
        .recover(SandboxClient::mapFailure);
  }

  private static <T> Future<T> mapFailure(Throwable e) {
    if (e instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        ErrorKind[] kinds = ErrorKind.values();
        int code = re.failureCode();
        ErrorKind kind = code >= 0 && code < kinds.length ? kinds[code] : ErrorKind.SANDBOX_INFRA;
        return Future.failedFuture(new AssayException(kind, re.getMessage()));
      }
      return Future.failedFuture(new AssayException(ErrorKind.SANDBOX_INFRA,
          "sandbox unreachable (" + re.failureType() + "): " + re.getMessage()));
    }
    return Future.failedFuture(new AssayException(ErrorKind.SANDBOX_INFRA, e.getMessage(), e));
  }
}
