package dev.assay.sandbox.pool;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sandbox's named worker threads ({@code <name>-<n>}) for its blocking work: starting,
 * running and stopping runners. A task's future completes on the worker thread itself; the
 * sandbox hands results to its caller's context with one hop ({@link WarmPool#deliverOn}), as
 * the fork-server's reply must cross threads once anyway. Idle threads end after a minute, so
 * an idle sandbox parks no thread.
 */
public final class Workers {
  private final ThreadPoolExecutor pool;

  /** At most {@code threads} tasks run at once; more wait in order. */
  public Workers(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code task} on a worker; its failure (or a refusal after close) fails the future. */
  public <T> Future<T> submit(Callable<T> task) {
    Promise<T> p = Promise.promise();
    try {
      pool.execute(() -> {
        try {
          p.complete(task.call());
        } catch (Throwable t) {
          p.fail(t);
        }
      });
    } catch (RejectedExecutionException e) {
      p.fail(e);
    }
    return p.future();
  }

  /** Lets queued tasks finish and the threads end; takes no new task. */
  public Future<Void> close() {
    pool.shutdown();
    return Future.succeededFuture();
  }
}
