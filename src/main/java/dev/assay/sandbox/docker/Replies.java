package dev.assay.sandbox.docker;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import dev.assay.sandbox.outcome.PyProtocol;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The docker side of the runner protocol: a spec's limits clamped to the container's ceilings,
 * and the replies classified by {@link PyProtocol} (as the process backend does), where a
 * SIGKILL the runner did not send is the container's OOM killer. Pure: no Docker, no I/O.
 */
final class Replies {
  /** File size limit for a run (also bounded by the 64 MB tmpfs). */
  static final int FSIZE_MB = 16;

  private Replies() {}

  /** The runner request for a spec, with the spec's limits clamped to the backend's ceilings. */
  static JsonObject request(SandboxSpec spec, DockerSettings o) {
    return PyProtocol.request(spec, effectiveTimeoutMs(spec, o),
        Math.max(16, Math.min(spec.memoryMb(), o.memoryMb())),
        Math.max(1, Math.min(spec.outputCapBytes(), o.outputCapBytes())), FSIZE_MB, o.cpus());
  }

  /** The run's CPU-time limit: the spec's, at most the backend's ceiling. */
  static long effectiveTimeoutMs(SandboxSpec spec, DockerSettings o) {
    return Math.max(1, Math.min(spec.timeoutMs(), o.timeoutMs()));
  }

  /** How long the host waits for a reply before it declares the runner unresponsive. */
  static long waitMs(SandboxSpec spec, DockerSettings o) {
    return PyProtocol.waitMs(spec, effectiveTimeoutMs(spec, o));
  }

  /** Classifies one runner reply; {@code where} names the container for the detail. */
  static SandboxResult toResult(JsonObject r, String where) {
    boolean killedByOom = r.getInteger("signal", 0) == 9 && !PyProtocol.stoppedByRunner(r);
    return PyProtocol.result(r, killedByOom ? "memory limit: killed by SIGKILL (container OOM)"
        : null, List.of("docker " + where));
  }

  /**
   * The result of a run whose runner had to be killed through the API: no verdict. The runner
   * enforces the program's limits itself and answers within its backstop, so a runner that does
   * not answer failed (a frozen container, a stalled engine), not the program.
   */
  static SandboxResult unresponsive(long wallMs, String where) {
    return SandboxResult.error("docker " + where
        + ": runner unresponsive past the wall-clock backstop, container killed", wallMs);
  }

  /** The result of a run during which the whole container was OOM-killed. */
  static SandboxResult containerOom(long wallMs, String where) {
    return new SandboxResult(SandboxStatus.MEMORY, -1, "", "", false, wallMs, -1, -1,
        "docker " + where + ": container killed by the OOM killer");
  }
}
