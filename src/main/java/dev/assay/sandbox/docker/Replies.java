package dev.assay.sandbox.docker;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.json.JsonObject;

/** Pure translation between specs, runner frames and results; no Docker, no I/O. */
final class Replies {
  /** File size limit for a run (also bounded by the 64 MB tmpfs). */
  static final int FSIZE_MB = 16;
  /** How long past a run's own timeout the runner may take to kill, sweep and answer. */
  static final long GRACE_MS = 5_000;

  private Replies() {}

  /** The runner request for a spec, with the spec's limits clamped to the backend's ceilings. */
  static JsonObject request(SandboxSpec spec, DockerSandboxOptions o) {
    long timeout = effectiveTimeoutMs(spec, o);
    return new JsonObject()
        .put("language", spec.language().wire())
        .put("source", spec.source() == null ? "" : spec.source())
        .put("files", new JsonObject(new java.util.LinkedHashMap<>(spec.files())))
        .put("stdin", spec.stdin())
        .put("timeout_ms", timeout)
        .put("output_cap", Math.max(1, Math.min(spec.outputCapBytes(), o.outputCapBytes())))
        .put("memory_mb", Math.max(16, Math.min(spec.memoryMb(), o.memoryMb())))
        .put("cpu_s", timeout / 1000 + 1)
        .put("fsize_mb", FSIZE_MB);
  }

  static long effectiveTimeoutMs(SandboxSpec spec, DockerSandboxOptions o) {
    return Math.max(1, Math.min(spec.timeoutMs(), o.timeoutMs()));
  }

  /** How long the host waits for a reply before it declares the runner unresponsive. */
  static long waitMs(SandboxSpec spec, DockerSandboxOptions o) {
    return effectiveTimeoutMs(spec, o) + GRACE_MS;
  }

  /** Classifies one runner reply; {@code where} names the container for the detail. */
  static SandboxResult toResult(JsonObject r, String where) {
    long wall = r.getLong("wall_ms", 0L);
    if (r.containsKey("runner_error")) {
      return SandboxResult.error("docker runner " + where + ": " + r.getString("runner_error"), wall);
    }
    int exit = r.getInteger("exit_code", -1);
    int signal = r.getInteger("signal", 0);
    SandboxStatus status;
    String detail;
    if (r.getBoolean("timed_out", false) || r.getBoolean("cpu_limit", false)) {
      status = SandboxStatus.TIMEOUT;
      detail = r.getBoolean("cpu_limit", false) ? "CPU time limit" : "wall time limit";
    } else if (r.getBoolean("output_limit", false)) {
      status = SandboxStatus.OUTPUT_LIMIT;
      detail = "output over the cap, program killed";
    } else if (r.getBoolean("compile_error", false)) {
      status = SandboxStatus.COMPILE_ERROR;
      detail = "does not compile";
    } else if (r.getBoolean("memory_error", false)) {
      status = SandboxStatus.MEMORY;
      detail = "memory limit";
    } else if (signal == 9) {
      status = SandboxStatus.MEMORY;
      detail = "killed by SIGKILL (container memory limit)";
    } else if (exit == 0 && signal == 0) {
      status = SandboxStatus.OK;
      detail = "";
    } else {
      status = SandboxStatus.RUNTIME_ERROR;
      detail = r.getBoolean("file_too_large", false) ? "file size limit"
          : signal != 0 ? "killed by signal " + signal : "exit code " + exit;
    }
    int leftover = r.getInteger("leftover_killed", 0);
    if (leftover > 0) {
      detail = (detail.isEmpty() ? "" : detail + "; ") + leftover + " leftover process(es) killed";
    }
    return new SandboxResult(
        status, signal != 0 ? -1 : exit, r.getString("stdout", ""), r.getString("stderr", ""),
        r.getBoolean("truncated", false), wall, r.getLong("cpu_ms", -1L),
        r.getLong("maxrss_kb", -1L), "docker " + where + (detail.isEmpty() ? "" : ": " + detail));
  }

  /** The result of a run whose runner had to be killed through the API. */
  static SandboxResult unresponsive(long wallMs, String where) {
    return new SandboxResult(SandboxStatus.TIMEOUT, -1, "", "", false, wallMs, -1, -1,
        "docker " + where + ": runner unresponsive past the timeout, container killed");
  }

  /** The result of a run during which the whole container was OOM-killed. */
  static SandboxResult containerOom(long wallMs, String where) {
    return new SandboxResult(SandboxStatus.MEMORY, -1, "", "", false, wallMs, -1, -1,
        "docker " + where + ": container killed by the OOM killer");
  }
}
