package dev.assay.verify.proposal;

import dev.assay.AssayException;
import dev.assay.sandbox.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A program a model proposed (Absolute Zero style): code defining {@code entryPoint} plus
 * inputs, each a Python argument list written as literals (e.g. {@code "[3, 1, 2], 2"}).
 * Expected outputs are never taken from the model: {@link TaskValidator} computes them.
 *
 * @param id an id for reports
 * @param language PYTHON, or JAVA (a class with a static method; inputs are Java literal
 *     argument lists such as {@code new int[]{3, 1}, "a"})
 * @param code the program
 * @param entryPoint the function to call, usually "f"
 * @param inputs argument lists, as Python literals
 */
public record ProposedProgram(
    String id, Language language, String code, String entryPoint, List<String> inputs) {

  public ProposedProgram {
    if (code == null || entryPoint == null || inputs == null || language == null) {
      throw AssayException.invalid("a proposed program needs language, code, entry point, inputs");
    }
    inputs = List.copyOf(inputs);
  }

  public static ProposedProgram python(String id, String code, List<String> inputs) {
    return new ProposedProgram(id, Language.PYTHON, code, "f", inputs);
  }

  /** Reads {@code {"id","language"?,"code","entry_point"?,"inputs":[...]}}. */
  public static ProposedProgram fromJson(JsonObject j) {
    List<String> inputs = new ArrayList<>();
    for (Object o : j.getJsonArray("inputs", new JsonArray())) {
      inputs.add(String.valueOf(o));
    }
    return new ProposedProgram(j.getString("id", ""),
        Language.parse(j.getString("language", "python")), j.getString("code"),
        j.getString("entry_point", "f"), inputs);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("language", language.wire()).put("code", code)
        .put("entry_point", entryPoint).put("inputs", new JsonArray(inputs));
  }
}
