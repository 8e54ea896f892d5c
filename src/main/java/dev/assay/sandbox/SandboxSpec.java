package dev.assay.sandbox;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One program to run in isolation.
 *
 * @param language the language of {@code source}
 * @param source the main program (a Python module, a Java compilation unit, a C++, JavaScript,
 *     Go or Rust source file)
 * @param files extra files placed beside the program in its fresh work dir (name to content)
 * @param stdin what the program reads on standard input ("" for nothing)
 * @param timeoutMs time limit, in CPU time of the program's whole process tree (so a busy
 *     machine does not turn a passing program into a timeout); a wall-clock backstop of
 *     {@link #WALL_BACKSTOP_FACTOR} times it stops programs that sleep or block
 * @param memoryMb memory limit
 * @param outputCapBytes cap on each of stdout and stderr; more is cut and flagged
 * @param tests many stdin/stdout tests of the program in this one request (then {@code stdin}
 *     is unused and {@code timeoutMs} is the limit of each test), null for a single run
 */
public record SandboxSpec(
    Language language,
    String source,
    Map<String, String> files,
    String stdin,
    long timeoutMs,
    int memoryMb,
    int outputCapBytes,
    TestPlan tests) {

  public static final long DEFAULT_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_MEMORY_MB = 256;
  public static final int DEFAULT_OUTPUT_CAP_BYTES = 64 * 1024;
  /**
   * The wall-clock backstop of a run is this many times its CPU-time limit: high enough that a
   * CPU-bound program starved to a third of a core still reaches its CPU limit first.
   */
  public static final int WALL_BACKSTOP_FACTOR = 3;
  /**
   * The backstop counts only the wall time a run was not waiting for a CPU (so a loaded machine
   * does not turn a slow CPU-bound program into a timeout), but stops it at this many times the
   * backstop in wall time whatever it waited; a run stopped there that would not have reached the
   * backstop without the wait is {@link SandboxResult#starved starved}, not a verdict. The runner
   * ({@code sandbox/runners/pyrunner.py}) holds the same number.
   */
  public static final int STARVED_FACTOR = 2;

  public SandboxSpec {
    files = files == null ? Map.of() : Map.copyOf(files);
    stdin = stdin == null ? "" : stdin;
  }

  /** A single run. */
  public SandboxSpec(Language language, String source, Map<String, String> files, String stdin,
      long timeoutMs, int memoryMb, int outputCapBytes) {
    this(language, source, files, stdin, timeoutMs, memoryMb, outputCapBytes, null);
  }

  public static SandboxSpec python(String source) {
    return new SandboxSpec(
        Language.PYTHON, source, Map.of(), "", DEFAULT_TIMEOUT_MS, DEFAULT_MEMORY_MB,
        DEFAULT_OUTPUT_CAP_BYTES);
  }

  /**
   * The CPU-time limit of this run's compile (or syntax check) step, 0 when it has none: a
   * Python program without a test plan is checked by the warm fork-server as part of its run.
   */
  public long compileTimeoutMs() {
    return language.program() || tests != null ? language.compileTimeoutMs() : 0;
  }

  /** The wall-clock backstop of this run: {@link #WALL_BACKSTOP_FACTOR} times its CPU limit. */
  public long wallBackstopMs() {
    return timeoutMs * WALL_BACKSTOP_FACTOR;
  }

  /**
   * The wall-clock bound of everything the runner does for this spec: the compile steps'
   * backstops (the program's, a checker program's), then the run's backstop, or the plan's
   * (its total, each checker run, a little per test); each may stretch to {@link #STARVED_FACTOR}
   * times itself when the machine keeps the program waiting for a CPU.
   */
  public long backstopMs() {
    long compile = compileTimeoutMs() * WALL_BACKSTOP_FACTOR;
    if (tests == null) {
      return STARVED_FACTOR * (compile + wallBackstopMs());
    }
    TestPlan.Checker c = tests.checker();
    long checker = c.mode().equals("program") ? c.language().compileTimeoutMs() * WALL_BACKSTOP_FACTOR : 0;
    return STARVED_FACTOR * (compile + checker + tests.backstopMs());
  }

  /** Memory the run's sandbox must allow at some point: the run's, a compile step's. */
  public int peakMemoryMb() {
    int m = Math.max(memoryMb, language.compileMemoryMb());
    if (tests != null && tests.checker().mode().equals("program")) {
      m = Math.max(m, Math.max(TestPlan.Checker.MEMORY_MB, tests.checker().language().compileMemoryMb()));
    }
    return m;
  }

  /**
   * The longest a run may take end to end: its backstop twice (a timeout on a contended machine
   * is run once more) plus time to start a runner.
   */
  public long worstCaseMs() {
    return 2 * backstopMs() + 30_000;
  }

  public SandboxSpec withLimits(long timeoutMs, int memoryMb) {
    return new SandboxSpec(language, source, files, stdin, timeoutMs, memoryMb, outputCapBytes, tests);
  }

  public SandboxSpec withStdin(String in) {
    return new SandboxSpec(language, source, files, in, timeoutMs, memoryMb, outputCapBytes, tests);
  }

  /** The same program run on every test of {@code plan} in one request. */
  public SandboxSpec withTests(TestPlan plan) {
    return new SandboxSpec(language, source, files, stdin, timeoutMs, memoryMb, outputCapBytes, plan);
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject()
        .put("language", language.wire())
        .put("source", source)
        .put("files", new JsonObject(Map.copyOf(files)))
        .put("stdin", stdin)
        .put("timeout_ms", timeoutMs)
        .put("memory_mb", memoryMb)
        .put("output_cap_bytes", outputCapBytes);
    if (tests != null) {
      j.put("tests", tests.toJson());
    }
    return j;
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
        j.getInteger("output_cap_bytes", DEFAULT_OUTPUT_CAP_BYTES),
        j.getJsonObject("tests") == null ? null : TestPlan.fromJson(j.getJsonObject("tests")));
  }
}
