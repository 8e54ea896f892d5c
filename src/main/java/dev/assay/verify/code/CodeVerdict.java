package dev.assay.verify.code;

import dev.assay.sandbox.SandboxResult;
import dev.assay.verify.Verdict;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A code verdict with its per-test results.
 *
 * @param verdict the one verdict (reason, detail = first failing test and its message)
 * @param tests every test of the task in order, including ones that did not run
 * @param run the raw sandbox run (stdout holds the harness report, stderr the candidate's
 *     output)
 */
public record CodeVerdict(Verdict verdict, List<TestResult> tests, SandboxResult run) {

  public CodeVerdict {
    tests = tests == null ? List.of() : List.copyOf(tests);
  }

  public boolean passed() {
    return verdict.passed();
  }

  /** The index of the first test that ran and did not pass, -1 when none did. */
  public int failedTest() {
    for (int i = 0; i < tests.size(); i++) {
      if (!tests.get(i).passed() && !tests.get(i).status().equals("not_run")) {
        return i;
      }
    }
    return -1;
  }

  /** How many tests passed. */
  public int testsPassed() {
    return (int) tests.stream().filter(TestResult::passed).count();
  }

  public JsonObject toJson() {
    JsonArray t = new JsonArray();
    tests.forEach(r -> t.add(r.toJson()));
    return new JsonObject().put("verdict", verdict.toJson()).put("tests", t);
  }
}
