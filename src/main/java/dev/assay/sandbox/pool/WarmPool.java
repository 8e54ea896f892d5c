package dev.assay.sandbox.pool;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner pool of every backend (process fork-servers, runner JVMs, containers): event-driven,
 * no thread waits for a runner. {@link #acquire()} hands an idle runner to a run or queues a
 * promise (beyond {@code maxQueue} waiting runs it fails fast); {@link #release} takes it back if
 * it is still {@link Member#reusable() reusable}, else stops it and frees its slot. Each runner
 * owns a slot number {@code 0..size-1} from its start until its stop has completed, so a
 * replacement never shares per-slot resources (a cgroup, a work dir) with a runner still dying.
 *
 * <p>Warm: runners are started ahead of demand ({@link #warm()}) and replaced as soon as a slot
 * frees. Cold: a runner is started only for a waiting run (a fresh runner per run when runners
 * are not reusable). A runner that fails to start fails one waiting run with SANDBOX_INFRA.
 * Promises are completed outside the lock, so a waiter's continuation may call back in.
 *
 * @param <R> the runner type
 */
public final class WarmPool<R extends WarmPool.Member> {
  private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);

  /** A pooled runner. */
  public interface Member {
    /** The slot the pool started it in. */
    int slot();

    /** Whether it may serve another run: alive, clean, under its recycling count. */
    boolean reusable();
  }

  /** Starts and stops runners; both without blocking the caller (blocking work on a worker). */
  public interface Factory<R> {
    /** Starts a runner in {@code slot}; fails when it cannot. */
    Future<R> start(int slot);

    /** Stops a runner and everything it runs; idempotent, never fails. */
    Future<Void> stop(R runner);
  }

  private final String name;
  private final Factory<R> factory;
  private final int size;
  private final int maxQueue;
  private final boolean warm;
  private final Deque<R> idle = new ArrayDeque<>();
  private final Deque<Promise<R>> waiters = new ArrayDeque<>();
  private final Set<R> live = Collections.newSetFromMap(new IdentityHashMap<>());
  private final BitSet slots = new BitSet();
  private final List<Future<?>> pending = new ArrayList<>();
  private int starting;
  private long started;
  private long replaced;
  private boolean closed;

  /**
   * @param name for logs
   * @param size runners at most (= runs in parallel)
   * @param maxQueue runs that may wait for a runner; one more fails fast
   * @param warm start runners ahead of demand and replace them at once
   */
  public WarmPool(String name, Factory<R> factory, int size, int maxQueue, boolean warm) {
    this.name = name;
    this.factory = factory;
    this.size = size;
    this.maxQueue = maxQueue;
    this.warm = warm;
  }

  /** Starts runners in every free slot; completes when they are ready, fails with the first. */
  public Future<Void> warm() {
    List<Integer> toStart = new ArrayList<>();
    synchronized (this) {
      while (!closed && slots.cardinality() < size) {
        toStart.add(reserve());
      }
    }
    return Future.all(toStart.stream().map(this::launch).toList()).mapEmpty();
  }

  /** A runner for one run; fails (SANDBOX_INFRA) when closed, full, or no runner starts. */
  public Future<R> acquire() {
    List<R> retired = new ArrayList<>();
    List<Integer> toStart;
    Promise<R> p = Promise.promise();
    synchronized (this) {
      if (closed) {
        return Future.failedFuture(infra(name + " closed"));
      }
      for (R r = idle.poll(); r != null; r = idle.poll()) {
        if (r.reusable()) {
          return Future.succeededFuture(r);
        }
        retired.add(r); // died or went stale while idle
      }
      if (waiters.size() >= Math.max(1, maxQueue)) {
        toStart = List.of();
        p = null;
      } else {
        waiters.add(p);
        toStart = wanted(false); // warm refills happen as stops complete, not per waiting run
      }
    }
    retired.forEach(this::retire);
    toStart.forEach(this::launch);
    return p == null ? Future.failedFuture(infra("sandbox queue full")) : p.future();
  }

  /** Gives a runner back after a run; one that is not reusable is stopped and replaced. */
  public void release(R r) {
    boolean keep;
    synchronized (this) {
      keep = !closed && live.contains(r) && r.reusable();
    }
    if (keep) {
      offer(r);
    } else {
      retire(r);
    }
  }

  /**
   * Fails the waiting runs and stops every runner, busy ones too (their runs end as sandbox
   * errors); completes when no start or stop is in flight any more. Idempotent.
   */
  public Future<Void> close() {
    List<Promise<R>> failed;
    List<R> all;
    synchronized (this) {
      closed = true;
      failed = new ArrayList<>(waiters);
      waiters.clear();
      idle.clear();
      all = new ArrayList<>(live);
    }
    failed.forEach(p -> p.tryFail(infra(name + " closed")));
    all.forEach(this::retire);
    return settled();
  }

  /** Completes once nothing is in flight, including stops of runners whose start ends now. */
  private Future<Void> settled() {
    List<Future<?>> wait;
    synchronized (this) {
      wait = new ArrayList<>(pending);
    }
    if (wait.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.join(wait).transform(ar -> settled());
  }

  /**
   * {@code f} completed on {@code ctx}: runs finish on worker threads, while callers expect their
   * continuations on their own context (an event loop, a verticle's).
   */
  public static <T> Future<T> deliverOn(Context ctx, Future<T> f) {
    Promise<T> p = Promise.promise();
    f.onComplete(ar -> {
      if (Vertx.currentContext() == ctx) {
        p.handle(ar); // already there: no extra hop
      } else {
        ctx.runOnContext(v -> p.handle(ar));
      }
    });
    return p.future();
  }

  /** For logs and tests: live, idle, waiting, starting, started, replaced. */
  public synchronized String stats() {
    return "live=" + live.size() + " idle=" + idle.size() + " waiting=" + waiters.size()
        + " starting=" + starting + " started=" + started + " replaced=" + replaced;
  }

  /** Runners started so far (warm-up and replacements). */
  public synchronized long started() {
    return started;
  }

  /**
   * Reserves the slots of the runners wanted now: while a slot is free, one per waiting run not
   * yet covered by a start, or (warm) up to the pool size. Caller holds the lock and launches
   * the returned slots after releasing it.
   */
  private List<Integer> wanted(boolean fill) {
    List<Integer> out = new ArrayList<>();
    while (!closed && slots.cardinality() < size && (fill || waiters.size() > starting)) {
      out.add(reserve());
    }
    return out;
  }

  private int reserve() { // caller holds the lock
    int slot = slots.nextClearBit(0);
    slots.set(slot);
    starting++;
    started++;
    return slot;
  }

  /** Starts a runner in a reserved slot (called without the lock). */
  private Future<R> launch(int slot) {
    Future<R> f;
    try {
      f = factory.start(slot);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    track(f);
    f.onComplete(ar -> {
      synchronized (this) {
        starting--;
        if (ar.succeeded()) {
          live.add(ar.result());
        } else {
          slots.clear(slot);
        }
      }
      if (ar.succeeded()) {
        offer(ar.result());
      } else {
        startFailed(ar.cause());
      }
    });
    return f;
  }

  /** Hands a ready runner to the oldest waiting run, else keeps it idle. */
  private void offer(R r) {
    Promise<R> waiter;
    synchronized (this) {
      if (closed) {
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
      retire(r);
    } else if (!waiter.tryComplete(r)) {
      offer(r);
    }
  }

  /** Stops a runner (once), frees its slot when the stop is done, and starts what is wanted. */
  private void retire(R r) {
    synchronized (this) {
      if (!live.remove(r)) {
        return; // already stopped
      }
      idle.remove(r);
      replaced++;
    }
    Future<Void> stop;
    try {
      stop = factory.stop(r);
    } catch (RuntimeException e) {
      stop = Future.failedFuture(e);
    }
    track(stop);
    stop.onComplete(ar -> {
      List<Integer> toStart;
      synchronized (this) {
        slots.clear(r.slot());
        toStart = wanted(warm);
      }
      toStart.forEach(this::launch);
    });
  }

  private void startFailed(Throwable t) {
    LOG.warn("{}: a runner failed to start: {}", name, t.getMessage());
    Promise<R> one;
    List<Integer> toStart;
    synchronized (this) {
      one = waiters.poll();
      toStart = wanted(false); // the remaining waiters get a start of their own; no refill loop
    }
    toStart.forEach(this::launch);
    if (one != null) {
      one.tryFail(t instanceof AssayException a ? a
          : new AssayException(ErrorKind.SANDBOX_INFRA, "runner failed to start: " + t.getMessage(), t));
    }
  }

  private void track(Future<?> f) {
    synchronized (this) {
      pending.add(f);
    }
    f.onComplete(ar -> {
      synchronized (this) {
        pending.remove(f);
      }
    });
  }

  private static AssayException infra(String message) {
    return new AssayException(ErrorKind.SANDBOX_INFRA, message);
  }
}
