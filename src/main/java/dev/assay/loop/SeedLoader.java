package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.verify.code.CompetitionTasks;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads seed problems from JSONL files, detecting each line's format: the project's own math
 * ({@code id, problem, answer}) and code ({@code id, prompt, tests, entry_point}) formats, and
 * the public HumanEval, MBPP, GSM8K and MATH formats, and stdin/stdout problems (the project's
 * {@code id, prompt, tests: [{input, output}]} and CodeContests, APPS and TACO lines, see {@link IoSeeds}). Any bad line fails the whole file with an
 * error naming the file, line and field: a seed set is never half loaded.
 */
public final class SeedLoader {
  private static final Pattern GSM_FINAL = Pattern.compile("####\\s*(.+?)\\s*$", Pattern.DOTALL);

  private SeedLoader() {}

  public static List<Problem> load(Path file) {
    return load(file, null);
  }

  /**
   * As {@link #load(Path)}; {@code codeLanguage} (null: python) is the language a stdin/stdout
   * problem that names none is solved in ({@code round.code_language}).
   */
  public static List<Problem> load(Path file, String codeLanguage) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw AssayException.invalid(file + ": no such seed file");
    } catch (IOException e) {
      throw AssayException.invalid(file + ": cannot read: " + e.getMessage());
    }
    List<Problem> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = file + ":" + (i + 1);
      JsonObject j;
      try {
        j = new JsonObject(line);
      } catch (DecodeException | ClassCastException e) {
        throw AssayException.invalid(where + ": not a JSON object: " + e.getMessage());
      }
      out.add(parse(j, where, codeLanguage));
    }
    if (out.isEmpty()) {
      throw AssayException.invalid(file + ": holds no problems");
    }
    return out;
  }

  static Problem parse(JsonObject j, String where) {
    return parse(j, where, null);
  }

  static Problem parse(JsonObject j, String where, String codeLanguage) {
    if (CompetitionTasks.recognises(j) || j.getValue("tests") instanceof JsonArray t && !t.isEmpty()
        && t.getValue(0) instanceof JsonObject) {
      return IoSeeds.parse(j, where, codeLanguage);
    }
    if (j.containsKey("canonical_solution") || j.containsKey("test") && j.containsKey("entry_point")) {
      return code(where, str(j, "task_id", where), new JsonObject().put("format", "humaneval")
          .put("prompt", str(j, "prompt", where)).put("test", str(j, "test", where))
          .put("entry_point", str(j, "entry_point", where)));
    }
    if (j.containsKey("test_list")) {
      JsonArray tests = list(j, "test_list", where);
      return code(where, String.valueOf(j.getValue("task_id", "")), new JsonObject().put("format", "mbpp")
          .put("text", str(j, "text", where)).put("test_list", tests)
          .put("test_setup_code", j.getString("test_setup_code", "")));
    }
    if (j.containsKey("tests") || j.containsKey("entry_point")) {
      JsonArray tests = list(j, "tests", where);
      if (tests.isEmpty()) {
        throw AssayException.invalid(where + ": field 'tests' must hold at least one assert");
      }
      JsonObject body = new JsonObject().put("format", "seed").put("prompt", str(j, "prompt", where))
          .put("tests", tests).put("entry_point", str(j, "entry_point", where));
      if (j.containsKey("solution")) {
        body.put("solution", str(j, "solution", where));
      }
      return code(where, str(j, "id", where), body);
    }
    if (j.containsKey("question")) { // GSM8K
      String answer = j.getString("final");
      if (answer == null) {
        Matcher m = GSM_FINAL.matcher(str(j, "answer", where));
        if (!m.find()) {
          throw AssayException.invalid(where + ": field 'answer' has no '#### <final answer>' line");
        }
        answer = m.group(1);
      }
      return math(where, j.getString("id", ""), str(j, "question", where), answer.replace(",", ""));
    }
    if (j.containsKey("problem")) {
      String id = j.getString("id", j.getString("unique_id", ""));
      Object a = j.getValue("answer");
      String answer = a instanceof Number n ? n.toString() : str(j, "answer", where);
      return math(where, id, str(j, "problem", where), answer);
    }
    throw AssayException.invalid(where + ": unknown problem format: expected fields"
        + " problem+answer (math), prompt+tests+entry_point (code), prompt+tests of {input, output} (stdin/stdout),"
        + " or HumanEval/MBPP/GSM8K/MATH/CodeContests/APPS/TACO fields");
  }

  private static Problem math(String where, String id, String problem, String answer) {
    return Problem.of(Domain.MATH, "seed", "", id, new JsonObject().put("problem", problem).put("answer", answer));
  }

  private static Problem code(String where, String id, JsonObject body) {
    return Problem.of(Domain.CODE, "seed", "", id, body);
  }

  private static String str(JsonObject j, String field, String where) {
    Object v = j.getValue(field);
    if (v == null) {
      throw AssayException.invalid(where + ": missing field '" + field + "'");
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw AssayException.invalid(where + ": field '" + field + "' must be a non-empty string");
    }
    return s;
  }

  private static JsonArray list(JsonObject j, String field, String where) {
    Object v = j.getValue(field);
    if (!(v instanceof JsonArray a)) {
      throw AssayException.invalid(where + ": field '" + field + "' must be a list of strings");
    }
    for (int i = 0; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof String)) {
        throw AssayException.invalid(where + ": field '" + field + "[" + i + "]' must be a string");
      }
    }
    return a;
  }
}
