package dev.assay.loop;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Bounded fan-out: runs async work over a list with at most {@code width} items in flight and
 * no queue beyond the list itself. Use it from one event-loop context.
 */
public final class Lanes {
  private Lanes() {}

  /** Completes when every item is done; fails with the first failure, after in-flight work ends. */
  public static <T> Future<Void> run(List<T> items, int width, Function<T, Future<?>> work) {
    return run(items, width, work, () -> false);
  }

  /** As {@link #run(List, int, Function)}, taking no new item once {@code stop} says so. */
  public static <T> Future<Void> run(List<T> items, int width, Function<T, Future<?>> work, BooleanSupplier stop) {
    Iterator<T> it = items.iterator();
    List<Future<Void>> all = new ArrayList<>();
    for (int i = 0; i < Math.min(Math.max(1, width), items.size()); i++) {
      Promise<Void> lane = Promise.promise();
      next(it, work, lane, stop);
      all.add(lane.future());
    }
    return Future.all(all).mapEmpty();
  }

  private static <T> void next(Iterator<T> it, Function<T, Future<?>> work, Promise<Void> lane, BooleanSupplier stop) {
    T item;
    synchronized (it) {
      if (!it.hasNext() || stop.getAsBoolean()) {
        lane.tryComplete();
        return;
      }
      item = it.next();
    }
    Future<?> f;
    try {
      f = work.apply(item);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      if (ar.failed()) {
        lane.tryFail(ar.cause());
      } else {
        next(it, work, lane, stop);
      }
    });
  }
}
