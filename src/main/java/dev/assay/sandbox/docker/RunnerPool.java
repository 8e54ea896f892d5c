package dev.assay.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code poolSize} warm runners: hands an idle one to each run, queues runs when all are
 * busy, replaces a runner that is dirty, dead, unresponsive or past {@code recycleAfter} runs.
 * Container starts and removals run on the backend's worker pool. Promises are completed outside
 * the lock, so a waiter's continuation may call back in.
 */
final class RunnerPool {
  private static final Logger LOG = LoggerFactory.getLogger(RunnerPool.class);

  private final DockerSandboxOptions options;
  private final DockerClient api;
  private final DockerClient streams;
  private final WorkerExecutor workers;
  private final Deque<DockerRunner> idle = new ArrayDeque<>();
  private final Deque<Promise<DockerRunner>> waiters = new ArrayDeque<>();
  private final List<Future<DockerRunner>> starting = new ArrayList<>();
  private int live;
  private int started;
  private int replaced;
  private boolean closed;

  RunnerPool(DockerSandboxOptions options, DockerClient api, DockerClient streams, WorkerExecutor workers) {
    this.options = options;
    this.api = api;
    this.streams = streams;
    this.workers = workers;
  }

  /** Starts runners up to the pool size; completes when they are ready (or the first fails). */
  Future<Void> warm() {
    List<Future<DockerRunner>> starts = new ArrayList<>();
    synchronized (this) {
      while (live < options.poolSize()) {
        starts.add(spawn());
      }
    }
    return Future.all(starts).mapEmpty();
  }

  /**
   * A live runner for one run; idle runners whose container died meanwhile are dropped and
   * replaced. Fails (SANDBOX_INFRA) when the pool is closed or cannot start a runner.
   */
  Future<DockerRunner> acquire() {
    List<DockerRunner> dead = new ArrayList<>();
    try {
      synchronized (this) {
        if (closed) {
          return Future.failedFuture(new AssayException(ErrorKind.SANDBOX_INFRA, "docker sandbox is closed"));
        }
        for (DockerRunner r = idle.poll(); r != null; r = idle.poll()) {
          if (r.alive()) {
            return Future.succeededFuture(r);
          }
          dead.add(r);
          live--;
          replaced++;
        }
        Promise<DockerRunner> p = Promise.promise();
        waiters.add(p);
        while (live < options.poolSize()) {
          spawn();
        }
        return p.future();
      }
    } finally {
      dead.forEach(this::destroyLater);
    }
  }

  /** Gives a runner back; one that is not {@code reusable} is destroyed and replaced. */
  void release(DockerRunner r, boolean reusable) {
    if (reusable && r.alive() && r.runs() < options.recycleAfter()) {
      offer(r);
      return;
    }
    synchronized (this) {
      live--;
      replaced++;
      if (!closed && live < options.poolSize()) {
        spawn();
      }
    }
    destroyLater(r);
  }

  /**
   * Fails the waiters and destroys the idle runners; busy ones go when released. Completes once
   * no container start is in flight any more, so a reap after it misses nothing.
   */
  Future<Void> close() {
    List<Promise<DockerRunner>> failed;
    List<DockerRunner> toDestroy;
    List<Future<?>> pending = new ArrayList<>();
    synchronized (this) {
      pending.addAll(starting);
      closed = true;
      failed = new ArrayList<>(waiters);
      waiters.clear();
      toDestroy = new ArrayList<>(idle);
      idle.clear();
      live -= toDestroy.size();
    }
    failed.forEach(p -> p.tryFail(new AssayException(ErrorKind.SANDBOX_INFRA, "docker sandbox closed")));
    toDestroy.forEach(r -> pending.add(destroyLater(r)));
    return Future.join(pending).mapEmpty();
  }

  synchronized String stats() {
    return "live=" + live + " idle=" + idle.size() + " waiting=" + waiters.size()
        + " started=" + started + " replaced=" + replaced;
  }

  synchronized int started() {
    return started;
  }

  private Future<DockerRunner> spawn() { // caller holds the lock
    live++;
    int n = ++started;
    Future<DockerRunner> f = workers.executeBlocking(
        () -> DockerRunner.start(api, streams, options, n), false);
    starting.add(f);
    f.onComplete(ar -> {
      synchronized (this) {
        starting.remove(f);
      }
    });
    f.onSuccess(this::offer).onFailure(this::startFailed);
    return f;
  }

  private void offer(DockerRunner r) {
    Promise<DockerRunner> waiter;
    synchronized (this) {
      if (closed) {
        live--;
        waiter = null;
      } else {
        waiter = waiters.poll();
        if (waiter == null) {
          idle.add(r);
          return;
        }
      }
    }
    if (waiter == null) {
      destroyLater(r);
    } else {
      waiter.complete(r);
    }
  }

  private void startFailed(Throwable t) {
    LOG.warn("docker runner failed to start run={}: {}", options.runId(), t.getMessage());
    List<Promise<DockerRunner>> failed;
    synchronized (this) {
      live--;
      failed = new ArrayList<>(waiters);
      waiters.clear();
    }
    AssayException e = new AssayException(
        ErrorKind.SANDBOX_INFRA, "docker runner failed to start: " + t.getMessage(), t);
    failed.forEach(p -> p.tryFail(e));
  }

  private Future<Void> destroyLater(DockerRunner r) {
    return workers.executeBlocking(() -> {
      r.destroy();
      return null;
    }, false);
  }
}
