package dev.assay.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * Reads rows page by page in their fixed order. While a page is being handled the next one is
 * already being read, so reading and handling overlap; pages are still handed on one at a time, in
 * order, and at most two are held.
 */
public final class SamplePages {
  /** Rows per page: large enough that a million rows take a couple of hundred queries, small enough to hold. */
  public static final int SIZE = 5_000;

  private SamplePages() {}

  /**
   * Calls {@code fetch(after)} from {@link SampleKey#FIRST} until a page comes back short, passing
   * each page to {@code consume}; {@code consume} of a page completes before the next page is passed.
   */
  public static <T> Future<Void> each(Function<SampleKey, Future<List<T>>> fetch, Function<T, SampleKey> key,
      Function<List<T>, Future<?>> consume) {
    return next(fetch, key, consume, fetch.apply(SampleKey.FIRST));
  }

  private static <T> Future<Void> next(Function<SampleKey, Future<List<T>>> fetch, Function<T, SampleKey> key,
      Function<List<T>, Future<?>> consume, Future<List<T>> coming) {
    return coming.compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture();
      }
      boolean last = page.size() < SIZE;
      Future<List<T>> after = last ? null : fetch.apply(key.apply(page.get(page.size() - 1)));
      Future<?> done = consume.apply(page);
      return last ? done.mapEmpty() : done.compose(v -> next(fetch, key, consume, after));
    });
  }
}
