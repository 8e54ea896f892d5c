package dev.assay.sandbox.docker;

import static dev.assay.sandbox.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.verify.code.LanguagesAcceptance;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * {@link LanguagesAcceptance} on the docker backend: the compilers of the sandbox image
 * (Debian's g++, nodejs, golang-go, rustc); skipped, saying so, without an engine.
 */
@Tag("docker")
class DockerLanguagesAcceptanceTest extends LanguagesAcceptance {
  Vertx vertx;
  Sandbox sandbox;
  SandboxOptions options;

  @BeforeAll
  void up() throws Exception {
    DockerTestSupport.assumeEngineAndImage();
    vertx = Vertx.vertx();
    options = DockerTestSupport.options(2);
    sandbox = await(DockerSandbox.start(vertx, options));
    submitAll();
  }

  @AfterAll
  void down() throws Exception {
    if (sandbox != null) {
      await(sandbox.close());
      assertThat(DockerTestSupport.containersLabelled(DockerSettings.LABEL_RUN_ID, options.runId())).isEmpty();
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @Override
  protected Sandbox sandbox() {
    return sandbox;
  }
}
