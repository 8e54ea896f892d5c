package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.sandbox.Language;
import dev.assay.verify.code.CodeTask;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Stdin/stdout seed problems: the project's own lines ({@code id, prompt} or {@code statement},
 * {@code tests: [{input, output}]}, optional {@code language, checker, time_limit_ms,
 * total_time_limit_ms, solution, solutions}) and CodeContests, APPS and TACO lines as their sets
 * distribute them. The verifier's reader ({@link CodeTask}) checks every field, so a seed the loop
 * accepts is one {@code assay verify code} accepts too. A problem's language is part of it (and of
 * its id): the line's {@code language}, else the round's {@code code_language}, else python.
 */
final class IoSeeds {
  private static final List<String> KEEP = List.of("prompt", "tests", "checker", "time_limit_ms",
      "total_time_limit_ms", "solution", "solutions", "fn_name", "starter_code");

  private IoSeeds() {}

  static Problem parse(JsonObject line, String where, String codeLanguage) {
    JsonObject j = line.copy();
    if (!j.containsKey("prompt") && j.getValue("statement") instanceof String st) {
      j.put("prompt", st);
    }
    CodeTask task;
    try {
      task = CodeTask.fromJson(j, null);
    } catch (AssayException e) {
      throw AssayException.invalid(where + ": " + e.getMessage());
    }
    JsonObject raw = task.raw();
    if (!(raw.getValue("prompt") instanceof String p) || p.isBlank()) {
      throw AssayException.invalid(where + ": field 'prompt' (the problem statement) must be a non-empty string");
    }
    JsonObject body = new JsonObject().put("format", task.format());
    if (task.format().equals("io")) {
      Object named = line.getValue("language", codeLanguage);
      try {
        body.put("language", named == null ? "python" : Language.parse(String.valueOf(named)).wire());
      } catch (IllegalArgumentException e) {
        throw AssayException.invalid(where + ": field 'language' " + e.getMessage());
      }
      if (body.getString("language").equals("java")) {
        throw AssayException.invalid(where + ": field 'language': java stdin/stdout seeds are not supported yet");
      }
    }
    for (String f : KEEP) {
      if (raw.getValue(f) != null) {
        body.put(f, raw.getValue(f));
      }
    }
    return Problem.of(Domain.CODE, "seed", "", task.id(), body);
  }
}
