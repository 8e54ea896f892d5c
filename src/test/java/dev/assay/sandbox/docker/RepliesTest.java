package dev.assay.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.sandbox.Language;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepliesTest {
  private static final DockerSettings OPTIONS =
      DockerSettings.from(dev.assay.sandbox.SandboxOptions.defaults());

  private static JsonObject reply() {
    return new JsonObject().put("exit_code", 0).put("signal", 0).put("stdout", "out")
        .put("stderr", "").put("wall_ms", 12).put("cpu_ms", 9).put("maxrss_kb", 15000)
        .put("clean", true);
  }

  @Test
  void requestClampsTheSpecToTheBackendCeilings() {
    SandboxSpec spec = new SandboxSpec(Language.JAVA, "class Main {}", Map.of("a.txt", "x"), "in",
        10 * 60_000, 100_000, 100 * 1024 * 1024);
    JsonObject req = Replies.request(spec, OPTIONS);
    assertThat(req.getString("language")).isEqualTo("java");
    assertThat(req.getLong("timeout_ms")).isEqualTo(OPTIONS.timeoutMs());
    assertThat(req.getInteger("memory_mb")).isEqualTo(OPTIONS.memoryMb());
    assertThat(req.getInteger("output_cap")).isEqualTo(OPTIONS.outputCapBytes());
    assertThat(req.getJsonObject("files").getString("a.txt")).isEqualTo("x");
    assertThat(Replies.waitMs(spec, OPTIONS)).isGreaterThan(OPTIONS.timeoutMs());
  }

  @Test
  void cleanExitIsOkWithMeasurements() {
    SandboxResult r = Replies.toResult(reply(), "c1");
    assertThat(r.status()).isEqualTo(SandboxStatus.OK);
    assertThat(r.stdout()).isEqualTo("out");
    assertThat(r.cpuMs()).isEqualTo(9);
    assertThat(r.peakMemoryKb()).isEqualTo(15000);
  }

  @Test
  void eachFlagMapsToItsStatus() {
    assertThat(Replies.toResult(reply().put("timed_out", true).put("signal", 9), "c").status())
        .isEqualTo(SandboxStatus.TIMEOUT);
    assertThat(Replies.toResult(reply().put("cpu_limit", true).put("signal", 24), "c").status())
        .isEqualTo(SandboxStatus.TIMEOUT);
    assertThat(Replies.toResult(reply().put("output_limit", true).put("signal", 9), "c").status())
        .isEqualTo(SandboxStatus.OUTPUT_LIMIT);
    assertThat(Replies.toResult(reply().put("compile_error", true).put("exit_code", 1), "c").status())
        .isEqualTo(SandboxStatus.COMPILE_ERROR);
    assertThat(Replies.toResult(reply().put("memory_error", true).put("exit_code", 1), "c").status())
        .isEqualTo(SandboxStatus.MEMORY);
    assertThat(Replies.toResult(reply().put("exit_code", 2), "c").status())
        .isEqualTo(SandboxStatus.RUNTIME_ERROR);
  }

  @Test
  void aSignalledProgramHasExitCodeMinusOneAndSaysWhy() {
    SandboxResult r = Replies.toResult(reply().put("exit_code", -1).put("signal", 25).put("file_too_large", true), "c");
    assertThat(r.status()).isEqualTo(SandboxStatus.RUNTIME_ERROR);
    assertThat(r.exitCode()).isEqualTo(-1);
    assertThat(r.detail()).contains("file size limit");
  }

  @Test
  void runnerErrorIsASandboxErrorNotTheCandidates() {
    SandboxResult r = Replies.toResult(new JsonObject().put("runner_error", "ValueError: escapes"), "c");
    assertThat(r.status()).isEqualTo(SandboxStatus.SANDBOX_ERROR);
    assertThat(r.detail()).contains("escapes");
  }

  @Test
  void leftoverProcessesAreMentioned() {
    assertThat(Replies.toResult(reply().put("leftover_killed", 3), "c").detail())
        .contains("3 leftover process(es) killed");
  }
}
