package dev.assay.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.LanguageContainment;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * {@link LanguageContainment} on docker, with one warm runner so every run lands in the
 * container the one before it used: after each hostile program no process but the runner and no
 * file in /tmp is left there.
 */
@Tag("docker")
class DockerProgramContainmentTest extends LanguageContainment {
  private static final String PROBE = """
      import os, json
      procs = sorted(int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) not in (1, os.getpid()))
      print(json.dumps({"procs": procs, "tmp": [f for f in os.listdir('/tmp') if not f.startswith('run')]}))
      """;
  Vertx vertx;
  Sandbox sandbox;
  SandboxOptions options;

  @BeforeAll
  void up() throws Exception {
    DockerTestSupport.assumeEngineAndImage();
    vertx = Vertx.vertx();
    options = DockerTestSupport.options(1);
    sandbox = DockerTestSupport.await(DockerSandbox.start(vertx, options));
  }

  @AfterAll
  void down() throws Exception {
    if (sandbox != null) {
      DockerTestSupport.await(sandbox.close());
      assertThat(DockerTestSupport.containersLabelled(DockerSettings.LABEL_RUN_ID, options.runId())).isEmpty();
    }
    if (vertx != null) {
      DockerTestSupport.await(vertx.close());
    }
  }

  @Override
  protected Sandbox sandbox() {
    return sandbox;
  }

  @Override
  protected void assertNothingLeft() throws Exception {
    SandboxResult r = DockerTestSupport.await(sandbox.run(SandboxSpec.python(PROBE)));
    assertThat(r.stdout().strip()).isEqualTo("{\"procs\": [], \"tmp\": []}");
  }
}
