package dev.assay.sandbox.docker;

import static dev.assay.sandbox.docker.DockerTestSupport.await;
import static dev.assay.sandbox.docker.DockerTestSupport.containersLabelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No container with the backend's labels outlives its sandbox, its JVM or this test run. */
@Tag("e2e")
@Tag("docker")
class DockerReaperTest {
  private static final String OWNER = Long.toString(ProcessHandle.current().pid());
  private Vertx vertx;

  @BeforeAll
  static void engine() throws Exception {
    DockerTestSupport.assumeEngineAndImage();
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  /** The proof asked for: nothing this JVM labelled is left once its sandboxes are closed. */
  @AfterAll
  static void noContainerOfThisJvmOutlivesTheTests() {
    if (DockerProbe.engineAnswers(DockerTestSupport.HOST)) {
      assertThat(containersLabelled(DockerSettings.LABEL_OWNER_PID, OWNER)).isEmpty();
    }
  }

  @Test
  void closeRemovesEveryContainerOfTheRun() throws Exception {
    dev.assay.sandbox.SandboxOptions o = DockerTestSupport.options(2);
    DockerSandbox s = (DockerSandbox) await(DockerSandbox.start(vertx, o));
    assertThat(await(s.run(SandboxSpec.python("print(1)"))).stdout()).isEqualTo("1\n");
    assertThat(containersLabelled(DockerSettings.LABEL_RUN_ID, o.runId())).hasSize(2);
    await(s.close());
    await(s.close()); // idempotent
    assertThat(containersLabelled(DockerSettings.LABEL_RUN_ID, o.runId())).isEmpty();
  }

  @Test
  void closeWhileRunsAreInFlightEndsThemAndLeavesNoContainer() throws Exception {
    dev.assay.sandbox.SandboxOptions o = DockerTestSupport.options(2);
    DockerSandbox s = (DockerSandbox) await(DockerSandbox.start(vertx, o));
    java.util.List<io.vertx.core.Future<dev.assay.sandbox.SandboxResult>> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      runs.add(s.run(SandboxSpec.python("import time\ntime.sleep(1)\nprint('done')")));
    }
    Thread.sleep(300);
    await(s.close());
    for (var f : runs) {
      try {
        await(f); // finished before the close, or ended with a result of its own
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(dev.assay.AssayException.class);
      }
    }
    assertThat(containersLabelled(DockerSettings.LABEL_RUN_ID, o.runId())).isEmpty();
    assertThatThrownBy(() -> await(s.run(SandboxSpec.python("print(1)"))))
        .hasCauseInstanceOf(dev.assay.AssayException.class);
  }

  @Test
  void startReapsOrphansOfDeadDaemonsButNotOfLiveOnes() throws Exception {
    String deadPid = Long.toString(deadPid());
    String ghost = "ghost-" + dev.assay.sandbox.SandboxOptions.newRunId();
    String sibling = "sibling-" + dev.assay.sandbox.SandboxOptions.newRunId();
    try (DockerClient docker = DockerClients.api(DockerTestSupport.HOST, Duration.ofSeconds(30))) {
      create(docker, ghost, deadPid);
      create(docker, sibling, OWNER);
      DockerSandbox s = (DockerSandbox) await(DockerSandbox.start(vertx, DockerTestSupport.options(1)));
      assertThat(containersLabelled(DockerSettings.LABEL_RUN_ID, ghost)).isEmpty();
      assertThat(containersLabelled(DockerSettings.LABEL_RUN_ID, sibling)).hasSize(1);
      await(s.close());
      assertThat(new Reaper(docker, sibling).reapRun()).isEqualTo(1);
      assertThat(new Reaper(docker, sibling).reapRun()).isZero();
    }
  }

  @Test
  void shutdownHookReapsWhenTheJvmExitsWithoutClose(@TempDir Path tmp) throws Exception {
    String runId = "hook-" + dev.assay.sandbox.SandboxOptions.newRunId();
    Path out = tmp.resolve("child.log");
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            ShutdownHookProbeMain.class.getName(), runId)
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    String log = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(log).as(log).contains("WARM " + runId);
    assertThat(containersLabelled(DockerSettings.LABEL_RUN_ID, runId)).isEmpty();
  }

  private static void create(DockerClient docker, String runId, String ownerPid) {
    docker.createContainerCmd(DockerTestSupport.IMAGE)
        .withLabels(Map.of(DockerSettings.LABEL_SANDBOX, "true",
            DockerSettings.LABEL_RUN_ID, runId,
            DockerSettings.LABEL_OWNER_PID, ownerPid))
        .exec();
  }

  private static long deadPid() {
    long pid = 4_000_000;
    while (ProcessHandle.of(pid).isPresent()) {
      pid++;
    }
    return pid;
  }
}
