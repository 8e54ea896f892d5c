package dev.assay.loop.prompt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Example variables of each task, the shape real ones have: loading renders every template with them. */
final class Probes {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private Probes() {}

  static JsonObject of(String task) {
    Problem math = Problem.of(Domain.MATH, "seed", "", "probe-1", new JsonObject()
        .put("problem", "A box holds 6 rows of 9 eggs. How many eggs are in the box?").put("answer", "54"));
    Problem code = Problem.of(Domain.CODE, "seed", "", "probe-2", new JsonObject().put("format", "seed")
        .put("prompt", "def add(a, b):\n    \"\"\"Return a + b.\"\"\"\n").put("entry_point", "add")
        .put("tests", List.of("assert add(1, 2) == 3")));
    Problem io = Problem.of(Domain.CODE, "seed", "", "probe-3", new JsonObject().put("format", "io").put("language", "cpp")
        .put("prompt", "Read two integers a and b. Print a + b.")
        .put("tests", List.of(Map.of("input", "1 2\n", "output", "3\n"))));
    return switch (task) {
      case "propose/code-io" -> Vars.propose(io, 2);
      case "solve/code-io" -> Vars.solve(io);
      case "propose/math", "propose/math-program" -> Vars.propose(math, 2);
      case "propose/code-tasks", "propose/code-reasoning" -> Vars.propose(code, 2);
      case "solve/math" -> Vars.solve(math);
      case "solve/rationalize" -> Vars.rationalize(math);
      case "solve/deduction" -> Vars.solve(code).mergeIn(Vars.deduction("def f(x):\n    return x * 2\n", "3"));
      case "solve/abduction" -> Vars.solve(code).mergeIn(Vars.abduction("def f(x):\n    return x * 2\n", "6"));
      case "solve/induction" -> Vars.solve(code).mergeIn(Vars.induction("doubles x", List.of("1", "2"), List.of("2", "4")));
      case "agent/tools-inline", "agent/repair-math" -> Vars.repair(math, Vars.agent("inline", 1, 1, 0, true), "wrong_answer", "");
      case "agent/repair-code" -> Vars.repair(code, Vars.agent("api", 1, 0, 0, true), "wrong_answer",
          "a hidden test failed (wrong_answer)");
      default -> Vars.solve(code);
    };
  }

  /** Variables as plain maps and lists, the way Jinja reads them. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> plain(JsonObject vars) {
    try {
      return PLAIN.readValue(vars.encode(), Map.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("template variables are not JSON: " + e.getMessage(), e);
    }
  }
}
