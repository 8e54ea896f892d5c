package dev.assay.verify.code;

import dev.assay.AssayException;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.TestPlan;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The stdin/stdout part of an {@code io} task: the candidate's language, how outputs are checked,
 * and the time limits, each optional with its default.
 *
 * <pre>
 * language             python (default), cpp, javascript, go, rust
 * checker              {"type": "exact"} (default: whitespace-separated tokens)
 *                      {"type": "float", "abs": 1e-6, "rel": 1e-6} (numbers within either)
 *                      {"type": "program", "language": "cpp", "source": "..."} (testlib-style)
 * time_limit_ms        CPU time of each test (default: the verifier's limit)
 * total_time_limit_ms  CPU time of all tests together (default: the verifier's total)
 * </pre>
 *
 * @param language the candidate's language
 * @param checker how outputs are compared
 * @param timeLimitMs per-test limit, 0 for the verifier's
 * @param totalTimeLimitMs total limit, 0 for the verifier's
 * @param inputs each test's input
 * @param expected each test's expected output
 */
record IoTask(Language language, TestPlan.Checker checker, long timeLimitMs, long totalTimeLimitMs,
    List<String> inputs, List<String> expected) {

  static final long MAX_TIME_LIMIT_MS = 60_000;

  /** Reads the io fields of {@code task}; INVALID_INPUT naming the task and field when one is bad. */
  static IoTask of(CodeTask task) {
    JsonObject raw = task.raw();
    Language lang = language(task.id(), raw.getValue("language"));
    if (lang == Language.JAVA) {
      throw bad(task.id(), "language", "java stdin/stdout tasks are format java");
    }
    List<String> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    for (String[] c : task.ioCases()) {
      in.add(c[0]);
      out.add(c[1]);
    }
    if (in.isEmpty()) {
      throw bad(task.id(), "tests", "must hold at least one {\"input\", \"output\"} case");
    }
    return new IoTask(lang, checker(task.id(), raw.getValue("checker")),
        limit(task.id(), raw, "time_limit_ms"), limit(task.id(), raw, "total_time_limit_ms"), in, out);
  }

  /** The language named by a task's {@code language} field (python when absent). */
  static Language language(String id, Object v) {
    if (v == null) {
      return Language.PYTHON;
    }
    if (!(v instanceof String s)) {
      throw bad(id, "language", "must be a string");
    }
    try {
      return Language.parse(s);
    } catch (IllegalArgumentException e) {
      throw bad(id, "language", e.getMessage());
    }
  }

  static TestPlan.Checker checker(String id, Object v) {
    if (v == null) {
      return TestPlan.Checker.exact();
    }
    if (!(v instanceof JsonObject c)) {
      throw bad(id, "checker", "must be an object with a type (exact, float or program)");
    }
    Object type = c.getValue("type", "exact");
    try {
      return switch (String.valueOf(type)) {
        case "exact" -> TestPlan.Checker.exact();
        case "float" -> TestPlan.Checker.floating(tolerance(id, c, "abs"), tolerance(id, c, "rel"));
        case "program" -> {
          if (!(c.getValue("source") instanceof String src) || src.isBlank()) {
            throw bad(id, "checker.source", "must be the checker program's source");
          }
          Language l = language(id, c.getValue("language"));
          if (l == Language.JAVA) {
            throw bad(id, "checker.language", "a checker runs as python, cpp, javascript, go or rust");
          }
          yield TestPlan.Checker.program(l, src);
        }
        default -> throw bad(id, "checker.type", "must be exact, float or program, not " + type);
      };
    } catch (IllegalArgumentException e) {
      throw bad(id, "checker", e.getMessage());
    }
  }

  private static double tolerance(String id, JsonObject c, String f) {
    Object v = c.getValue(f, TestPlan.Checker.DEFAULT_TOLERANCE);
    if (!(v instanceof Number n) || n.doubleValue() < 0 || Double.isNaN(n.doubleValue())) {
      throw bad(id, "checker." + f, "must be a number >= 0");
    }
    return n.doubleValue();
  }

  private static long limit(String id, JsonObject raw, String f) {
    Object v = raw.getValue(f);
    if (v == null) {
      return 0;
    }
    if (!(v instanceof Number n) || n.longValue() < 1 || n.longValue() > MAX_TIME_LIMIT_MS * 100) {
      throw bad(id, f, "must be a number of milliseconds >= 1");
    }
    return n.longValue();
  }

  private static AssayException bad(String id, String field, String why) {
    return AssayException.invalid("task " + id + ": field '" + field + "' " + why);
  }

  /** The per-test CPU-time limit: the task's (at most a minute), else {@code dflt}. */
  long perTestMs(long dflt) {
    return timeLimitMs > 0 ? Math.min(MAX_TIME_LIMIT_MS, timeLimitMs) : dflt;
  }

  /** The total limit: the task's, else {@code dflt}; never below one test's, never above all tests'. */
  long totalMs(long perTest, long dflt) {
    long all = perTest * inputs.size();
    long t = totalTimeLimitMs > 0 ? totalTimeLimitMs : Math.min(all, dflt);
    return Math.max(perTest, Math.min(all, t));
  }
}
