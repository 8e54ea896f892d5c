package dev.assay.cluster;

import dev.assay.AssayException;
import dev.assay.Bus;
import dev.assay.ErrorKind;
import dev.assay.verify.Verification;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's view of its workers, built from their {@link Heartbeat}s: a worker is live from
 * its first heartbeat until it says it leaves or stays silent for {@value #EXPIRY_MS} ms (a worker
 * killed with -9). The verification in-flight limit is the sum of the live workers' capacities:
 * {@link #acquire} hands out a slot on the live worker with the most free slots (preferring workers a
 * call has not tried yet), or waits, first come first served, until one frees or a worker joins. When a
 * worker expires, every call in flight on it fails at once (and is retried elsewhere by
 * {@link ClusterVerification}) instead of waiting for its send timeout.
 */
public final class Workers extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(Workers.class);
  static final long EXPIRY_MS = 5_000;
  private final Map<String, Worker> live = new LinkedHashMap<>();
  private final Deque<Waiter> waiting = new ArrayDeque<>();
  private MessageConsumer<JsonObject> consumer;
  private long timer = -1;

  /** A live worker: its verifiers' client and the calls in flight on it. */
  static final class Worker {
    final Heartbeat info;
    final Verification client;
    final Set<Promise<?>> inFlight = new HashSet<>();
    long lastSeen;

    Worker(Heartbeat info, Verification client, long now) {
      this.info = info;
      this.client = client;
      this.lastSeen = now;
    }

    int free() {
      return info.capacity() - inFlight.size();
    }
  }

  /** A slot on a worker, held by one call until {@link #release}. */
  record Lease(Worker worker, Promise<?> call) {}

  private record Waiter(Set<String> tried, Promise<?> call, Promise<Worker> promise, long timer) {}

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(Heartbeat.ADDRESS, m -> heard(Heartbeat.fromJson(m.body())));
    timer = vertx.setPeriodic(1_000, id -> expire());
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return consumer.unregister();
  }

  /** The live workers' total capacity: the coordinator's verification in-flight limit. */
  public synchronized int capacity() {
    return live.values().stream().mapToInt(w -> w.info.capacity()).sum();
  }

  /** The live workers' heartbeats. */
  public synchronized List<JsonObject> live() {
    return live.values().stream().map(w -> w.info.toJson()).toList();
  }

  /** A verification client that spreads calls over these workers (see {@link ClusterVerification}). */
  public Verification verification(int retries, long waitMs) {
    return new ClusterVerification(vertx, this, retries, waitMs);
  }

  private void heard(Heartbeat h) {
    List<Promise<?>> lost = List.of();
    synchronized (this) {
      Worker w = live.get(h.id());
      if (h.leaving()) {
        lost = w == null ? List.of() : drop(w, "left");
      } else if (w == null) {
        Verification client = Bus.client(vertx, Verification.class, h.prefix(), ClusterVerification.longestMs(h.timeoutMs()) + 5_000,
            ErrorKind.SANDBOX_INFRA);
        live.put(h.id(), new Worker(h, client, System.currentTimeMillis()));
        log.info("cluster: worker {} joined ({}, capacity {}); verification capacity now {}", h.id(), h.sandbox(),
            h.capacity(), capacity());
      } else {
        w.lastSeen = System.currentTimeMillis();
      }
    }
    fail(lost, h.id(), "left the cluster");
    pump();
  }

  private void expire() {
    long now = System.currentTimeMillis();
    List<Promise<?>> lost = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    synchronized (this) {
      for (Worker w : List.copyOf(live.values())) {
        if (now - w.lastSeen > EXPIRY_MS) {
          lost.addAll(drop(w, "silent for " + (now - w.lastSeen) + " ms"));
          gone.add(w.info.id());
        }
      }
    }
    gone.forEach(id -> fail(lost, id, "went silent"));
  }

  /** Removes a worker; returns its calls in flight. */
  private List<Promise<?>> drop(Worker w, String why) {
    live.remove(w.info.id());
    log.warn("cluster: worker {} {}; {} verification(s) in flight on it go to other workers; capacity now {}",
        w.info.id(), why, w.inFlight.size(), capacity());
    List<Promise<?>> lost = new ArrayList<>(w.inFlight);
    w.inFlight.clear();
    return lost;
  }

  private static void fail(List<Promise<?>> calls, String id, String what) {
    for (Promise<?> p : calls) {
      p.tryFail(new AssayException(ErrorKind.SANDBOX_INFRA, "cluster worker " + id + " " + what));
    }
  }

  /**
   * A slot for {@code call} on a live worker, preferring one not in {@code tried}; waits up to
   * {@code waitMs} for one, then fails SANDBOX_INFRA saying no worker was available.
   */
  Future<Lease> acquire(Set<String> tried, Promise<?> call, long waitMs) {
    Promise<Worker> got = Promise.promise();
    synchronized (this) {
      Worker w = pick(tried);
      if (w != null && waiting.isEmpty()) {
        w.inFlight.add(call);
        return Future.succeededFuture(new Lease(w, call));
      }
      long t = vertx.setTimer(waitMs, id -> {
        synchronized (this) {
          waiting.removeIf(x -> x.promise() == got);
        }
        got.tryFail(new AssayException(ErrorKind.SANDBOX_INFRA, "no cluster worker had room for a verification within "
            + waitMs + " ms (live workers: " + live.size() + "; cluster.worker_wait_ms)"));
      });
      waiting.add(new Waiter(tried, call, got, t));
    }
    return got.future().map(w -> new Lease(w, call));
  }

  void release(Lease lease) {
    synchronized (this) {
      lease.worker().inFlight.remove(lease.call());
    }
    pump();
  }

  /** Hands free slots to waiting calls, oldest first. */
  private void pump() {
    while (true) {
      Waiter next;
      Worker w;
      synchronized (this) {
        next = waiting.peek();
        if (next == null || (w = pick(next.tried())) == null) {
          return;
        }
        waiting.poll();
        vertx.cancelTimer(next.timer());
        w.inFlight.add(next.call());
      }
      next.promise().complete(w);
    }
  }

  /** The live worker with the most free slots, not yet tried if any such is live; null when none is free. */
  private Worker pick(Set<String> tried) {
    boolean untriedLive = live.keySet().stream().anyMatch(id -> !tried.contains(id));
    Worker best = null;
    for (Worker w : live.values()) {
      if (w.free() > 0 && (!untriedLive || !tried.contains(w.info.id())) && (best == null || w.free() > best.free())) {
        best = w;
      }
    }
    return best;
  }
}
