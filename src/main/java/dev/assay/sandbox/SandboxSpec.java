package dev.assay.sandbox;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One program to run in isolation.
 *
 * @param language the language of {@code source}
 * @param source the main program (Python module or Java compilation unit)
 * @param files extra files placed beside the program in its fresh work dir (name to content)
 * @param stdin what the program reads on standard input ("" for nothing)
 * @param timeoutMs time limit, in CPU time of the program's whole process tree (so a busy
 *     machine does not turn a passing program into a timeout); a wall-clock backstop of
 *     {@link #WALL_BACKSTOP_FACTOR} times it stops programs that sleep or block
 * @param memoryMb memory limit
 * @param outputCapBytes cap on each of stdout and stderr; more is cut and flagged
 */
public record SandboxSpec(
    Language language,
    String source,
    Map<String, String> files,
    String stdin,
    long timeoutMs,
    int memoryMb,
    int outputCapBytes) {

  public static final long DEFAULT_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_MEMORY_MB = 256;
  public static final int DEFAULT_OUTPUT_CAP_BYTES = 64 * 1024;
  /**
   * The wall-clock backstop of a run is this many times its CPU-time limit: high enough that a
   * CPU-bound program starved to a third of a core still reaches its CPU limit first.
   */
  public static final int WALL_BACKSTOP_FACTOR = 3;

  public SandboxSpec {
    files = files == null ? Map.of() : Map.copyOf(files);
    stdin = stdin == null ? "" : stdin;
  }

  public static SandboxSpec python(String source) {
    return new SandboxSpec(
        Language.PYTHON, source, Map.of(), "", DEFAULT_TIMEOUT_MS, DEFAULT_MEMORY_MB,
        DEFAULT_OUTPUT_CAP_BYTES);
  }

  /** The wall-clock backstop of this run: {@link #WALL_BACKSTOP_FACTOR} times its CPU limit. */
  public long wallBackstopMs() {
    return timeoutMs * WALL_BACKSTOP_FACTOR;
  }

  /**
   * The longest a run may take end to end: its backstop twice (a timeout on a contended machine
   * is run once more) plus time to start a runner and compile.
   */
  public long worstCaseMs() {
    return 2 * wallBackstopMs() + 30_000;
  }

  public SandboxSpec withLimits(long timeoutMs, int memoryMb) {
    return new SandboxSpec(language, source, files, stdin, timeoutMs, memoryMb, outputCapBytes);
  }

  public SandboxSpec withStdin(String in) {
    return new SandboxSpec(language, source, files, in, timeoutMs, memoryMb, outputCapBytes);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("language", language.wire())
        .put("source", source)
        .put("files", new JsonObject(Map.copyOf(files)))
        .put("stdin", stdin)
        .put("timeout_ms", timeoutMs)
        .put("memory_mb", memoryMb)
        .put("output_cap_bytes", outputCapBytes);
  }

  public static SandboxSpec fromJson(JsonObject j) {
    JsonObject f = j.getJsonObject("files", new JsonObject());
    java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
    f.forEach(e -> files.put(e.getKey(), String.valueOf(e.getValue())));
    return new SandboxSpec(
        Language.parse(j.getString("language")),
        j.getString("source"),
        files,
        j.getString("stdin", ""),
        j.getLong("timeout_ms", DEFAULT_TIMEOUT_MS),
        j.getInteger("memory_mb", DEFAULT_MEMORY_MB),
        j.getInteger("output_cap_bytes", DEFAULT_OUTPUT_CAP_BYTES));
  }
}
