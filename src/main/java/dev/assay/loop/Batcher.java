package dev.assay.loop;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Coalesces small writes into transactions of many rows: items are held until {@code maxItems}
 * are waiting or {@code delayMs} has passed since the first, then written in one call. Each
 * {@link #add} completes when its items are stored (or fails with the write), so callers count
 * progress only for what is durable. Thread-safe.
 */
final class Batcher<T> {
  private final Vertx vertx;
  private final int maxItems;
  private final long delayMs;
  private final Function<List<T>, Future<Void>> write;
  private List<T> items = new ArrayList<>();
  private List<Promise<Void>> waiting = new ArrayList<>();
  private long timer = -1;

  Batcher(Vertx vertx, int maxItems, long delayMs, Function<List<T>, Future<Void>> write) {
    this.vertx = vertx;
    this.maxItems = maxItems;
    this.delayMs = delayMs;
    this.write = write;
  }

  Future<Void> add(List<T> more) {
    if (more.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    boolean now;
    synchronized (this) {
      items.addAll(more);
      waiting.add(done);
      now = items.size() >= maxItems;
      if (!now && timer < 0) {
        timer = vertx.setTimer(delayMs, t -> flush());
      }
    }
    if (now) {
      flush();
    }
    return done.future();
  }

  /** Writes whatever is waiting now. */
  Future<Void> flush() {
    List<T> batch;
    List<Promise<Void>> promises;
    synchronized (this) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      if (items.isEmpty()) {
        return Future.succeededFuture();
      }
      batch = items;
      promises = waiting;
      items = new ArrayList<>();
      waiting = new ArrayList<>();
    }
    Future<Void> f;
    try {
      f = write.apply(batch);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.onComplete(ar -> promises.forEach(p -> p.handle(ar)));
  }
}
