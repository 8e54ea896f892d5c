package dev.assay.verify.code;

import dev.assay.AssayException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One code problem in a format users bring.
 *
 * <ul>
 *   <li>{@code humaneval}: {@code prompt}, {@code test} (defines {@code check(candidate)}),
 *       {@code entry_point}; the candidate is a body appended to the prompt or a full function
 *   <li>{@code mbpp}: {@code test_list} (assert lines), optional {@code test_setup_code}; the
 *       candidate is full code
 *   <li>{@code seed}: {@code id}, {@code prompt}, {@code tests} (assert strings calling the entry
 *       point), {@code entry_point}; a full function, or a body appended to the prompt
 *   <li>{@code io}: {@code tests} = list of {@code {"input","output"}}; the candidate is a whole
 *       program reading stdin, compared token by token (whitespace-tolerant)
 *   <li>{@code java}: {@code "language":"java"}, {@code tests} = Java assertion statements using
 *       {@code Solution}, or {@code {"input","output"}} cases for a {@code Solution.main}
 * </ul>
 *
 * @param id the task id (task_id or id, as a string)
 * @param format humaneval, mbpp, seed, io or java
 * @param raw the task line as given
 */
public record CodeTask(String id, String format, JsonObject raw) {

  public static final List<String> FORMATS = List.of("humaneval", "mbpp", "seed", "io", "java");
  private static final Pattern PY_DEF = Pattern.compile("(?m)^(?:async\\s+)?def\\s+(\\w+)");

  public CodeTask {
    if (!FORMATS.contains(format)) {
      throw AssayException.invalid("unknown code task format '" + format + "'");
    }
  }

  /**
   * Reads a task line.
   *
   * @param format one of {@link #FORMATS}, or null to detect it from the fields
   * @throws AssayException INVALID_INPUT when the fields the format needs are missing
   */
  public static CodeTask fromJson(JsonObject line, String format) {
    String f = format == null ? detect(line) : format.toLowerCase(Locale.ROOT);
    Object rawId = line.getValue("task_id", line.getValue("id"));
    String id = rawId == null ? "" : String.valueOf(rawId);
    CodeTask t = new CodeTask(id, f, line);
    t.check();
    return t;
  }

  /** The format a task line has, from its fields. */
  public static String detect(JsonObject j) {
    if ("java".equalsIgnoreCase(j.getString("language", ""))) {
      return "java";
    }
    if (j.containsKey("test_list")) {
      return "mbpp";
    }
    if (j.containsKey("test") && j.containsKey("entry_point")) {
      return "humaneval";
    }
    JsonArray tests = j.getJsonArray("tests");
    if (tests != null && !tests.isEmpty() && tests.getValue(0) instanceof JsonObject) {
      return "io";
    }
    if (tests != null && j.containsKey("entry_point")) {
      return "seed";
    }
    throw AssayException.invalid("cannot tell the format of task " + j.getValue("task_id",
        j.getValue("id")) + " (expected humaneval, mbpp, seed, io or java fields)");
  }

  private void check() {
    switch (format) {
      case "humaneval" -> need("prompt", "test", "entry_point");
      case "mbpp" -> need("test_list");
      case "seed" -> need("tests", "entry_point");
      case "io", "java" -> need("tests");
      default -> throw AssayException.invalid("unknown format " + format);
    }
  }

  private void need(String... fields) {
    for (String f : fields) {
      if (raw.getValue(f) == null) {
        throw AssayException.invalid("task " + id + " (" + format + ") has no '" + f + "'");
      }
    }
  }

  /** A string field of the task (e.g. the reference solution: canonical_solution, code). */
  public String field(String name) {
    Object v = raw.getValue(name);
    if (!(v instanceof String s)) {
      throw AssayException.invalid("task " + id + " has no string field '" + name + "'");
    }
    return s;
  }

  /** The task's reference solution if it carries one under a well-known name, else null. */
  public String reference() {
    for (String f : List.of("canonical_solution", "code", "solution", "reference")) {
      if (raw.getValue(f) instanceof String s) {
        return s;
      }
    }
    return null;
  }

  String entryPoint() {
    return raw.getString("entry_point");
  }

  /** Names the tests may legitimately call even when they shadow a Python builtin. */
  List<String> entryNames() {
    List<String> out = new ArrayList<>();
    if (entryPoint() != null) {
      out.add(entryPoint());
    }
    if ("mbpp".equals(format) && raw.getValue("code") instanceof String code) {
      Matcher m = PY_DEF.matcher(code);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** Test strings (mbpp test_list, seed/java assertion tests). */
  List<String> testStrings() {
    JsonArray a = raw.getJsonArray("mbpp".equals(format) ? "test_list" : "tests");
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s)) {
        throw AssayException.invalid("task " + id + ": tests must be strings here");
      }
      out.add(s);
    }
    return out;
  }

  /** I/O cases as [input, output] pairs. */
  List<String[]> ioCases() {
    List<String[]> out = new ArrayList<>();
    for (Object o : raw.getJsonArray("tests")) {
      if (!(o instanceof JsonObject c) || c.getValue("input") == null) {
        throw AssayException.invalid("task " + id + ": io tests need {\"input\",\"output\"}");
      }
      out.add(new String[] {String.valueOf(c.getValue("input")),
          String.valueOf(c.getValue("output", ""))});
    }
    return out;
  }

  /** Whether the tests are stdin/stdout cases (io, or java with I/O cases). */
  boolean hasIoCases() {
    JsonArray tests = raw.getJsonArray("tests");
    return tests != null && !tests.isEmpty() && tests.getValue(0) instanceof JsonObject;
  }
}
