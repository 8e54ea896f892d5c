package dev.assay.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link TestPlan} did, test by test.
 *
 * @param cases one entry per input, in order, including the ones that did not run
 * @param totalLimitHit the plan's total CPU time (or its wall backstop) ran out
 * @param checkerCompile how the checker program compiled, null without one
 */
public record TestReport(List<Case> cases, boolean totalLimitHit, CompileResult checkerCompile) {

  public TestReport {
    cases = List.copyOf(cases);
  }

  /**
   * One test.
   *
   * @param status how the program's run ended ({@code ok} = exit 0 within every limit); a test
   *     that did not run is {@code ok} with check {@code not_run}
   * @param check {@code pass}, {@code fail} (the checker rejected the output), {@code none} (no
   *     expected output), {@code not_run} (stopped before it), or {@code skipped} (the run did not
   *     end ok, so its output was not checked)
   * @param output the start of the program's output, for failure messages
   * @param message why the test failed ("" when it passed): the checker's words, the limit hit
   */
  public record Case(int index, SandboxStatus status, String check, long cpuMs, long wallMs,
      long peakMemoryKb, String output, String message) {

    public boolean passed() {
      return status == SandboxStatus.OK && (check.equals("pass") || check.equals("none"));
    }

    public boolean ran() {
      return !check.equals("not_run");
    }

    JsonObject toJson() {
      return new JsonObject().put("index", index).put("status", status.wire()).put("check", check)
          .put("cpu_ms", cpuMs).put("wall_ms", wallMs).put("peak_memory_kb", peakMemoryKb)
          .put("output", output).put("message", message);
    }

    static Case fromJson(JsonObject j) {
      return new Case(j.getInteger("index"), SandboxStatus.parse(j.getString("status")),
          j.getString("check"), j.getLong("cpu_ms", -1L), j.getLong("wall_ms", 0L),
          j.getLong("peak_memory_kb", -1L), j.getString("output", ""), j.getString("message", ""));
    }
  }

  /** The index of the first test that ran and did not pass, -1 when none did. */
  public int firstFailure() {
    for (Case c : cases) {
      if (c.ran() && !c.passed()) {
        return c.index();
      }
    }
    return -1;
  }

  /** Whether every test ran and passed. */
  public boolean allPassed() {
    return !cases.isEmpty() && cases.stream().allMatch(c -> c.ran() && c.passed());
  }

  /** CPU time of the program over every test that ran. */
  public long cpuMs() {
    return cases.stream().filter(Case::ran).mapToLong(c -> Math.max(0, c.cpuMs())).sum();
  }

  public JsonObject toJson() {
    JsonArray a = new JsonArray();
    cases.forEach(c -> a.add(c.toJson()));
    JsonObject j = new JsonObject().put("cases", a).put("total_limit_hit", totalLimitHit);
    if (checkerCompile != null) {
      j.put("checker_compile", checkerCompile.toJson());
    }
    return j;
  }

  public static TestReport fromJson(JsonObject j) {
    if (j == null) {
      return null;
    }
    List<Case> cases = new ArrayList<>();
    j.getJsonArray("cases", new JsonArray()).forEach(o -> cases.add(Case.fromJson((JsonObject) o)));
    return new TestReport(cases, j.getBoolean("total_limit_hit", false),
        CompileResult.fromJson(j.getJsonObject("checker_compile")));
  }
}
