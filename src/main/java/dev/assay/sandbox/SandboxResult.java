package dev.assay.sandbox;

import io.vertx.core.json.JsonObject;

/**
 * How one sandboxed run ended.
 *
 * @param status the classification
 * @param exitCode the process exit code (-1 when killed or never started)
 * @param stdout captured standard output, capped
 * @param stderr captured standard error, capped
 * @param truncated whether stdout or stderr was cut at the cap
 * @param wallMs wall time of the run
 * @param cpuMs CPU time of the run where known, else -1
 * @param peakMemoryKb peak memory where known, else -1
 * @param detail a short human explanation (which limit hit, which isolation), may be ""
 */
public record SandboxResult(
    SandboxStatus status,
    int exitCode,
    String stdout,
    String stderr,
    boolean truncated,
    long wallMs,
    long cpuMs,
    long peakMemoryKb,
    String detail) {

  public SandboxResult {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
    detail = detail == null ? "" : detail;
  }

  public boolean ok() {
    return status == SandboxStatus.OK;
  }

  public static SandboxResult error(String detail, long wallMs) {
    return new SandboxResult(SandboxStatus.SANDBOX_ERROR, -1, "", "", false, wallMs, -1, -1, detail);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("status", status.wire())
        .put("exit_code", exitCode)
        .put("stdout", stdout)
        .put("stderr", stderr)
        .put("truncated", truncated)
        .put("wall_ms", wallMs)
        .put("cpu_ms", cpuMs)
        .put("peak_memory_kb", peakMemoryKb)
        .put("detail", detail);
  }

  public static SandboxResult fromJson(JsonObject j) {
    return new SandboxResult(
        SandboxStatus.parse(j.getString("status")),
        j.getInteger("exit_code", -1),
        j.getString("stdout", ""),
        j.getString("stderr", ""),
        j.getBoolean("truncated", false),
        j.getLong("wall_ms", 0L),
        j.getLong("cpu_ms", -1L),
        j.getLong("peak_memory_kb", -1L),
        j.getString("detail", ""));
  }
}
