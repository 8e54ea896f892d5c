package dev.assay.bench;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.Sandboxes;
import dev.assay.sandbox.java.JavaSandbox;
import dev.assay.sandbox.process.ProcessSandbox;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code assay bench sandbox}: runs a trivial Python program {@code runs} times through the
 * configured backend with at most {@code concurrency} in flight, after a short warm-up, and
 * reports {"backend","isolation","warm","runs","concurrency","per_second","p50_ms","p99_ms",
 * "failed","sandbox_cpu_ms_per_run","daemon_cpu_ms_per_run","cpu_bound_per_second","cores",
 * "load_average"}. The CPU figures (cgroup cpuacct for the sandbox, the JVM's own CPU time) do
 * not depend on what else the machine is doing; {@code cpu_bound_per_second} is cores divided by
 * CPU per run, the rate an otherwise idle machine would reach. Blocking: call from the CLI thread, not an event loop.
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
      long sbCpu0 = sandboxCpuNanos(sb);
      long jvmCpu0 = jvmCpuNanos();
      long t0 = System.nanoTime();
      Measured m = measure(sb, opts, runs, conc);
      double secs = (System.nanoTime() - t0) / 1e9;
      double sbCpu = (sandboxCpuNanos(sb) - sbCpu0) / 1e6 / runs;
      double jvmCpu = (jvmCpuNanos() - jvmCpu0) / 1e6 / runs;
      int cores = Runtime.getRuntime().availableProcessors();
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
          .put("failed", m.failed)
          .put("sandbox_cpu_ms_per_run", sbCpu0 < 0 ? null : round2(sbCpu))
          .put("daemon_cpu_ms_per_run", jvmCpu0 < 0 ? null : round2(jvmCpu))
          .put("cpu_bound_per_second", sbCpu0 < 0 || jvmCpu0 < 0 ? null
              : Math.round(cores * 1000 / (sbCpu + jvmCpu)))
          .put("cores", cores)
          .put("load_average", round2(ManagementFactory.getOperatingSystemMXBean()
              .getSystemLoadAverage()));
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

  /** CPU used inside the sandbox's cgroups (process and java backends with cpuacct), else -1. */
  private static long sandboxCpuNanos(Sandbox sb) {
    if (sb instanceof ProcessSandbox p) {
      return p.cpuNanos();
    }
    return sb instanceof JavaSandbox j ? j.cpuNanos() : -1;
  }

  private static long jvmCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }

  private static double round2(double d) {
    return Math.round(d * 100) / 100.0;
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
