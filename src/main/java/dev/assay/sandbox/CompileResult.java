package dev.assay.sandbox;

import io.vertx.core.json.JsonObject;

/**
 * How a program's compile (or syntax check) step ended; see {@link Language} for its limits.
 *
 * @param status {@code ok}; {@code compile_error} (the compiler rejected the program);
 *     {@code timeout}, {@code memory} or {@code output_limit} (the compile step hit that limit:
 *     the program is a {@code compile_error} whose reason is that limit)
 * @param cpuMs CPU time of the compiler's process tree
 * @param wallMs wall time of the step
 * @param peakMemoryKb the largest compiler process's peak memory, -1 when unknown
 * @param hash what was compiled: a hash of the language and the program's files
 * @param output the compiler's messages, capped
 * @param detail which limit ended it, "" otherwise
 */
public record CompileResult(SandboxStatus status, long cpuMs, long wallMs, long peakMemoryKb,
    String hash, String output, String detail) {

  public CompileResult {
    hash = hash == null ? "" : hash;
    output = output == null ? "" : output;
    detail = detail == null ? "" : detail;
  }

  public boolean ok() {
    return status == SandboxStatus.OK;
  }

  public JsonObject toJson() {
    return new JsonObject().put("status", status.wire()).put("cpu_ms", cpuMs).put("wall_ms", wallMs)
        .put("peak_memory_kb", peakMemoryKb).put("hash", hash).put("output", output).put("detail", detail);
  }

  public static CompileResult fromJson(JsonObject j) {
    return j == null ? null : new CompileResult(SandboxStatus.parse(j.getString("status")),
        j.getLong("cpu_ms", -1L), j.getLong("wall_ms", 0L), j.getLong("peak_memory_kb", -1L),
        j.getString("hash", ""), j.getString("output", ""), j.getString("detail", ""));
  }
}
