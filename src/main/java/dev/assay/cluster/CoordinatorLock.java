package dev.assay.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.util.function.Consumer;

/**
 * One coordinator per cluster: {@code serve --cluster} holds the cluster-wide lock {@value #NAME} (a
 * Hazelcast map lock) for as long as it runs. A second coordinator waits for it; Hazelcast releases a
 * lock whose holder left or died (declared dead after {@value ClusterNode#MAX_NO_HEARTBEAT_SECONDS} s
 * without a heartbeat), so a standby, or the same coordinator restarted after {@code kill -9}, takes
 * over and resumes the unfinished round from the shared store.
 */
public final class CoordinatorLock {
  static final String NAME = "assay.coordinator";
  private static final long TRY_MS = 5_000;

  private CoordinatorLock() {}

  /** Completes holding the lock; {@code waiting} is told (once per try) while another coordinator holds it. */
  public static Future<Lock> acquire(Vertx vertx, Consumer<Long> waiting) {
    Promise<Lock> p = Promise.promise();
    attempt(vertx, waiting, System.currentTimeMillis(), p);
    return p.future();
  }

  private static void attempt(Vertx vertx, Consumer<Long> waiting, long since, Promise<Lock> p) {
    vertx.sharedData().getLockWithTimeout(NAME, TRY_MS).onComplete(ar -> {
      if (ar.succeeded()) {
        p.complete(ar.result());
      } else {
        waiting.accept(System.currentTimeMillis() - since);
        attempt(vertx, waiting, since, p);
      }
    });
  }
}
