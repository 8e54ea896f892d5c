package dev.assay.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.LanguageContainment;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * {@link LanguageContainment} on the process backend: after each hostile program the sandbox's
 * cgroups hold only the idle runners.
 */
@Tag("e2e")
class ProgramContainmentTest extends LanguageContainment {
  Vertx vertx;
  ProcessSandbox sb;
  int idle;

  @BeforeAll
  void up() {
    vertx = Vertx.vertx();
    sb = ProcessSandbox.create(vertx, SandboxTesting.options(2, true));
    List<Future<SandboxResult>> warm = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      warm.add(sb.run(SandboxTesting.py("print(1)")));
    }
    warm.forEach(SandboxTesting::await);
    SandboxTesting.sleep(200);
    idle = sb.processes().size();
  }

  @AfterAll
  void down() {
    SandboxTesting.await(sb.close());
    SandboxTesting.await(vertx.close());
  }

  @Override
  protected Sandbox sandbox() {
    return sb;
  }

  @Override
  protected void assertNothingLeft() {
    assertThat(SandboxTesting.strays(sb, idle)).as("processes left in the sandbox cgroups").isEmpty();
  }
}
