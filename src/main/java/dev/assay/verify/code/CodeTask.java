package dev.assay.verify.code;

import dev.assay.AssayException;
import dev.assay.sandbox.Language;
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
 *       program reading stdin in {@code language} (python, cpp, javascript, go, rust), its output
 *       compared by {@code checker} (whitespace-tolerant tokens by default); see {@link IoTask}
 *   <li>{@code call}: APPS-style call-based tasks: {@code fn_name}, {@code tests} = list of
 *       {@code {"input": [arguments], "output": result}}; the candidate is Python defining
 *       {@code fn_name} (or a {@code Solution} class with that method, when the starter code has one)
 *   <li>{@code java}: {@code "language":"java"}, {@code tests} = Java assertion statements using
 *       {@code Solution}, or {@code {"input","output"}} cases for a {@code Solution.main}
 * </ul>
 *
 * @param id the task id (task_id or id, as a string)
 * @param format humaneval, mbpp, seed, io, call or java
 * @param raw the task line as given
 */
public record CodeTask(String id, String format, JsonObject raw) {

  public static final List<String> FORMATS = List.of("humaneval", "mbpp", "seed", "io", "call", "java");
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
    if (format == null && CompetitionTasks.recognises(line)) {
      line = CompetitionTasks.normalise(line); // CodeContests, APPS, TACO lines as distributed
    }
    String f = format == null ? detect(line) : format.toLowerCase(Locale.ROOT);
    Object rawId = line.getValue("task_id", line.getValue("id"));
    String id = rawId == null ? "" : String.valueOf(rawId);
    CodeTask t = new CodeTask(id, f, line);
    t.check();
    return t;
  }

  /**
   * The format a task line has, from its fields.
   *
   * @throws AssayException INVALID_INPUT when no format fits, or {@code language} or
   *     {@code tests} has the wrong type
   */
  public static String detect(JsonObject j) {
    Object language = j.getValue("language");
    if (language != null && !(language instanceof String)) {
      throw wrongType(j.getValue("task_id", j.getValue("id")), "language", "a string", language);
    }
    if ("java".equalsIgnoreCase((String) language)) {
      return "java";
    }
    if (j.containsKey("test_list")) {
      return "mbpp";
    }
    if (j.containsKey("fn_name") && j.containsKey("tests")) {
      return "call";
    }
    if (j.containsKey("test") && j.containsKey("entry_point")) {
      return "humaneval";
    }
    Object t = j.getValue("tests");
    if (t != null && !(t instanceof JsonArray)) {
      throw wrongType(j.getValue("task_id", j.getValue("id")), "tests", "a list", t);
    }
    JsonArray tests = (JsonArray) t;
    if (tests != null && !tests.isEmpty() && tests.getValue(0) instanceof JsonObject) {
      return "io";
    }
    if (tests != null && j.containsKey("entry_point")) {
      return "seed";
    }
    throw AssayException.invalid("cannot tell the format of task " + j.getValue("task_id",
        j.getValue("id")) + " (expected humaneval, mbpp, seed, io, call or java fields, or a"
        + " CodeContests, APPS or TACO line)");
  }

  /** Every field the format reads is present (when required) and of the right type. */
  private void check() {
    switch (format) {
      case "humaneval" -> strings(true, "prompt", "test", "entry_point");
      case "mbpp" -> {
        list("test_list", true);
        strings(false, "test_setup_code");
      }
      case "seed" -> {
        list("tests", true);
        strings(true, "entry_point");
        strings(false, "prompt", "test_setup_code");
      }
      case "io" -> {
        list("tests", false);
        IoTask.of(this);
      }
      case "call" -> {
        list("tests", false);
        strings(true, "fn_name");
        strings(false, "starter_code", "prompt");
      }
      case "java" -> {
        JsonArray tests = list("tests", null);
        list("tests", tests.isEmpty() || tests.getValue(0) instanceof String);
      }
      default -> throw AssayException.invalid("unknown format " + format);
    }
  }

  private void need(String f) {
    if (raw.getValue(f) == null) {
      throw AssayException.invalid("task " + id + " (" + format + ") has no '" + f + "'");
    }
  }

  private void strings(boolean required, String... fields) {
    for (String f : fields) {
      if (required) {
        need(f);
      }
      Object v = raw.getValue(f);
      if (v != null && !(v instanceof String)) {
        throw wrongType(id, f, "a string", v);
      }
    }
  }

  /** A required list field: of strings (true), of {"input","output"} objects (false), or either (null). */
  private JsonArray list(String f, Boolean ofStrings) {
    need(f);
    Object v = raw.getValue(f);
    String want = ofStrings == null ? "a list" : ofStrings ? "a list of strings" : "a list of {\"input\", \"output\"} objects";
    if (!(v instanceof JsonArray a)) {
      throw wrongType(id, f, want, v);
    }
    for (int i = 0; ofStrings != null && i < a.size(); i++) {
      Object e = a.getValue(i);
      boolean ok = ofStrings ? e instanceof String : e instanceof JsonObject c && c.getValue("input") != null;
      if (!ok) {
        throw wrongType(id, f + "[" + i + "]", ofStrings ? "a string" : "an {\"input\", \"output\"} object", e);
      }
    }
    return a;
  }

  private static AssayException wrongType(Object id, String field, String want, Object got) {
    String kind = got instanceof String ? "a string" : got instanceof JsonArray ? "a list"
        : got instanceof JsonObject ? "an object" : got instanceof Boolean ? "a boolean"
        : got instanceof Number ? "a number" : "null";
    return AssayException.invalid("task " + id + ": field '" + field + "' must be " + want + ", got " + kind);
  }

  /**
   * A string field of the task (e.g. the reference solution: canonical_solution, code); a dotted
   * name reads into objects ({@code solutions.cpp}).
   */
  public String field(String name) {
    Object v = value(name);
    if (!(v instanceof String s)) {
      throw AssayException.invalid("task " + id + " has no string field '" + name + "'");
    }
    return s;
  }

  /** The value at a field name, dotted names reading into objects; null when absent. */
  public Object value(String name) {
    Object v = raw.getValue(name);
    if (v == null && name.contains(".")) {
      v = raw;
      for (String part : name.split("\\.")) {
        v = v instanceof JsonObject o ? o.getValue(part) : null;
      }
    }
    return v;
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

  /** The language a candidate for this task is written in. */
  public Language candidateLanguage() {
    return switch (format) {
      case "java" -> Language.JAVA;
      case "io" -> IoTask.language(id, raw.getValue("language"));
      default -> Language.PYTHON;
    };
  }

  String entryPoint() {
    return raw.getString("entry_point", raw.getString("fn_name"));
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
