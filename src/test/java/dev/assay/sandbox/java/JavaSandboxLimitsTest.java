package dev.assay.sandbox.java;

import static dev.assay.sandbox.java.JavaSandboxTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.Language;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Limits: wall time, heap, output, System.exit; each ends the run with the right status. */
@Tag("e2e")
class JavaSandboxLimitsTest {
  private static Vertx vertx;
  private static JavaSandbox sandbox;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    sandbox = JavaSandbox.create(vertx, JavaTesting.options(1, "jbtest-limits").withLimits(
        dev.assay.sandbox.SandboxSpec.DEFAULT_TIMEOUT_MS, 128));
  }

  @AfterAll
  static void stop() throws Exception {
    sandbox.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static SandboxResult runWith(String source, long timeoutMs, int cap) throws Exception {
    SandboxSpec spec = new SandboxSpec(Language.JAVA, source, null, "", timeoutMs, 128, cap);
    return sandbox.run(spec).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  @Test
  void infiniteLoopTimesOutAndTheNextRunIsUnaffected() throws Exception {
    SandboxResult r = runWith("""
        public class Main {
          public static void main(String[] args) {
            System.out.println("start");
            long x = 0;
            while (true) { x++; }
          }
        }
        """, 500, 1024);
    assertThat(r.status()).as(r.toString()).isEqualTo(SandboxStatus.TIMEOUT);
    assertThat(r.stdout()).isEqualTo("start\n");
    // the CPU-time limit, unless the machine starved the run past its wall backstop
    assertThat(r.detail()).contains(r.cpuMs() >= 500 ? "CPU-time limit 500 ms"
        : "wall-clock backstop 1500 ms").contains("runner replaced");
    SandboxResult next = run(sandbox, "public class Main { public static void main(String[] a) {"
        + " System.out.println(\"fine\"); } }", "");
    assertThat(next.status()).isEqualTo(SandboxStatus.OK);
    assertThat(next.stdout()).isEqualTo("fine\n");
  }

  @Test
  void aProgramSlowedByTheCpuItIsGivenIsNoTimeout() throws Exception {
    // a fifth of a CPU: the 0.6 s of CPU it needs (and the runner JVM's own JIT and GC work, in the
    // same quota) take about 3.5 s, past its 3 s backstop but well within twice it, nearly all of it
    // waiting for a CPU, which the backstop does not count
    SandboxOptions o = JavaTesting.options(1, "jbtest-slow");
    JavaSandbox slow = JavaSandbox.create(vertx, new SandboxOptions(o.backend(), o.isolation(), o.warm(), 1,
        o.maxQueue(), o.recycleAfter(), 1_000, 128, 1024, o.pidsLimit(), 0.2, null, null, o.runId()));
    try {
      SandboxSpec spec = new SandboxSpec(Language.JAVA, """
          public class Main {
            public static void main(String[] args) {
              var t = java.lang.management.ManagementFactory.getThreadMXBean();
              long x = 1;
              while (t.getCurrentThreadCpuTime() < 600_000_000L) {
                for (int i = 0; i < 100_000; i++) { x = x * 6364136223846793005L + i; }
              }
              System.out.println(x != 0 ? "done" : "zero");
            }
          }
          """, null, "", 1_000, 128, 1024);
      SandboxResult r = slow.run(spec).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      assertThat(r.status()).as(r.toString()).isEqualTo(SandboxStatus.OK);
      assertThat(r.stdout()).isEqualTo("done\n");
      assertThat(r.wallMs()).as(r.toString()).isGreaterThan(3_000);
    } finally {
      slow.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSleepingProgramStopsAtTheWallClockBackstop() throws Exception {
    SandboxResult r = runWith("public class Main { public static void main(String[] a)"
        + " throws Exception { Thread.sleep(60_000); } }", 400, 1024);
    assertThat(r.status()).as(r.toString()).isEqualTo(SandboxStatus.TIMEOUT);
    assertThat(r.detail()).contains("wall-clock backstop 1200 ms");
    assertThat(r.wallMs()).isBetween(1_200L, 30_000L);
  }

  @Test
  void aProgramThatHitsBothLimitsIsMemory() throws Exception {
    // a thread runs out of heap while main spins until the CPU-time limit
    SandboxResult r = runWith("""
        import java.util.*;
        public class Main {
          public static void main(String[] args) throws Exception {
            Thread t = new Thread(() -> {
              List<long[]> hog = new ArrayList<>();
              while (true) { hog.add(new long[1 << 20]); }
            });
            t.start();
            t.join();
            long x = 0;
            while (true) { x++; }
          }
        }
        """, 1_000, 4096);
    assertThat(r.status()).as(r.toString()).isEqualTo(SandboxStatus.MEMORY);
  }

  @Test
  void memoryHogIsClassifiedAsMemory() throws Exception {
    SandboxResult r = runWith("""
        import java.util.*;
        public class Main {
          public static void main(String[] args) {
            List<long[]> hog = new ArrayList<>();
            while (true) { hog.add(new long[1 << 20]); }
          }
        }
        """, 10_000, 4096);
    assertThat(r.status()).as(r.toString()).isEqualTo(SandboxStatus.MEMORY);
    assertThat(r.stderr()).contains("OutOfMemoryError");
  }

  @Test
  void outputFloodIsCutAtTheCapAndStopped() throws Exception {
    SandboxResult r = runWith("""
        public class Main {
          public static void main(String[] args) {
            while (true) { System.out.println("flood flood flood flood"); }
          }
        }
        """, 10_000, 1000);
    assertThat(r.status()).as(r.detail()).isEqualTo(SandboxStatus.OUTPUT_LIMIT);
    assertThat(r.truncated()).isTrue();
    assertThat(r.stdout().length()).isEqualTo(1000);
    assertThat(r.wallMs()).isLessThan(10_000);
  }

  @Test
  void systemExitZeroEarlyIsReportedWithExitCodeAndNotCompleted() throws Exception {
    SandboxResult r = runWith("""
        public class Main {
          public static void main(String[] args) {
            System.out.println("one");
            System.exit(0);
            System.out.println("two");
          }
        }
        """, 5_000, 1024);
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("one\n");
    assertThat(r.detail()).contains("System.exit(0)").contains("main did not complete");
  }

  @Test
  void systemExitCaughtByTheProgramStillEndsIt() throws Exception {
    SandboxResult r = runWith("""
        public class Main {
          public static void main(String[] args) {
            try { System.exit(3); } catch (Throwable t) { System.out.println("survived"); }
            System.out.println("after");
          }
        }
        """, 5_000, 1024);
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void threadBombIsContained() throws Exception {
    SandboxResult r = runWith("""
        public class Main {
          public static void main(String[] args) throws Exception {
            for (int i = 0; i < 100000; i++) {
              Thread t = new Thread(() -> { try { Thread.sleep(60000); } catch (Exception e) {} });
              t.setDaemon(true);
              t.start();
            }
            System.out.println("all started");
          }
        }
        """, 5_000, 4096);
    assertThat(r.status()).as(r.toString()).isIn(SandboxStatus.RUNTIME_ERROR, SandboxStatus.MEMORY);
    assertThat(r.stdout()).doesNotContain("all started");
    SandboxResult next = run(sandbox, "public class Main { public static void main(String[] a) {"
        + " System.out.println(Thread.activeCount()); } }", "");
    assertThat(next.status()).isEqualTo(SandboxStatus.OK);
    assertThat(next.stdout()).isEqualTo("1\n");
  }

  @Test
  void hugeFileHitsTheWorkDirLimit() throws Exception {
    SandboxResult r = runWith("""
        import java.io.*;
        public class Main {
          public static void main(String[] args) throws Exception {
            byte[] mb = new byte[1 << 20];
            try (OutputStream o = new FileOutputStream("big.bin")) {
              for (int i = 0; i < 4096; i++) { o.write(mb); }
            }
            System.out.println("wrote 4 GiB");
          }
        }
        """, 20_000, 4096);
    assertThat(r.status()).as(r.toString()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.stderr()).contains("IOException");
    assertThat(r.stdout()).doesNotContain("wrote");
  }
}
