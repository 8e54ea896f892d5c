package dev.assay.cluster;

import dev.assay.Bus;
import dev.assay.verify.Verification;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's face on the cluster: serves {@link Verification} at its own prefix ({@link Heartbeat#prefix})
 * by handing each call to the verifiers of the worker's private Vert.x (their sandbox is never on the
 * cluster's bus), and publishes a {@link Heartbeat} every second, and a last one saying it leaves.
 */
final class WorkerVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(WorkerVerticle.class);
  private final Verification local;
  private final io.vertx.core.Vertx owned;
  private final Heartbeat self;
  private final AtomicLong served = new AtomicLong();
  private List<MessageConsumer<Bus.Envelope>> consumers = List.of();
  private long timer = -1;

  /** {@code owned}: the private Vert.x of the verifiers and sandbox, closed (sandbox reaped) when this stops. */
  WorkerVerticle(Verification local, io.vertx.core.Vertx owned, Heartbeat self) {
    this.local = local;
    this.owned = owned;
    this.self = self;
  }

  @Override
  public Future<?> start() {
    Verification onThisContext = forwarding(local, context);
    return Bus.serve(vertx, Verification.class, onThisContext, self.prefix()).onSuccess(c -> {
      consumers = c;
      beat();
      timer = vertx.setPeriodic(Heartbeat.EVERY_MS, id -> beat());
      log.info("worker {} serving verification at {}.* (capacity {}, {})", self.id(), self.prefix(), self.capacity(),
          self.sandbox());
    });
  }

  private void beat() {
    vertx.eventBus().publish(Heartbeat.ADDRESS, heartbeat(false).toJson());
  }

  private Heartbeat heartbeat(boolean leaving) {
    return new Heartbeat(self.id(), self.host(), self.backend(), self.sandbox(), self.capacity(), self.timeoutMs(),
        served.get(), leaving);
  }

  long served() {
    return served.get();
  }

  /** Calls {@code target} and completes on {@code ctx}, this verticle's context, whatever thread {@code target} completes on. */
  private Verification forwarding(Verification target, Context ctx) {
    return (Verification) Proxy.newProxyInstance(Verification.class.getClassLoader(), new Class<?>[] {Verification.class},
        (proxy, m, args) -> {
          if (m.getDeclaringClass() == Object.class) {
            return m.invoke(target, args);
          }
          Promise<Object> p = Promise.promise();
          ((Future<?>) m.invoke(target, args)).onComplete(ar -> ctx.runOnContext(v -> {
            served.incrementAndGet();
            if (ar.succeeded()) {
              p.complete(ar.result());
            } else {
              p.fail(ar.cause());
            }
          }));
          return p.future();
        });
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    vertx.eventBus().publish(Heartbeat.ADDRESS, heartbeat(true).toJson());
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).eventually(owned::close);
  }
}
