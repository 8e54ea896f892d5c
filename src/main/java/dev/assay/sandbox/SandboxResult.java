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
 * @param compile how the program's compile step ended, null when it had none
 * @param tests what a {@link TestPlan} did test by test, null for a single run; then the fields
 *     above describe the test that decided the status (the first that did not end ok, else the
 *     last that ran), and {@code status} is {@code compile_error} when the compile failed, that
 *     test's status when one did not end ok, else {@code ok} (whether outputs were right is in
 *     {@code tests})
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
    String detail,
    CompileResult compile,
    TestReport tests) {

  public SandboxResult {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
    detail = detail == null ? "" : detail;
  }

  /** A single run without a compile step. */
  public SandboxResult(SandboxStatus status, int exitCode, String stdout, String stderr,
      boolean truncated, long wallMs, long cpuMs, long peakMemoryKb, String detail) {
    this(status, exitCode, stdout, stderr, truncated, wallMs, cpuMs, peakMemoryKb, detail, null, null);
  }

  /** The same result with another detail (and everything else kept). */
  public SandboxResult withDetail(String d) {
    return new SandboxResult(status, exitCode, stdout, stderr, truncated, wallMs, cpuMs,
        peakMemoryKb, d, compile, tests);
  }

  /** Whether a time limit decided it: the run's, or the compile step's. */
  public boolean timedOut() {
    return status == SandboxStatus.TIMEOUT
        || status == SandboxStatus.COMPILE_ERROR && compile != null && compile.status() == SandboxStatus.TIMEOUT;
  }

  public boolean ok() {
    return status == SandboxStatus.OK;
  }

  public static SandboxResult error(String detail, long wallMs) {
    return new SandboxResult(SandboxStatus.SANDBOX_ERROR, -1, "", "", false, wallMs, -1, -1, detail);
  }

  /**
   * A run the machine starved: it reached its wall-clock backstop only because it waited for a
   * CPU (it would not have timed out on an idle machine), so it is no verdict about the program
   * but a failure of ours ({@code sandbox_error}); a backend runs it once more first.
   *
   * @param what the run it was ("the program", "test 3", ...)
   */
  public static SandboxResult starved(String what, long wallMs) {
    return error(STARVED + what + " waited for a CPU so long (the machine is overloaded) that it reached the"
        + " wall-clock limit without reaching its CPU-time limit; no verdict", wallMs);
  }

  /** Whether this is a {@link #starved} result. */
  public boolean starved() {
    return status == SandboxStatus.SANDBOX_ERROR && detail.startsWith(STARVED);
  }

  private static final String STARVED = "starved: ";

  public JsonObject toJson() {
    JsonObject j = new JsonObject()
        .put("status", status.wire())
        .put("exit_code", exitCode)
        .put("stdout", stdout)
        .put("stderr", stderr)
        .put("truncated", truncated)
        .put("wall_ms", wallMs)
        .put("cpu_ms", cpuMs)
        .put("peak_memory_kb", peakMemoryKb)
        .put("detail", detail);
    if (compile != null) {
      j.put("compile", compile.toJson());
    }
    if (tests != null) {
      j.put("tests", tests.toJson());
    }
    return j;
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
        j.getString("detail", ""),
        CompileResult.fromJson(j.getJsonObject("compile")),
        TestReport.fromJson(j.getJsonObject("tests")));
  }
}
