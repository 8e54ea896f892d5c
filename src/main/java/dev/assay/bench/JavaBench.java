package dev.assay.bench;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.java.JavaSandbox;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code assay bench sandbox --backend java}: the warm Java sandbox against the naive way
 * ({@code javac} then {@code java} per candidate, no sandbox at all). Blocking: call it from the
 * CLI thread. Reproduce from a checkout:
 *
 * <pre>
 * mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/classes:$(cat cp.txt) dev.assay.bench.JavaBench 200 2 5
 * </pre>
 */
public final class JavaBench {
  /** Janino compiles this one. */
  static final String PLAIN = "public class Main { public static void main(String[] a) {"
      + " int s = 0; for (int i = 0; i < 10; i++) { s += i; } System.out.println(s); } }";
  /** Janino rejects this one (lambda, var), so it goes through javac. */
  static final String MODERN = "import java.util.stream.*; public class Main {"
      + " public static void main(String[] a) { var s = IntStream.range(0, 10).map(i -> i).sum();"
      + " System.out.println(s); } }";

  private JavaBench() {}

  /** Janino-path program: {"backend":"java","runs","concurrency","per_second","p50_ms",...}. */
  public static JsonObject run(Vertx vertx, SandboxOptions o, int runs, int concurrency) {
    return run(vertx, o, runs, concurrency, PLAIN);
  }

  /**
   * Runs {@code source} (must print 45) {@code runs} times, {@code concurrency} at once, and
   * adds the CPU used inside the sandbox's cgroups per run where it is accounted.
   */
  public static JsonObject run(Vertx vertx, SandboxOptions o, int runs, int concurrency,
      String source) {
    int conc = Math.max(1, concurrency);
    JavaSandbox sb = JavaSandbox.create(vertx, o.withBackend("java", o.isolation()));
    try {
      SandboxSpec spec = o.java(source, "");
      measure(sb, spec, Math.min(20, Math.max(2 * o.poolSize(), runs / 10)), conc);
      long cpu0 = sb.cpuNanos();
      long t0 = System.nanoTime();
      long[] lat = new long[runs];
      int failed = measure(sb, spec, lat, conc);
      double secs = (System.nanoTime() - t0) / 1e9;
      long cpu = sb.cpuNanos() - cpu0;
      return stats("java", sb.describe(), lat, secs, failed).put("concurrency", conc)
          .put("sandbox_cpu_ms_per_run", cpu0 < 0 ? null : Math.round(cpu / 1e4 / runs) / 100.0);
    } finally {
      join(sb.close().toCompletionStage().toCompletableFuture(), 60_000);
    }
  }

  /** The baseline: write Main.java, {@code javac}, {@code java}, sequentially, unsandboxed. */
  public static JsonObject baseline(String source, int runs) {
    String bin = System.getProperty("java.home") + "/bin/";
    long[] lat = new long[runs];
    int failed = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      Path dir = null;
      try {
        dir = Files.createTempDirectory("assay-javac-bench-");
        Files.writeString(dir.resolve("Main.java"), source);
        boolean ok = exec(dir, bin + "javac", "Main.java").isEmpty()
            && exec(dir, bin + "java", "-cp", ".", "Main").equals("45\n");
        failed += ok ? 0 : 1;
      } catch (IOException e) {
        failed++;
      } finally {
        delete(dir);
      }
      lat[i] = (System.nanoTime() - t) / 1000;
    }
    return stats("javac+java", "none (plain processes)", lat, (System.nanoTime() - t0) / 1e9,
        failed);
  }

  private static int measure(JavaSandbox sb, SandboxSpec spec, int runs, int conc) {
    return measure(sb, spec, new long[runs], conc);
  }

  private static int measure(JavaSandbox sb, SandboxSpec spec, long[] lat, int conc) {
    AtomicInteger failed = new AtomicInteger();
    Semaphore inFlight = new Semaphore(conc);
    CompletableFuture<?>[] all = new CompletableFuture<?>[lat.length];
    for (int i = 0; i < lat.length; i++) {
      inFlight.acquireUninterruptibly();
      long t = System.nanoTime();
      int idx = i;
      all[i] = sb.run(spec).onComplete(ar -> {
        lat[idx] = (System.nanoTime() - t) / 1000;
        SandboxResult r = ar.result();
        if (ar.failed() || !r.ok() || !"45\n".equals(r.stdout())) {
          failed.incrementAndGet();
        }
        inFlight.release();
      }).toCompletionStage().toCompletableFuture();
    }
    join(CompletableFuture.allOf(all).exceptionally(e -> null), 600_000);
    return failed.get();
  }

  private static JsonObject stats(String backend, String isolation, long[] latUs, double secs,
      int failed) {
    long[] sorted = latUs.clone();
    Arrays.sort(sorted);
    return new JsonObject()
        .put("backend", backend)
        .put("isolation", isolation)
        .put("runs", latUs.length)
        .put("per_second", Math.round(latUs.length / secs * 10) / 10.0)
        .put("p50_ms", pct(sorted, 0.50))
        .put("p99_ms", pct(sorted, 0.99))
        .put("failed", failed);
  }

  private static double pct(long[] sortedUs, double q) {
    if (sortedUs.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sortedUs.length - 1, Math.ceil(q * sortedUs.length) - 1);
    return Math.round(sortedUs[Math.max(0, i)] / 100.0) / 10.0;
  }

  private static String exec(Path dir, String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "timeout";
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return "interrupted";
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  private static void join(CompletableFuture<?> f, long ms) {
    try {
      f.get(ms, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "bench did not finish: " + e, e);
    }
  }

  /** Args: runs (200), concurrency (2), baseline runs (5). Prints one JSON object per line. */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int conc = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int base = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Vertx vertx = Vertx.vertx();
    try {
      SandboxOptions o = SandboxOptions.defaults().withBackend("java", "auto")
          .withPool(conc, 1024, 1000).withRunId("bench");
      // the machine's load drifts: measure the baseline half before and half after
      JsonObject before = baseline(PLAIN, Math.max(1, base / 2));
      JsonObject plain = run(vertx, o, runs, conc, PLAIN).put("program", "janino-path");
      JsonObject modern = run(vertx, o, runs, conc, MODERN).put("program", "javac-path");
      JsonObject after = baseline(PLAIN, Math.max(1, base - base / 2));
      JsonObject b1 = after.copy().put("program", "janino-path")
          .put("runs", before.getInteger("runs") + after.getInteger("runs"))
          .put("per_second", (before.getDouble("per_second") + after.getDouble("per_second")) / 2)
          .put("p50_ms", (before.getDouble("p50_ms") + after.getDouble("p50_ms")) / 2)
          .put("failed", before.getInteger("failed") + after.getInteger("failed"));
      System.out.println(plain.encode());
      System.out.println(modern.encode());
      System.out.println(b1.encode());
      System.out.println(new JsonObject()
          .put("speedup_janino_path", Math.round(plain.getDouble("per_second")
              / b1.getDouble("per_second") * 10) / 10.0)
          .put("speedup_javac_path", Math.round(modern.getDouble("per_second")
              / b1.getDouble("per_second") * 10) / 10.0)
          .put("speedup_p50_janino_path", Math.round(b1.getDouble("p50_ms")
              / plain.getDouble("p50_ms") * 10) / 10.0)
          .encode());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
