package dev.assay.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings derived from the shared options, the hardened container, and no engine at all. */
class DockerSettingsTest {

  @Test
  void settingsAreDerivedFromTheSharedOptionsWithTheDockerDefaults() {
    SandboxOptions shared = SandboxOptions.defaults();
    DockerSettings o = DockerSettings.from(shared);
    assertThat(o.image()).isEqualTo(SandboxOptions.DEFAULT_DOCKER_IMAGE);
    assertThat(o.poolSize()).isEqualTo(SandboxOptions.DEFAULT_POOL_SIZE);
    assertThat(o.runId()).isEqualTo(shared.runId());
    assertThat(o.recycleAfter()).isEqualTo(SandboxOptions.Defaults.DOCKER.recycleAfter);
    assertThat(o.pidsLimit()).isEqualTo(SandboxOptions.Defaults.DOCKER.pidsLimit);
    assertThat(o.dockerHost()).isNotBlank();
  }

  @Test
  void explicitValuesCarryOverAndLimitsBecomeCeilings() {
    SandboxOptions shared = SandboxOptions.defaults().withPool(3, 10, 7);
    DockerSettings o = DockerSettings.from(shared);
    assertThat(o.poolSize()).isEqualTo(3);
    assertThat(o.maxQueue()).isEqualTo(10);
    assertThat(o.recycleAfter()).isEqualTo(7);
    assertThat(o.image()).isEqualTo(shared.dockerImage());
    assertThat(o.memoryMb()).isGreaterThan(shared.memoryMb());
    assertThat(o.timeoutMs()).isGreaterThanOrEqualTo(shared.timeoutMs());
  }

  @Test
  void badValuesAreConfigErrors() {
    assertThatThrownBy(() -> DockerSettings.from(SandboxOptions.defaults().withPool(0, 1, 1)))
        .isInstanceOf(AssayException.class)
        .satisfies(e -> assertThat(((AssayException) e).kind()).isEqualTo(ErrorKind.CONFIG));
    assertThatThrownBy(() -> DockerSettings.from(SandboxOptions.defaults().withRunId("a b")))
        .isInstanceOf(AssayException.class);
  }

  @Test
  void containersAreHardenedAndLabelled() {
    DockerSettings o = DockerSettings.from(SandboxOptions.defaults());
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
        .containsEntry(DockerSettings.LABEL_SANDBOX, "true")
        .containsEntry(DockerSettings.LABEL_RUN_ID, o.runId());
  }

  @Test
  void probeSaysNoEngineWhenNothingListens(@TempDir Path tmp) {
    String host = "unix://" + tmp.resolve("no-docker.sock");
    assertThat(DockerProbe.describe(host, SandboxOptions.DEFAULT_DOCKER_IMAGE))
        .contains("no Docker engine answers");
    assertThat(DockerProbe.engineAnswers(host)).isFalse();
  }

  @Test
  void withoutAnEngineRunsFailAsSandboxInfra(@TempDir Path tmp) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      DockerSettings o = DockerSettings.from(SandboxOptions.defaults().withRunId("noengine")
          .withPool(1, 4, 10)).withHost("unix://" + tmp.resolve("no-docker.sock"));
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
