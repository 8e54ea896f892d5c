package dev.assay.model;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * At most {@code maxInFlight} operations run at once; up to {@code maxQueued} more wait in FIFO
 * order; beyond that {@link #submit} fails at once with MODEL_UNAVAILABLE "model queue full".
 * A queued operation is started on the context that submitted it.
 */
final class InFlightLimiter {
  private record Waiting(Context context, Supplier<Future<Object>> op, Promise<Object> promise) {}

  private final Vertx vertx;
  private final int maxInFlight;
  private final int maxQueued;
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  private int inFlight;
  private int peakInFlight;

  InFlightLimiter(Vertx vertx, int maxInFlight, int maxQueued) {
    if (maxInFlight < 1 || maxQueued < 0) {
      throw new IllegalArgumentException("maxInFlight >= 1 and maxQueued >= 0 required");
    }
    this.vertx = vertx;
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
  }

  @SuppressWarnings("unchecked")
  <T> Future<T> submit(Supplier<Future<T>> op) {
    Supplier<Future<Object>> erased = () -> (Future<Object>) (Future<?>) op.get();
    Promise<Object> promise;
    synchronized (this) {
      if (inFlight < maxInFlight) {
        inFlight++;
        peakInFlight = Math.max(peakInFlight, inFlight);
        promise = null;
      } else if (queue.size() < maxQueued) {
        promise = Promise.promise();
        queue.addLast(new Waiting(vertx.getOrCreateContext(), erased, promise));
      } else {
        return Future.failedFuture(new AssayException(ErrorKind.MODEL_UNAVAILABLE,
            "model queue full (" + maxInFlight + " in flight, " + maxQueued + " queued)"));
      }
    }
    if (promise != null) {
      return (Future<T>) (Future<?>) promise.future();
    }
    return (Future<T>) (Future<?>) run(erased);
  }

  private Future<Object> run(Supplier<Future<Object>> op) {
    Future<Object> result;
    try {
      result = op.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.andThen(ignored -> release());
  }

  private void release() {
    Waiting next;
    synchronized (this) {
      next = queue.pollFirst();
      if (next == null) {
        inFlight--;
        return;
      }
    }
    next.context().runOnContext(v -> run(next.op()).onComplete(next.promise()));
  }

  /** Fails every waiting operation with MODEL_UNAVAILABLE; running ones finish. */
  void failQueued(String why) {
    java.util.List<Waiting> dropped;
    synchronized (this) {
      dropped = new java.util.ArrayList<>(queue);
      queue.clear();
    }
    dropped.forEach(w -> w.promise().tryFail(new AssayException(ErrorKind.MODEL_UNAVAILABLE, why)));
  }

  synchronized int inFlight() {
    return inFlight;
  }

  synchronized int queued() {
    return queue.size();
  }

  /** Highest number of operations that ran at once since creation. */
  synchronized int peakInFlight() {
    return peakInFlight;
  }
}
