package dev.assay.verify.code;

import io.vertx.core.json.JsonObject;

/**
 * One Absolute-Zero style problem derived from a validated program.
 *
 * @param id e.g. "p7/deduction/0"
 * @param type deduction, abduction or induction
 * @param prompt what the solver model is shown
 * @param data what the checker needs: code, entry_point, input, expected (a Python literal
 *     computed by execution), held_out (induction); never shown to the solver
 */
public record AzProblem(String id, String type, String prompt, JsonObject data) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("type", type).put("prompt", prompt)
        .put("data", data);
  }

  public static AzProblem fromJson(JsonObject j) {
    return new AzProblem(j.getString("id"), j.getString("type"), j.getString("prompt"),
        j.getJsonObject("data"));
  }
}
