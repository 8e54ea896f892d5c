package dev.assay.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/** Reads rows page by page in their fixed order and hands each page on before the next is read. */
public final class SamplePages {
  /** Rows per page: large enough that a million rows take a few hundred queries, small enough to hold. */
  public static final int SIZE = 2_000;

  private SamplePages() {}

  /**
   * Calls {@code fetch(after)} from {@link SampleKey#FIRST} until a page comes back short, passing
   * each page to {@code consume} before the next is fetched.
   */
  public static <T> Future<Void> each(Function<SampleKey, Future<List<T>>> fetch, Function<T, SampleKey> key,
      Function<List<T>, Future<?>> consume) {
    return next(fetch, key, consume, SampleKey.FIRST);
  }

  private static <T> Future<Void> next(Function<SampleKey, Future<List<T>>> fetch, Function<T, SampleKey> key,
      Function<List<T>, Future<?>> consume, SampleKey after) {
    return fetch.apply(after).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture();
      }
      Future<?> done = consume.apply(page);
      return page.size() < SIZE ? done.mapEmpty()
          : done.compose(v -> next(fetch, key, consume, key.apply(page.get(page.size() - 1))));
    });
  }
}
