package dev.assay.verify.code;

import io.vertx.core.json.JsonObject;

/**
 * The outcome of one test of a candidate.
 *
 * @param name the test as written (an assert line, a check() statement, "case 3")
 * @param passed whether it ran to the end without failing
 * @param status the harness's finer status: pass, fail, tamper, timeout, memory, error,
 *     output_limit, not_run
 * @param message why it failed (exception type and message, expected/got), "" when passed
 */
public record TestResult(String name, boolean passed, String status, String message) {

  public TestResult {
    name = name == null ? "" : name;
    status = status == null ? "" : status;
    message = message == null ? "" : message;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("passed", passed)
        .put("status", status)
        .put("message", message);
  }

  static TestResult fromReport(JsonObject j) {
    String status = j.getString("status", "not_run");
    return new TestResult(
        j.getString("name", ""), "pass".equals(status), status, j.getString("message", ""));
  }
}
