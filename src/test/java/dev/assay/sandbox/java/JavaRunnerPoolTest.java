package dev.assay.sandbox.java;

import static dev.assay.sandbox.java.JavaSandboxTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.Language;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pool's life cycle: recycling, replacing dead runners, one-off runners, cleanup. */
@Tag("e2e")
class JavaRunnerPoolTest {
  private static final String HELLO =
      "public class Main { public static void main(String[] a) { System.out.println(\"hi\"); } }";
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void close(JavaSandbox sb) throws Exception {
    sb.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void runnersAreRecycledAfterTheConfiguredNumberOfRuns() throws Exception {
    JavaSandbox sb = JavaSandbox.create(vertx, JavaSettings.from(JavaTesting.options(1, "jbtest-recycle")
        .withPool(1, 8, 2)).withWarmJavac(false));
    try {
      for (int i = 0; i < 5; i++) {
        assertThat(run(sb, HELLO, "").stdout()).isEqualTo("hi\n");
      }
      assertThat(sb.runnersStarted()).isEqualTo(3);
    } finally {
      close(sb);
    }
  }

  @Test
  void aRunnerKilledFromOutsideIsReplaced() throws Exception {
    JavaSandbox sb = JavaSandbox.create(vertx,
        JavaSettings.from(JavaTesting.options(1, "jbtest-killed")).withWarmJavac(false));
    Path tree = Path.of("/sys/fs/cgroup/pids", sb.cgroupName());
    try {
      assertThat(run(sb, HELLO, "").stdout()).isEqualTo("hi\n");
      Assumptions.assumeTrue(Files.isDirectory(tree), "needs writable cgroup v1 to find the runner");
      List<Path> groups = runnerCgroups(tree);
      assertThat(groups).hasSize(1);
      for (String pid : Files.readAllLines(groups.get(0).resolve("cgroup.procs"))) {
        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
      }
      Thread.sleep(200);
      SandboxResult r = run(sb, HELLO, "");
      assertThat(r.status()).as(r.toString()).isEqualTo(SandboxStatus.OK);
      assertThat(sb.runnersStarted()).isEqualTo(2);
    } finally {
      close(sb);
    }
    assertThat(tree).as("cgroups removed on close").doesNotExist();
  }

  @Test
  void aSpecWithAnotherMemoryLimitGetsItsOwnRunnerAndThatLimit() throws Exception {
    JavaSandbox sb = JavaSandbox.create(vertx,
        JavaTesting.options(1, "jbtest-oneoff").withBackend("java", "bwrap"));
    try {
      String hog = "public class Main { public static void main(String[] a) {"
          + " byte[] b = new byte[200 * 1024 * 1024]; System.out.println(b.length); } }";
      SandboxSpec small = new SandboxSpec(Language.JAVA, hog, null, "", 10_000, 64, 4096);
      SandboxSpec big = new SandboxSpec(Language.JAVA, hog, null, "", 10_000, 512, 4096);
      SandboxResult r1 = sb.run(small).toCompletionStage().toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
      SandboxResult r2 = sb.run(big).toCompletionStage().toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
      assertThat(r1.status()).as(r1.toString()).isEqualTo(SandboxStatus.MEMORY);
      assertThat(r2.status()).as(r2.toString()).isEqualTo(SandboxStatus.OK);
      assertThat(r2.stdout()).isEqualTo("209715200\n");
    } finally {
      close(sb);
    }
  }

  @Test
  void isolationNoneStillRunsAndStillGuardsTheProgram() throws Exception {
    JavaSandbox sb = JavaSandbox.create(vertx, JavaSettings.from(JavaTesting.options(1, "jbtest-none")
        .withBackend("java", "none")).withWarmJavac(false));
    try {
      assertThat(sb.describe()).startsWith("java/none");
      SandboxResult r = run(sb, """
          import java.nio.file.*;
          public class Main {
            public static void main(String[] args) throws Exception {
              Files.writeString(Path.of("mine.txt"), "ok");
              System.out.println(Files.readString(Path.of("mine.txt")));
              try { System.getenv("PATH"); }
              catch (SecurityException e) { System.out.println("no env"); }
            }
          }
          """, "");
      assertThat(r.stdout()).as(r.toString()).isEqualTo("ok\nno env\n");
    } finally {
      close(sb);
    }
  }

  private static List<Path> runnerCgroups(Path tree) throws Exception {
    try (Stream<Path> s = Files.list(tree)) {
      return s.filter(Files::isDirectory).toList();
    }
  }
}
