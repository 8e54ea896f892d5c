package dev.assay.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options, the hardened container settings, and the behaviour with no engine at all. */
class DockerSandboxOptionsTest {

  @Test
  void defaultsAreValidAndNamed() {
    DockerSandboxOptions o = DockerSandboxOptions.defaults();
    assertThat(o.image()).isEqualTo(DockerSandboxOptions.DEFAULT_IMAGE);
    assertThat(o.poolSize()).isEqualTo(DockerSandboxOptions.DEFAULT_POOL_SIZE);
    assertThat(o.runId()).matches("[0-9a-f]{12}");
    assertThat(o.dockerHost()).isNotBlank();
  }

  @Test
  void sharedSandboxConfigMapsOntoDockerOptions() {
    dev.assay.sandbox.SandboxOptions shared = dev.assay.sandbox.SandboxOptions.defaults()
        .withPool(3, 10, 7);
    DockerSandboxOptions o = DockerSandboxOptions.from(shared);
    assertThat(o.runId()).isEqualTo(shared.runId());
    assertThat(o.poolSize()).isEqualTo(3);
    assertThat(o.recycleAfter()).isEqualTo(7);
    assertThat(o.image()).isEqualTo(shared.dockerImage());
    assertThat(o.memoryMb()).isGreaterThan(shared.memoryMb());
    assertThat(o.timeoutMs()).isGreaterThanOrEqualTo(shared.timeoutMs());
  }

  @Test
  void badValuesAreConfigErrors() {
    assertThatThrownBy(() -> DockerSandboxOptions.defaults().withPoolSize(0))
        .isInstanceOf(AssayException.class)
        .satisfies(e -> assertThat(((AssayException) e).kind()).isEqualTo(ErrorKind.CONFIG));
    assertThatThrownBy(() -> DockerSandboxOptions.defaults().withRunId("a b"))
        .isInstanceOf(AssayException.class);
  }

  @Test
  void containersAreHardenedAndLabelled() {
    DockerSandboxOptions o = DockerSandboxOptions.defaults();
    HostConfig h = ContainerSpec.hostConfig(o);
    assertThat(h.getNetworkMode()).isEqualTo("none");
    assertThat(h.getMemory()).isEqualTo(o.memoryMb() * 1024L * 1024L);
    assertThat(h.getMemorySwap()).isEqualTo(h.getMemory());
    assertThat(h.getPidsLimit()).isEqualTo((long) o.pidsLimit());
    assertThat(h.getCpuQuota()).isEqualTo(100_000L);
    assertThat(h.getReadonlyRootfs()).isTrue();
    assertThat(h.getTmpFs()).containsKey("/tmp");
    assertThat(h.getCapDrop()).containsExactly(Capability.ALL);
    assertThat(h.getSecurityOpts()).contains("no-new-privileges");
    assertThat(ContainerSpec.USER).startsWith("65534");
    assertThat(ContainerSpec.labels(o))
        .containsEntry(DockerSandboxOptions.LABEL_SANDBOX, "true")
        .containsEntry(DockerSandboxOptions.LABEL_RUN_ID, o.runId());
  }

  @Test
  void probeSaysNoEngineWhenNothingListens(@TempDir Path tmp) {
    String host = "unix://" + tmp.resolve("no-docker.sock");
    assertThat(DockerProbe.describe(host, "assay-sandbox:1")).contains("no Docker engine answers");
    assertThat(DockerProbe.engineAnswers(host)).isFalse();
  }

  @Test
  void withoutAnEngineRunsFailAsSandboxInfra(@TempDir Path tmp) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      DockerSandboxOptions o = new DockerSandboxOptions("assay-sandbox:1", "noengine", 1, 256, 64, 1,
          5_000, 65_536, 10, "unix://" + tmp.resolve("no-docker.sock"), 2_000);
      Sandbox s = DockerSandbox.create(vertx, o);
      assertThatThrownBy(() -> s.run(SandboxSpec.python("print(1)"))
              .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(AssayException.class).hasMessageContaining("no Docker engine answers");
      s.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
