package dev.assay.bench;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.Main;
import dev.assay.cluster.ClusterIdentity;
import dev.assay.cluster.ClusterNode;
import dev.assay.cluster.Workers;
import dev.assay.config.AssayConfig;
import dev.assay.verify.Verification;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code assay bench cluster --workers W}: a coordinator in this JVM and W workers as separate JVMs
 * ({@code assay worker --cluster}) on loopback, each with a process sandbox of {@code pool} runners
 * and that capacity. The workload is bound by waiting, not by CPU: every call computes a program's
 * answer ({@link Verification#answer}: two sandbox runs) where each run sleeps {@code sleepMs} in
 * the sandbox, so a worker does at most {@code pool * 1000 / sleepMs} runs a second and throughput
 * grows with W on any machine that has the few milliseconds of CPU each run costs. Reports sandbox
 * runs a second over {@code calls} calls (after a warm-up), and the calls' latency p50/p99 (all calls
 * are submitted at once, so latency is mostly queueing), and how busy the machine's CPUs were
 * meanwhile (every process on it, 0..1): near 1, the CPUs and not the workers are the limit.
 */
public final class ClusterBench {

  private ClusterBench() {}

  public static JsonObject run(Path dir, int workers, int calls, int pool, long sleepMs) throws Exception {
    int[] ports = freePorts(2 + 2 * workers);
    List<String> members = new ArrayList<>();
    for (int i = 0; i <= workers; i++) {
      members.add("127.0.0.1:" + ports[2 * i]);
    }
    AssayConfig.Cluster c = new AssayConfig.Cluster(members, "127.0.0.1", ports[0], ports[1], "ASSAY_BENCH_NO_TOKEN", 0,
        3, 120_000, false);
    Path config = Files.writeString(dir.resolve("worker.yaml"), "model: {simulated: true}\nsandbox: {pool_size: " + pool
        + ", timeout_ms: 5000}\ncluster: {host: 127.0.0.1, capacity: " + pool + "}\n");
    List<Process> procs = new ArrayList<>();
    Vertx vertx = await(ClusterNode.start(c, ClusterIdentity.open(), new VertxOptions(), b -> b), 120);
    try {
      Workers registry = new Workers();
      await(vertx.deployVerticle(registry), 30);
      for (int i = 1; i <= workers; i++) {
        procs.add(worker(dir, config, String.join(",", members), ports[2 * i], ports[2 * i + 1], i));
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (registry.capacity() < workers * pool) {
        if (System.nanoTime() > end) {
          throw new AssayException(ErrorKind.UNEXPECTED_STATE, "workers did not join within 180 s; see " + dir);
        }
        Thread.sleep(200);
      }
      Verification v = registry.verification(3, 120_000);
      String candidate = "import time\n\ndef solution():\n    time.sleep(" + sleepMs / 1000.0 + ")\n    return 42\n";
      batch(v, candidate, workers * pool * 4); // warm-up: runners, JIT, connections
      long[] cpu0 = cpuTicks();
      long t0 = System.nanoTime();
      long[] latencies = batch(v, candidate, calls);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long[] cpu1 = cpuTicks();
      Arrays.sort(latencies);
      return new JsonObject().put("bench", "cluster").put("workers", workers).put("pool", pool)
          .put("capacity", registry.capacity()).put("sleep_ms", sleepMs).put("calls", calls)
          .put("runs", 2 * calls).put("seconds", Math.round(seconds * 100) / 100.0)
          .put("runs_per_second", Math.round(2 * calls / seconds * 10) / 10.0)
          .put("ideal_runs_per_second", workers * pool * 1000.0 / Math.max(1, sleepMs))
          .put("p50_ms", latencies[latencies.length / 2]).put("p99_ms", latencies[(int) (latencies.length * 0.99)])
          .put("machine_cpu_busy", cpu0 == null || cpu1 == null || cpu1[1] == cpu0[1] ? null
              : Math.round(100.0 * (cpu1[0] - cpu0[0]) / (cpu1[1] - cpu0[1])) / 100.0)
          .put("cores", Runtime.getRuntime().availableProcessors());
    } finally {
      for (Process p : procs) {
        p.destroy();
      }
      for (Process p : procs) {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
      await(vertx.close(), 60);
    }
  }

  /** Runs {@code n} calls at once (the cluster client holds them to the workers' capacity); each call's latency in ms. */
  private static long[] batch(Verification v, String candidate, int n) {
    List<Future<Long>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      all.add(v.answer(candidate).map(a -> {
        if (!"42".equals(a.answer())) {
          throw new AssayException(ErrorKind.SANDBOX_INFRA, "bench program gave no answer: " + a.rejection() + " " + a.detail());
        }
        return (System.nanoTime() - start) / 1_000_000;
      }));
    }
    await(Future.all(all), 600);
    return all.stream().mapToLong(Future::result).toArray();
  }

  private static Process worker(Path dir, Path config, String members, int port, int bus, int n) throws Exception {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "worker", "--cluster", "--config",
        config.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("worker-" + n + ".log").toFile()));
    pb.environment().put("ASSAY_CLUSTER_MEMBERS", members);
    pb.environment().put("ASSAY_CLUSTER_PORT", String.valueOf(port));
    pb.environment().put("ASSAY_CLUSTER_BUS_PORT", String.valueOf(bus));
    pb.environment().remove("ASSAY_MEMBER_TOKEN");
    return pb.start();
  }

  /** The whole machine's busy and total CPU ticks from /proc/stat (all processes, not only ours); null elsewhere. */
  private static long[] cpuTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (Exception e) {
      return null;
    }
  }

  private static int[] freePorts(int n) throws Exception {
    int[] out = new int[n];
    List<ServerSocket> open = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
      open.add(s);
      out[i] = s.getLocalPort();
    }
    for (ServerSocket s : open) {
      s.close();
    }
    return out;
  }

  private static <T> T await(Future<T> f, int seconds) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new AssayException(ErrorKind.INTERNAL, e.getMessage(), e);
    } catch (Exception e) {
      throw new AssayException(ErrorKind.INTERNAL, "bench: " + e, e);
    }
  }
}
