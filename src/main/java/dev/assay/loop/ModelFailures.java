package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stage does with a model request that failed after its retries: our infrastructure failed,
 * not the problem, so the item stays pending (nothing is stored for it, a rerun asks again) and the
 * stage fails at its end naming the endpoint's failure. Only once an item has failed {@code
 * round.max_model_failures} times (0: never) is it given up and recorded as {@code model_error}.
 */
final class ModelFailures {
  private static final Logger log = LoggerFactory.getLogger(ModelFailures.class);
  private final RoundContext ctx;
  private final String stage;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicReference<String> last = new AtomicReference<>("");

  ModelFailures(RoundContext ctx, String stage) {
    this.ctx = ctx;
    this.stage = stage;
  }

  /** Counts the failure of {@code item}; runs {@code giveUp} (which records it as model_error) once it has failed too often. */
  Future<Void> failed(String item, Throwable e, Supplier<Future<Void>> giveUp) {
    String message = String.valueOf(e.getMessage());
    ctx.progress().modelFailure(stage, message);
    int max = ctx.cfg().round().maxModelFailures();
    return ctx.store().rounds().modelFailure(ctx.roundId(), item, message).compose(n -> {
      if (max > 0 && n >= max) {
        log.warn("round={} {} gave up on {} after {} failed requests: {}", ctx.round().roundNo(), stage, item, n, message);
        return giveUp.get();
      }
      pending.incrementAndGet();
      last.set(message);
      log.warn("round={} {} left {} pending: {}", ctx.round().roundNo(), stage, item, message);
      return Future.succeededFuture();
    });
  }

  /** Fails (MODEL_UNAVAILABLE) when some item was left pending: the round must not go on without it. */
  Future<Void> check() {
    int n = pending.get();
    return n == 0 ? Future.succeededFuture() : Future.failedFuture(new AssayException(ErrorKind.MODEL_UNAVAILABLE,
        n + " model request" + (n == 1 ? "" : "s") + " of the " + stage + " stage failed (last: " + last.get()
            + "); nothing was recorded for them: rerun the same command to ask again"));
  }
}
