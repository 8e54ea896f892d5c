package dev.assay.sandbox.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxStatus;
import dev.assay.sandbox.outcome.Verdicts.Evidence;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one precedence every backend classifies by; memory wins over time. */
class VerdictsTest {
  private static Evidence e(boolean runner, boolean output, boolean memory, boolean cpu,
      boolean wall, boolean compile, int exit, int signal) {
    return new Evidence(runner, output, memory, cpu, wall, compile, exit, signal);
  }

  @Test
  void memoryEvidenceWinsOverEitherTimeLimit() {
    assertThat(Verdicts.status(e(false, false, true, true, false, false, -1, 9)))
        .isEqualTo(SandboxStatus.MEMORY);
    assertThat(Verdicts.status(e(false, false, true, false, true, false, -1, 9)))
        .isEqualTo(SandboxStatus.MEMORY);
  }

  @Test
  void theFullOrderIsRunnerOutputMemoryTimeCompileExit() {
    assertThat(Verdicts.status(e(true, true, true, true, true, true, 1, 0)))
        .isEqualTo(SandboxStatus.SANDBOX_ERROR);
    assertThat(Verdicts.status(e(false, true, true, true, true, true, 1, 0)))
        .isEqualTo(SandboxStatus.OUTPUT_LIMIT);
    assertThat(Verdicts.status(e(false, false, false, true, true, true, 1, 0)))
        .isEqualTo(SandboxStatus.TIMEOUT);
    assertThat(Verdicts.status(e(false, false, false, false, false, true, 1, 0)))
        .isEqualTo(SandboxStatus.COMPILE_ERROR);
    assertThat(Verdicts.status(e(false, false, false, false, false, false, 0, 0)))
        .isEqualTo(SandboxStatus.OK);
    assertThat(Verdicts.status(e(false, false, false, false, false, false, 0, 11)))
        .isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(Verdicts.status(e(false, false, false, false, false, false, 3, 0)))
        .isEqualTo(SandboxStatus.RUNTIME_ERROR);
  }

  @Test
  void notesNameTheLimitThatDecided() {
    Evidence cpu = e(false, false, false, true, false, false, -1, 9);
    Evidence wall = e(false, false, false, false, true, false, -1, 9);
    assertThat(Verdicts.note(cpu, Verdicts.status(cpu), 2000, 6000)).isEqualTo("CPU-time limit 2000 ms");
    assertThat(Verdicts.note(wall, Verdicts.status(wall), 2000, 6000))
        .startsWith("wall-clock backstop 6000 ms");
  }

  @Test
  void aRunnerReplyThatShowsAMemoryErrorAndTheCpuLimitIsMemory() {
    JsonObject reply = new JsonObject().put("exit_code", -1).put("signal", 9)
        .put("cpu_limit", true).put("memory_error", true).put("timeout_ms", 1000)
        .put("wall_ms", 1200).put("cpu_ms", 1001);
    SandboxResult r = PyProtocol.result(reply, null, List.of("here"));
    assertThat(r.status()).isEqualTo(SandboxStatus.MEMORY);
    assertThat(r.detail()).startsWith("memory limit").endsWith("here");
    SandboxResult oom = PyProtocol.result(reply.copy().put("memory_error", false),
        "memory limit: killed by cgroup OOM", List.of());
    assertThat(oom.status()).isEqualTo(SandboxStatus.MEMORY);
    SandboxResult time = PyProtocol.result(reply.copy().put("memory_error", false), null,
        List.of());
    assertThat(time.status()).isEqualTo(SandboxStatus.TIMEOUT);
    assertThat(time.detail()).isEqualTo("CPU-time limit 1000 ms");
  }
}
