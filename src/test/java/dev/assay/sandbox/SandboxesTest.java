package dev.assay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SandboxesTest {

  @Test
  void probeReportsWhatWorksHere() {
    JsonObject j = new JsonObject(Sandboxes.probe());
    assertThat(j.getBoolean("bwrap")).isTrue();
    assertThat(j.getBoolean("cgroup_v1_memory")).isTrue();
    assertThat(j.getString("selected")).startsWith("bwrap(uid 65534)+cgroup-v1(");
  }

  @Test
  void unknownBackendIsAConfigErrorBeforeAnythingStarts() {
    Vertx vertx = Vertx.vertx();
    try {
      assertThatThrownBy(() -> Sandboxes.create(vertx,
          SandboxOptions.defaults().withBackend("firecracker", "auto")))
          .isInstanceOf(AssayException.class)
          .satisfies(e -> assertThat(((AssayException) e).kind()).isEqualTo(ErrorKind.CONFIG))
          .hasMessageContaining("firecracker");
    } finally {
      vertx.close();
    }
  }

  @Test
  void invalidOptionsAreRejectedBeforeAnythingStarts() {
    SandboxOptions bad = SandboxOptions.defaults().withBackend("process", "chroot");
    assertThatThrownBy(bad::validate).isInstanceOf(AssayException.class)
        .hasMessageContaining("isolation");
    assertThatThrownBy(() -> SandboxOptions.defaults().withPool(0, 1, 1).validate())
        .hasMessageContaining("poolSize");
  }

  @Test
  void defaultsNameEveryField() {
    SandboxOptions d = SandboxOptions.defaults();
    assertThat(d.backend()).isEqualTo("process");
    assertThat(d.isolation()).isEqualTo("auto");
    assertThat(d.warm()).isTrue();
    assertThat(d.pythonPath()).isEqualTo("/usr/bin/python3");
    assertThat(d.runId()).matches("[0-9a-f]{12}");
    assertThat(d.validate()).isSameAs(d);
  }
}
