package dev.assay.sandbox.docker;

import static dev.assay.sandbox.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.Language;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Basic behaviour of the docker backend: ok, errors, timeout, Java, recycling, clean-up. */
@Tag("docker")
class DockerSandboxTest {
  private static Vertx vertx;
  private static DockerSandbox sandbox;
  private static dev.assay.sandbox.SandboxOptions options;

  @BeforeAll
  static void start() throws Exception {
    DockerTestSupport.assumeEngineAndImage();
    vertx = Vertx.vertx();
    options = DockerTestSupport.options(2, 3);
    sandbox = (DockerSandbox) await(DockerSandbox.start(vertx, options));
  }

  @AfterAll
  static void stop() throws Exception {
    if (sandbox != null) {
      await(sandbox.close());
      assertThat(DockerTestSupport.containersLabelled(DockerSettings.LABEL_RUN_ID, options.runId()))
          .as("containers of run %s after close", options.runId()).isEmpty();
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @Test
  void printsAndExitsZeroIsOk() throws Exception {
    SandboxResult r = await(sandbox.run(SandboxSpec.python("import math\nprint(math.factorial(10))")));
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).isEqualTo("3628800\n");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void readsStdinAndSeesItsFiles() throws Exception {
    SandboxSpec spec = new SandboxSpec(Language.PYTHON,
        "import helper\nprint(helper.twice(int(input())))", Map.of("helper.py", "def twice(x): return 2*x\n"),
        "21\n", 5_000, 256, 65_536);
    SandboxResult r = await(sandbox.run(spec));
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).isEqualTo("42\n");
  }

  @Test
  void exceptionIsRuntimeErrorWithTraceback() throws Exception {
    SandboxResult r = await(sandbox.run(SandboxSpec.python("assert 1 == 2, 'nope'")));
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("AssertionError: nope");
  }

  @Test
  void syntaxErrorIsCompileError() throws Exception {
    SandboxResult r = await(sandbox.run(SandboxSpec.python("def f(:\n  pass")));
    assertThat(r.status()).isEqualTo(SandboxStatus.COMPILE_ERROR);
    assertThat(r.stderr()).contains("SyntaxError");
  }

  @Test
  void infiniteLoopTimesOutAndTheRunnerServesTheNextRun() throws Exception {
    SandboxResult r = await(sandbox.run(SandboxSpec.python("while True: pass").withLimits(1_000, 256)));
    assertThat(r.status()).isEqualTo(SandboxStatus.TIMEOUT);
    assertThat(r.wallMs()).isBetween(900L, 4_000L);
    assertThat(await(sandbox.run(SandboxSpec.python("print('after')"))).stdout()).isEqualTo("after\n");
  }

  @Test
  void javaProgramRunsAndJavaCompileErrorIsClassified() throws Exception {
    SandboxSpec ok = new SandboxSpec(Language.JAVA,
        "public class Main { public static void main(String[] a) { System.out.println(6 * 7); } }",
        Map.of(), "", 20_000, 256, 65_536);
    SandboxResult r = await(sandbox.run(ok));
    assertThat(r.status()).as(r.stderr()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).isEqualTo("42\n");
    SandboxSpec bad = new SandboxSpec(Language.JAVA, "public class Main { int x = ; }",
        Map.of(), "", 20_000, 256, 65_536);
    assertThat(await(sandbox.run(bad)).status()).isEqualTo(SandboxStatus.COMPILE_ERROR);
  }

  @Test
  void runnersAreRecycledAfterTheConfiguredNumberOfRuns() throws Exception {
    int before = sandbox.stats().contains("started=") ? startedOf(sandbox.stats()) : 0;
    for (int i = 0; i < 8; i++) {
      assertThat(await(sandbox.run(SandboxSpec.python("print(" + i + ")"))).stdout()).isEqualTo(i + "\n");
    }
    assertThat(startedOf(sandbox.stats())).as(sandbox.stats()).isGreaterThanOrEqualTo(before + 2);
  }

  @Test
  void parallelRunsQueueForThePoolAndEachGetsItsOwnAnswer() throws Exception {
    java.util.List<io.vertx.core.Future<SandboxResult>> all = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      all.add(sandbox.run(SandboxSpec.python("import time\ntime.sleep(0.01)\nprint(" + i + " * 3)")));
    }
    await(io.vertx.core.Future.all(all));
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).result().stdout()).isEqualTo((i * 3) + "\n");
    }
  }

  @Test
  void probeSaysTheEngineAnswersAndTheImageIsPresent() {
    assertThat(DockerProbe.describe()).contains("engine").contains(dev.assay.sandbox.SandboxOptions.DEFAULT_DOCKER_IMAGE + " present");
  }

  @Test
  void programCanReadItsOwnProcFilesButNotTheRunners() throws Exception {
    SandboxResult r = await(sandbox.run(SandboxSpec.python("""
        import os
        print(len(os.listdir('/proc/self/fd')) > 0, os.getppid())
        try:
            os.listdir('/proc/1/fd')
            print('runner fds readable')
        except OSError:
            print('runner fds hidden')
        """)));
    assertThat(r.stdout()).as(r.stderr()).isEqualTo("True 1\nrunner fds hidden\n");
  }

  @Test
  void describeNamesTheImage() {
    assertThat(sandbox.describe()).startsWith("docker/").contains(dev.assay.sandbox.SandboxOptions.DEFAULT_DOCKER_IMAGE);
  }

  private static int startedOf(String stats) {
    return Integer.parseInt(stats.replaceAll(".*started=(\\d+).*", "$1"));
  }
}
