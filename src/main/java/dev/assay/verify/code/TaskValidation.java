package dev.assay.verify.code;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Whether a proposed program is kept, and its outputs computed by running it.
 *
 * @param valid whether it passed every check
 * @param reason "ok" or why it is rejected: syntax_error, nonterminating, nondeterministic,
 *     banned_import:&lt;module&gt;, banned_effect:&lt;call or audit event&gt;,
 *     not_json_serialisable, runtime_error, bad_input, no_entry_point, too_few_inputs,
 *     memory, output_limit, sandbox_error (for the yield report)
 * @param detail a human explanation, may be ""
 * @param outputs per input, the output as canonical JSON (sets sorted, tuples as lists)
 * @param outputReprs per input, Python's repr of the output (a literal; used to write tests)
 */
public record TaskValidation(
    boolean valid, String reason, String detail, List<String> outputs, List<String> outputReprs) {

  public TaskValidation {
    detail = detail == null ? "" : detail;
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    outputReprs = outputReprs == null ? List.of() : List.copyOf(outputReprs);
  }

  static TaskValidation rejected(String reason, String detail) {
    return new TaskValidation(false, reason, detail, List.of(), List.of());
  }

  public JsonObject toJson() {
    return new JsonObject().put("valid", valid).put("reason", reason).put("detail", detail)
        .put("outputs", new JsonArray(outputs)).put("output_reprs", new JsonArray(outputReprs));
  }
}
