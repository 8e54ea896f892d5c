package dev.assay.verify.code;

import dev.assay.AssayException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Competitive-programming lines as their sets distribute them, turned into Assay's own task
 * formats so the verifier, the seed loader and {@code assay verify code} read them alike.
 *
 * <ul>
 *   <li><b>CodeContests</b> (DeepMind): {@code name}, {@code description}, {@code public_tests},
 *       {@code private_tests}, {@code generated_tests} (each {@code {"input": [...], "output":
 *       [...]}}), {@code solutions} ({@code {"language": [codes], "solution": [sources]}}, codes 1
 *       and 3 Python, 2 C++, 4 Java), {@code time_limit} ({@code {"seconds", "nanos"}}); every
 *       test set is used, in that order;
 *   <li><b>APPS</b> and <b>TACO</b>: {@code question}, {@code input_output} (a JSON object or its
 *       text: {@code inputs}, {@code outputs}, and {@code fn_name} for call-based tasks),
 *       {@code solutions} (a list of Python sources, or its JSON text), {@code starter_code},
 *       {@code problem_id} (APPS) or {@code name}; TACO's {@code time_limit} ("2 seconds").
 * </ul>
 *
 * <p>A stdin/stdout task becomes format {@code io}: {@code id, prompt, tests: [{input, output}],
 * time_limit_ms?, solutions: {language: first source}, solution?} ({@code solution} is the first
 * Python one). A call-based task ({@code fn_name}) becomes format {@code call}: {@code id, prompt
 * (the question and the starter code), fn_name, starter_code, tests: [{input: [arguments], output:
 * result}], solution?}. Inputs and outputs given as lists of lines are joined with newlines.
 */
public final class CompetitionTasks {
  private static final Map<Integer, String> CODE_CONTESTS_LANGUAGES = Map.of(1, "python", 2, "cpp",
      3, "python", 4, "java");
  private static final Pattern SECONDS = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*s");

  private CompetitionTasks() {}

  /** Whether {@code j} is a CodeContests, APPS or TACO line. */
  public static boolean recognises(JsonObject j) {
    return j.containsKey("public_tests") || j.containsKey("private_tests")
        || j.containsKey("input_output") && j.containsKey("question");
  }

  /**
   * The line in Assay's format ({@code io} or {@code call}).
   *
   * @throws AssayException INVALID_INPUT naming the field that is missing or malformed
   */
  public static JsonObject normalise(JsonObject j) {
    return j.containsKey("input_output") ? apps(j) : codeContests(j);
  }

  private static JsonObject codeContests(JsonObject j) {
    JsonArray tests = new JsonArray();
    for (String set : List.of("public_tests", "private_tests", "generated_tests")) {
      Object t = j.getValue(set);
      if (t == null) {
        continue;
      }
      if (!(t instanceof JsonObject o)) {
        throw AssayException.invalid("field '" + set + "' must be an object {input: [...], output: [...]}");
      }
      pairs(o.getValue("input"), o.getValue("output"), set, tests);
    }
    JsonObject out = new JsonObject().put("format", "io")
        .put("id", String.valueOf(j.getValue("name", j.getValue("id", ""))))
        .put("prompt", text(j, "description"))
        .put("tests", nonEmpty(tests));
    if (j.getValue("time_limit") instanceof JsonObject tl) {
      long ms = tl.getLong("seconds", 0L) * 1000 + tl.getLong("nanos", 0L) / 1_000_000;
      if (ms > 0) {
        out.put("time_limit_ms", ms);
      }
    }
    JsonObject sols = new JsonObject();
    if (j.getValue("solutions") instanceof JsonObject s && s.getValue("language") instanceof JsonArray langs
        && s.getValue("solution") instanceof JsonArray srcs) {
      for (int i = 0; i < Math.min(langs.size(), srcs.size()); i++) {
        String lang = langs.getValue(i) instanceof Number n ? CODE_CONTESTS_LANGUAGES.get(n.intValue())
            : langs.getValue(i) instanceof String n ? n.toLowerCase(java.util.Locale.ROOT) : null;
        if (lang != null && srcs.getValue(i) instanceof String src && !sols.containsKey(lang)) {
          sols.put(lang, src);
        }
      }
    }
    return withSolutions(out, sols);
  }

