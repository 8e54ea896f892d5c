package dev.assay.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Many stdin/stdout tests of one program, run in one sandbox request: the program is compiled
 * (or syntax-checked) once, then run once per input in a fresh work dir with the spec's per-test
 * limits, its output checked inside the sandbox by the runner (never by the candidate's process),
 * and the binary deleted at the end. The expected outputs reach only the runner, which the
 * program's processes cannot read (they are exec'd fresh and the runner is not dumpable); for a
 * checker program they are written to a file only after the program's processes are gone.
 *
 * @param inputs each test's standard input
 * @param expected each test's expected output, or empty to run without checking
 * @param checker how an output is compared with the expected one
 * @param stopOnFailure stop at the first test that fails (the rest are {@code not_run})
 * @param totalTimeoutMs CPU time all tests together may use; past it the running test is a
 *     {@code timeout} and the rest are not run; its wall-clock backstop is
 *     {@link SandboxSpec#WALL_BACKSTOP_FACTOR} times it
 */
public record TestPlan(List<String> inputs, List<String> expected, Checker checker,
    boolean stopOnFailure, long totalTimeoutMs) {

  /** Runner time per test besides the program's own (fork, exec, wiping), in the host's bound. */
  public static final long OVERHEAD_PER_TEST_MS = 250;

  public TestPlan {
    inputs = List.copyOf(inputs);
    expected = expected == null ? List.of() : List.copyOf(expected);
    checker = checker == null ? Checker.exact() : checker;
    if (!expected.isEmpty() && expected.size() != inputs.size()) {
      throw new IllegalArgumentException("expected outputs (" + expected.size()
          + ") do not match the inputs (" + inputs.size() + ")");
    }
    if (totalTimeoutMs < 1) {
      throw new IllegalArgumentException("totalTimeoutMs must be >= 1");
    }
  }

  /**
   * How an output is compared with the expected one.
   *
   * <ul>
   *   <li>{@code exact}: the same whitespace-separated tokens (spacing and line breaks are free);
   *   <li>{@code float}: the same tokens, except that two tokens that both read as finite numbers
   *       are equal when {@code |got - want| <= abs} or {@code |got - want| <= rel * |want|};
   *   <li>{@code program}: a checker program in {@code language}, run in the sandbox as
   *       testlib's checkers are: {@code checker <input> <output> <answer>} (the files of the
   *       test's input, the program's output and the expected output), exit 0 = accepted, 1 or 2
   *       (wrong answer, presentation error) = rejected; any other end (testlib's 3 = fail, a
   *       crash, its time limit) rejects the output too and says the checker failed.
   * </ul>
   */
  public record Checker(String mode, double abs, double rel, Language language, String source) {
    public static final double DEFAULT_TOLERANCE = 1e-6;
    /** CPU-time limit of one checker run (wall backstop: three times it). */
    public static final long TIMEOUT_MS = 10_000;
    /** Memory limit of one checker run. */
    public static final int MEMORY_MB = 512;

    public Checker {
      mode = mode == null ? "exact" : mode.trim().toLowerCase(Locale.ROOT);
      if (!List.of("exact", "float", "program").contains(mode)) {
        throw new IllegalArgumentException("checker mode must be exact, float or program, not " + mode);
      }
      if (mode.equals("program") && (language == null || source == null || source.isBlank())) {
        throw new IllegalArgumentException("a checker program needs a language and a source");
      }
      if (abs < 0 || rel < 0 || Double.isNaN(abs) || Double.isNaN(rel)) {
        throw new IllegalArgumentException("checker tolerances must be >= 0");
      }
    }

    public static Checker exact() {
      return new Checker("exact", 0, 0, null, null);
    }

    public static Checker floating(double abs, double rel) {
      return new Checker("float", abs, rel, null, null);
    }

    public static Checker program(Language language, String source) {
      return new Checker("program", 0, 0, language, source);
    }

    public JsonObject toJson() {
      JsonObject j = new JsonObject().put("mode", mode);
      if (mode.equals("float")) {
        j.put("abs", abs).put("rel", rel);
      }
      if (mode.equals("program")) {
        j.put("language", language.wire()).put("source", source);
      }
      return j;
    }

    public static Checker fromJson(JsonObject j) {
      String mode = j.getString("mode", "exact");
      return new Checker(mode, j.getDouble("abs", DEFAULT_TOLERANCE), j.getDouble("rel", DEFAULT_TOLERANCE),
          j.getString("language") == null ? null : Language.parse(j.getString("language")),
          j.getString("source"));
    }
  }

  /** Wall-clock bound of the tests phase as the host waits for it (checker runs included). */
  public long backstopMs() {
    long checks = checker.mode().equals("program")
        ? inputs.size() * Checker.TIMEOUT_MS * SandboxSpec.WALL_BACKSTOP_FACTOR : 0;
    return totalTimeoutMs * SandboxSpec.WALL_BACKSTOP_FACTOR + checks
        + inputs.size() * OVERHEAD_PER_TEST_MS;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("inputs", new JsonArray(new ArrayList<>(inputs)))
        .put("expected", new JsonArray(new ArrayList<>(expected)))
        .put("checker", checker.toJson())
        .put("stop_on_failure", stopOnFailure)
        .put("total_ms", totalTimeoutMs);
  }

  public static TestPlan fromJson(JsonObject j) {
    return new TestPlan(strings(j.getJsonArray("inputs")), strings(j.getJsonArray("expected")),
        Checker.fromJson(j.getJsonObject("checker", new JsonObject())),
        j.getBoolean("stop_on_failure", true), j.getLong("total_ms"));
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }
}
