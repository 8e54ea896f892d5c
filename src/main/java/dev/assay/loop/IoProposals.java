package dev.assay.loop;

import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.store.ProblemRow;
import dev.assay.verify.SampleCheck;
import dev.assay.verify.Verification;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A proposed stdin/stdout problem ({@code statement}, {@code tests: [{input, output}]}, {@code
 * solution}) becomes a problem in its example's language only when the proposer's own reference
 * program passes every test in the sandbox (as a candidate would: compiled once, every test run)
 * and the tests do not all expect the same output (a program printing a constant would pass them).
 * Drops: {@code missing_problem}, {@code missing_tests}, {@code missing_solution}, {@code
 * weak_tests}, {@code reference_fails} (with the verdict).
 */
final class IoProposals {
  static final int MIN_TESTS = 2;
  static final int MAX_TESTS = 50;

  private IoProposals() {}

  static Future<List<ProblemRow>> check(Verification verification, Problem example, JsonObject item, int i) {
    String statement = Proposals.text(item.getValue("statement", item.getValue("prompt")));
    String solution = item.getValue("solution") instanceof String s && !s.isBlank() ? s : null;
    JsonArray tests = tests(item.getValue("tests"));
    JsonObject body = new JsonObject().put("format", "io").put("language", example.body().getString("language", "python"))
        .put("prompt", statement == null ? "" : statement).put("tests", tests);
    for (String inherited : List.of("checker", "time_limit_ms")) {
      if (example.body().getValue(inherited) != null) {
        body.put(inherited, example.body().getValue(inherited));
      }
    }
    if (solution != null) {
      body.put("solution", solution);
    }
    Problem p = Problem.of(Domain.CODE, "proposed", example.id(), "", body);
    if (statement == null) {
      return drop(p, "missing_problem", "item " + i + " has no statement");
    }
    if (tests.size() < MIN_TESTS) {
      return drop(p, "missing_tests", "item " + i + " has " + tests.size() + " usable {input, output} tests, needs "
          + MIN_TESTS);
    }
    if (solution == null) {
      return drop(p, "missing_solution", "item " + i + " has no reference program to check the tests with");
    }
    Set<String> outputs = new HashSet<>();
    tests.forEach(t -> outputs.add(((JsonObject) t).getString("output").strip()));
    if (outputs.size() < 2) {
      return drop(p, "weak_tests", "item " + i + ": every test expects the same output, a constant program passes");
    }
    String fenced = "```" + body.getString("language") + "\n" + solution.stripTrailing() + "\n```\n";
    return verification.sample(SampleCheck.code(body.copy().put("task_id", p.id()), fenced))
        .map(v -> v.passed() ? List.of(ProblemRow.valid(p))
            : List.of(ProblemRow.dropped(p, "reference_fails", "the reference program " + v.reason().wire()
                + (v.detail().isBlank() ? "" : ": " + Proposals.brief(v.detail())))));
  }

  /** The {input, output} string pairs of a proposal, at most {@link #MAX_TESTS}; others are left out. */
  private static JsonArray tests(Object v) {
    JsonArray out = new JsonArray();
    if (v instanceof JsonArray a) {
      for (Object o : a) {
        if (o instanceof JsonObject t && t.getValue("input") instanceof String in && t.getValue("output") instanceof String o2
            && !o2.isBlank() && out.size() < MAX_TESTS) {
          out.add(new JsonObject().put("input", in).put("output", o2));
        }
      }
    }
    return out;
  }

  private static Future<List<ProblemRow>> drop(Problem p, String reason, String detail) {
    return Future.succeededFuture(List.of(ProblemRow.dropped(p, reason, detail)));
  }
}
