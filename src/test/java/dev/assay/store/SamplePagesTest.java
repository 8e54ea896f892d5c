package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Paging through a round holds two pages at most: a handled page is garbage while the walk goes on
 * (a round of a million samples must not keep them all until its last page), every page comes in
 * order, and a failure ends the walk.
 */
class SamplePagesTest {
  private static final int PAGES = 8;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Pages of {@link SamplePages#SIZE} keys, the last one short, read on a worker thread as the store does. */
  private Future<List<SampleKey>> fetch(SampleKey after) {
    return vertx.executeBlocking(() -> {
      int page = after == SampleKey.FIRST ? 0 : Integer.parseInt(after.problemId().substring(1, 3)) + 1;
      int size = page == PAGES - 1 ? SamplePages.SIZE / 2 : page >= PAGES ? 0 : SamplePages.SIZE;
      List<SampleKey> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(new SampleKey("p%02d-%05d".formatted(page, i), i));
      }
      return out;
    });
  }

  @Test
  void aHandledPageIsNotHeldWhileTheWalkGoesOn() throws Exception {
    List<WeakReference<List<SampleKey>>> seen = new ArrayList<>();
    List<SampleKey> order = new ArrayList<>();
    boolean[] collected = new boolean[PAGES];
    await(SamplePages.each(this::fetch, k -> k, page -> {
      order.add(page.get(0));
      seen.add(new WeakReference<>(page));
      int n = seen.size();
      if (n >= 3) {
        for (int i = 0; i < 5 && seen.get(n - 3).get() != null; i++) {
          System.gc();
        }
        collected[n - 3] = seen.get(n - 3).get() == null;
      }
      return Future.succeededFuture();
    }));
    assertThat(order).extracting(SampleKey::problemId).isSorted().hasSize(PAGES);
    for (int i = 0; i < PAGES - 2; i++) {
      assertThat(collected[i]).as("page %d is garbage two pages later", i).isTrue();
    }
  }

  @Test
  void aFailureWhileHandlingAPageEndsTheWalkWithIt() {
    int[] handled = {0};
    Future<Void> walk = SamplePages.each(this::fetch, k -> k, page -> ++handled[0] == 2
        ? Future.failedFuture(new AssayException(ErrorKind.STORE, "disk gone")) : Future.succeededFuture());
    assertThatThrownBy(() -> await(walk)).hasMessageContaining("disk gone");
    assertThat(handled[0]).isEqualTo(2);
  }

  @Test
  void aHandlerThatThrowsFailsTheWalkInsteadOfHangingIt() {
    Future<Void> walk = SamplePages.each(this::fetch, k -> k, page -> {
      throw new IllegalStateException("bug");
    });
    assertThatThrownBy(() -> await(walk)).hasMessageContaining("bug");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