  private static JsonObject apps(JsonObject j) {
    Object io = j.getValue("input_output");
    JsonObject spec = io instanceof JsonObject o ? o : io instanceof String s ? parse(s, "input_output") : null;
    if (spec == null) {
      throw AssayException.invalid("field 'input_output' must be an object or its JSON text");
    }
    String id = String.valueOf(j.getValue("problem_id", j.getValue("name", j.getValue("id", ""))));
    String starter = j.getValue("starter_code") instanceof String s ? s : "";
    JsonObject out = new JsonObject().put("id", id);
    JsonArray tests = new JsonArray();
    if (spec.getValue("fn_name") instanceof String fn && !fn.isBlank()) {
      Object in = spec.getValue("inputs");
      Object want = spec.getValue("outputs");
      if (!(in instanceof JsonArray ins) || !(want instanceof JsonArray outs) || ins.size() != outs.size()) {
        throw AssayException.invalid("field 'input_output': inputs and outputs must be lists of the same length");
      }
      for (int i = 0; i < ins.size(); i++) {
        Object args = ins.getValue(i);
        tests.add(new JsonObject().put("input", args instanceof JsonArray a ? a : new JsonArray().add(args))
            .put("output", outs.getValue(i)));
      }
      out.put("format", "call").put("fn_name", fn).put("starter_code", starter)
          .put("prompt", text(j, "question") + (starter.isBlank() ? "" : "\n\n" + starter));
    } else {
      pairs(spec.getValue("inputs"), spec.getValue("outputs"), "input_output", tests);
      out.put("format", "io").put("prompt", text(j, "question"));
    }
    out.put("tests", nonEmpty(tests));
    if (j.getValue("time_limit") instanceof String tl) {
      Matcher m = SECONDS.matcher(tl);
      if (m.find()) {
        out.put("time_limit_ms", Math.round(Double.parseDouble(m.group(1)) * 1000));
      }
    }
    Object s = j.getValue("solutions");
    JsonArray list = s instanceof JsonArray a ? a : s instanceof String t && !t.isBlank() ? parseList(t) : null;
    JsonObject sols = new JsonObject();
    if (list != null && !list.isEmpty() && list.getValue(0) instanceof String first) {
      sols.put("python", first);
    }
    return withSolutions(out, sols);
  }

  private static JsonObject withSolutions(JsonObject out, JsonObject sols) {
    if (!sols.isEmpty()) {
      out.put("solutions", sols);
      if (sols.getValue("python") instanceof String py) {
        out.put("solution", py);
      }
    }
    return out;
  }

  private static void pairs(Object in, Object out, String field, JsonArray into) {
    if (!(in instanceof JsonArray ins) || !(out instanceof JsonArray outs) || ins.size() != outs.size()) {
      throw AssayException.invalid("field '" + field + "': input and output must be lists of the same length");
    }
    for (int i = 0; i < ins.size(); i++) {
      into.add(new JsonObject().put("input", lines(ins.getValue(i))).put("output", lines(outs.getValue(i))));
    }
  }

  /** A test's text; a list of lines is joined with newlines (APPS has both forms). */
  private static String lines(Object v) {
    if (v instanceof JsonArray a) {
      StringBuilder s = new StringBuilder();
      a.forEach(x -> s.append(x).append('\n'));
      return s.toString();
    }
    return v == null ? "" : String.valueOf(v);
  }

  private static JsonArray nonEmpty(JsonArray tests) {
    if (tests.isEmpty()) {
      throw AssayException.invalid("the task has no tests");
    }
    return tests;
  }

  private static String text(JsonObject j, String field) {
    if (!(j.getValue(field) instanceof String s) || s.isBlank()) {
      throw AssayException.invalid("field '" + field + "' must be a non-empty string");
    }
    return s;
  }

  private static JsonObject parse(String s, String field) {
    try {
      return new JsonObject(s);
    } catch (DecodeException e) {
      throw AssayException.invalid("field '" + field + "' is not a JSON object: " + e.getMessage());
    }
  }

  private static JsonArray parseList(String s) {
    try {
      return new JsonArray(s);
    } catch (DecodeException e) {
      return null; // solutions are optional: an unreadable list is no reference
    }
  }
}
