package dev.assay.sandbox;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code assay bench sandbox}: runs a trivial Python program {@code runs} times through the
 * configured backend with at most {@code concurrency} in flight, after a short warm-up, and
 * reports {"backend","isolation","warm","runs","concurrency","per_second","p50_ms","p99_ms",
 * "failed"}. Blocking: call from the CLI thread, not an event loop.
 */
public final class SandboxBench {
  static final String PROGRAM = "print(sum(range(10)))\n";

  private SandboxBench() {}

  public static JsonObject run(Vertx vertx, SandboxOptions o, int runs, int concurrency) {
    int conc = Math.max(1, concurrency);
    SandboxOptions opts = o.withPool(o.poolSize(), Math.max(o.maxQueue(), conc), o.recycleAfter());
    Sandbox sb = Sandboxes.create(vertx, opts);
    try {
      int warmup = Math.min(20, Math.max(opts.poolSize() * 2, runs / 10));
      measure(sb, opts, warmup, conc);
      long t0 = System.nanoTime();
      Measured m = measure(sb, opts, runs, conc);
      double secs = (System.nanoTime() - t0) / 1e9;
      long[] lat = m.latenciesUs;
      Arrays.sort(lat);
      return new JsonObject()
          .put("backend", opts.backend())
          .put("isolation", sb.describe())
          .put("warm", opts.warm())
          .put("runs", runs)
          .put("concurrency", conc)
          .put("per_second", Math.round(runs / secs * 10) / 10.0)
          .put("p50_ms", pct(lat, 0.50))
          .put("p99_ms", pct(lat, 0.99))
          .put("failed", m.failed);
    } finally {
      join(sb.close().toCompletionStage().toCompletableFuture(), 30_000);
    }
  }

  private record Measured(long[] latenciesUs, int failed) {}

  private static Measured measure(Sandbox sb, SandboxOptions o, int runs, int conc) {
    long[] lat = new long[runs];
    AtomicInteger failed = new AtomicInteger();
    Semaphore inFlight = new Semaphore(conc);
    CompletableFuture<?>[] all = new CompletableFuture<?>[runs];
    SandboxSpec spec = o.python(PROGRAM);
    for (int i = 0; i < runs; i++) {
      inFlight.acquireUninterruptibly();
      long t = System.nanoTime();
      int idx = i;
      all[i] = sb.run(spec).onComplete(ar -> {
        lat[idx] = (System.nanoTime() - t) / 1000;
        if (ar.failed() || !ar.result().ok() || !"45\n".equals(ar.result().stdout())) {
          failed.incrementAndGet();
        }
        inFlight.release();
      }).toCompletionStage().toCompletableFuture();
    }
    join(CompletableFuture.allOf(all).exceptionally(e -> null), 600_000);
    return new Measured(lat, failed.get());
  }

  private static double pct(long[] sortedUs, double q) {
    if (sortedUs.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sortedUs.length - 1, Math.ceil(q * sortedUs.length) - 1);
    return Math.round(sortedUs[Math.max(0, i)] / 100.0) / 10.0;
  }

  private static void join(CompletableFuture<?> f, long ms) {
    try {
      f.get(ms, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "bench did not finish: " + e, e);
    }
  }
}
