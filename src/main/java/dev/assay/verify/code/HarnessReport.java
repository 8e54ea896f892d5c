package dev.assay.verify.code;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness's report line, found by the run's nonce. Exactly one line must start with
 * {@code nonce + " "}; none (the process died or exited early) or several (a forgery) yield
 * {@code null}.
 */
record HarnessReport(
    String candidate, String message, List<TestResult> tests, boolean ended, boolean timeout,
    String exit) {

  static HarnessReport find(String stdout, String nonce) {
    String prefix = nonce + " ";
    String found = null;
    for (String line : stdout.split("\n", -1)) {
      if (line.startsWith(prefix)) {
        if (found != null) {
          return null;
        }
        found = line.substring(prefix.length());
      }
    }
    if (found == null) {
      return null;
    }
    try {
      JsonObject j = new JsonObject(found);
      List<TestResult> tests = new ArrayList<>();
      JsonArray a = j.getJsonArray("tests", new JsonArray());
      for (int i = 0; i < a.size(); i++) {
        tests.add(TestResult.fromReport(a.getJsonObject(i)));
      }
      return new HarnessReport(j.getString("candidate", "harness_error"),
          j.getString("message", ""), tests, j.getBoolean("ended", false),
          j.getBoolean("timeout", false), j.getString("exit", ""));
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** The first test that did not pass, or -1. */
  int firstFailure() {
    for (int i = 0; i < tests.size(); i++) {
      if (!tests.get(i).passed()) {
        return i;
      }
    }
    return -1;
  }
}
