package dev.assay.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.function.Function;

/**
 * Reads rows page by page in their fixed order. While a page is being handled the next one is
 * already being read, so reading and handling overlap; pages are still handed on one at a time, in
 * order, and at most two are held: a handled page is garbage at once (the walk completes one promise
 * at the end rather than nesting a future per page, whose chain would keep every page reachable
 * until the last one is handled).
 */
public final class SamplePages {
  /** Rows per page: large enough that a million rows take a couple of hundred queries, small enough to hold. */
  public static final int SIZE = 5_000;

  private SamplePages() {}

  /**
   * Calls {@code fetch(after)} from {@link SampleKey#FIRST} until a page comes back short, passing
   * each page to {@code consume}; {@code consume} of a page completes before the next page is passed.
   * Fails with the first failure of either (a page being read ahead is then dropped).
   */
  public static <T> Future<Void> each(Function<SampleKey, Future<List<T>>> fetch, Function<T, SampleKey> key,
      Function<List<T>, Future<?>> consume) {
    Promise<Void> done = Promise.promise();
    new Walk<>(fetch, key, consume, done).next(fetch.apply(SampleKey.FIRST));
    return done.future();
  }

  private record Walk<T>(Function<SampleKey, Future<List<T>>> fetch, Function<T, SampleKey> key,
      Function<List<T>, Future<?>> consume, Promise<Void> done) {

    void next(Future<List<T>> coming) {
      coming.onComplete(this::page, done::fail);
    }

    private void page(List<T> page) {
      if (page.isEmpty()) {
        done.complete();
        return;
      }
      Future<List<T>> after;
      Future<?> handled;
      try {
        after = page.size() < SIZE ? null : fetch.apply(key.apply(page.get(page.size() - 1)));
        handled = consume.apply(page);
      } catch (RuntimeException e) {
        done.fail(e);
        return;
      }
      handled.onComplete(v -> {
        if (after == null) {
          done.complete();
        } else {
          next(after);
        }
      }, done::fail);
    }
  }
}
