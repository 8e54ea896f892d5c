package dev.assay.verify;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/** The typed client of {@link VerifyVerticle}. */
public final class VerifierClient implements Verifier {
  private final Vertx vertx;
  private final DeliveryOptions opts;

  private VerifierClient(Vertx vertx, long sendTimeoutMs) {
    this.vertx = vertx;
    this.opts = new DeliveryOptions().setSendTimeout(sendTimeoutMs);
  }

  /** {@code sendTimeoutMs} must exceed the longest verification (sandbox timeout plus queueing). */
  public static VerifierClient create(Vertx vertx, long sendTimeoutMs) {
    return new VerifierClient(vertx, sendTimeoutMs);
  }

  @Override
  public Future<Verdict> verify(Problem problem, String completion) {
    JsonObject msg = new JsonObject().put("problem", problem.toJson()).put("completion", completion);
    return vertx.eventBus().<JsonObject>request(VerifyVerticle.ADDRESS, msg, opts)
        .map(m -> Verdict.fromJson(m.body()))
        .recover(e -> Future.failedFuture(new AssayException(ErrorKind.SANDBOX_INFRA,
            "verification of problem " + problem.id() + " failed: " + e.getMessage(), e)));
  }
}
