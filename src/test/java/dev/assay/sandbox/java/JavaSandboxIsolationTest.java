package dev.assay.sandbox.java;

import static dev.assay.sandbox.java.JavaSandboxTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.Language;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Nothing one run does survives into another run or changes its verdict. */
@Tag("e2e")
class JavaSandboxIsolationTest {
  private static Vertx vertx;
  private static JavaSandbox sandbox;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    sandbox = JavaSandbox.create(vertx, JavaTesting.options(1, "jbtest-isolation"));
  }

  @AfterAll
  static void stop() throws Exception {
    sandbox.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void staticStateStartsFreshInEveryRunOfTheSameRunner() throws Exception {
    String src = """
        public class Main {
          static int counter;
          public static void main(String[] args) {
            counter++;
            System.out.println(counter);
          }
        }
        """;
    SandboxResult first = run(sandbox, src, "");
    SandboxResult second = run(sandbox, src, "");
    assertThat(first.stdout()).isEqualTo("1\n");
    assertThat(first.detail()).doesNotContain("replaced");
    assertThat(second.stdout()).isEqualTo("1\n");
  }

  @Test
  void systemPropertiesCannotBeChangedForLaterRuns() throws Exception {
    SandboxResult first = run(sandbox, """
        public class Main {
          public static void main(String[] args) {
            try { System.setProperty("assay.leak", "yes"); System.out.println("set"); }
            catch (SecurityException e) { System.out.println("refused"); }
            try { java.util.Locale.setDefault(java.util.Locale.GERMANY); }
            catch (SecurityException e) { System.out.println("locale refused"); }
          }
        }
        """, "");
    assertThat(first.stdout()).isEqualTo("refused\nlocale refused\n");
    SandboxResult second = run(sandbox, """
        public class Main {
          public static void main(String[] args) {
            System.out.println(System.getProperty("assay.leak") + " " + String.format("%.1f", 1.5));
          }
        }
        """, "");
    assertThat(second.stdout()).isEqualTo("null 1.5\n");
  }

  @Test
  void leftoverThreadGetsTheRunnerReplacedAndNeverReachesTheNextRun() throws Exception {
    SandboxResult first = run(sandbox, """
        public class Main {
          public static void main(String[] args) {
            Thread t = new Thread(() -> { while (true) { System.out.println("LEAK"); } });
            t.setDaemon(true);
            t.start();
            System.out.println("main done");
          }
        }
        """, "");
    assertThat(first.detail()).contains("runner replaced");
    SandboxSpec tight = new SandboxSpec(Language.JAVA, """
        public class Main {
          public static void main(String[] args) {
            long s = 0;
            for (int i = 0; i < 1000; i++) { s += i; }
            System.out.println(s);
          }
        }
        """, null, "", 2_000, dev.assay.sandbox.SandboxSpec.DEFAULT_MEMORY_MB, 4096);
    SandboxResult second =
        sandbox.run(tight).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    assertThat(second.status()).isEqualTo(SandboxStatus.OK);
    assertThat(second.stdout()).isEqualTo("499500\n");
  }

  @Test
  void replacingSystemOutIsRefused() throws Exception {
    SandboxResult r = run(sandbox, """
        import java.io.*;
        public class Main {
          public static void main(String[] args) {
            System.setOut(new PrintStream(new ByteArrayOutputStream()));
          }
        }
        """, "");
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.stderr()).contains("access denied").contains("setIO");
    SandboxResult next = run(sandbox, "public class Main { public static void main(String[] a) {"
        + " System.out.print(\"visible\"); } }", "");
    assertThat(next.stdout()).isEqualTo("visible");
  }

  @Test
  void finalizerGetsTheRunnerReplaced() throws Exception {
    SandboxResult r = run(sandbox, """
        public class Main {
          @Override protected void finalize() { while (true) { } }
          public static void main(String[] args) { new Main(); System.out.println("ok"); }
        }
        """, "");
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.detail()).contains("runner replaced").contains("finalize");
  }

  @Test
  void parallelStreamsWorkAndKeepTheRunnerClean() throws Exception {
    SandboxResult r = run(sandbox, """
        import java.util.stream.*;
        public class Main {
          public static void main(String[] args) {
            System.out.println(LongStream.rangeClosed(1, 100000).parallel().sum());
          }
        }
        """, "");
    assertThat(r.status()).as(r.toString()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).isEqualTo("5000050000\n");
    assertThat(r.detail()).doesNotContain("replaced");
  }

  @Test
  void concurrentRunsOnTwoRunnersNeverMixOutput() throws Exception {
    JavaSandbox two = JavaSandbox.create(vertx, JavaTesting.options(2, "jbtest-concurrent"));
    try {
      List<Future<SandboxResult>> all = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String src = "public class Main { public static void main(String[] a) throws Exception {"
            + " for (int k = 0; k < 50; k++) { System.out.print(\"" + i + ",\"); Thread.yield(); }"
            + " } }";
        all.add(two.run(two.spec(src, "")));
      }
      for (int i = 0; i < all.size(); i++) {
        SandboxResult r = all.get(i).toCompletionStage().toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(SandboxStatus.OK);
        assertThat(r.stdout()).isEqualTo((i + ",").repeat(50));
      }
    } finally {
      two.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void workDirHoldsTheSpecFilesAndIsEmptiedBetweenRuns() throws Exception {
    SandboxSpec first = new SandboxSpec(Language.JAVA, """
        import java.nio.file.*;
        public class Main {
          public static void main(String[] args) throws Exception {
            System.out.println(Files.readString(Path.of("data/input.txt")).trim());
            Files.writeString(Path.of("left-behind.txt"), "from run one");
          }
        }
        """, java.util.Map.of("data/input.txt", "7 8\n"), "", 5_000,
        dev.assay.sandbox.SandboxSpec.DEFAULT_MEMORY_MB, 4096);
    SandboxResult r = sandbox.run(first).toCompletionStage().toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
    assertThat(r.stdout()).as(r.toString()).isEqualTo("7 8\n");
    SandboxResult second = run(sandbox, """
        import java.io.File;
        public class Main {
          public static void main(String[] args) {
            System.out.println(new File("left-behind.txt").exists() + " "
                + new File("data/input.txt").exists());
          }
        }
        """, "");
    assertThat(second.stdout()).isEqualTo("false false\n");
  }
}
