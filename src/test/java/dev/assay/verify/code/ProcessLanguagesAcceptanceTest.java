package dev.assay.verify.code;

import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.Sandboxes;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** {@link LanguagesAcceptance} on the process backend (bubblewrap, the host's compilers). */
@Tag("e2e")
class ProcessLanguagesAcceptanceTest extends LanguagesAcceptance {
  Vertx vertx;
  Sandbox sandbox;

  @BeforeAll
  void up() throws Exception {
    vertx = Vertx.vertx();
    sandbox = Sandboxes.create(vertx, SandboxOptions.defaults());
    submitAll();
  }

  @AfterAll
  void down() throws Exception {
    Fixtures.await(sandbox.close());
    Fixtures.await(vertx.close());
  }

  @Override
  protected Sandbox sandbox() {
    return sandbox;
  }
}
