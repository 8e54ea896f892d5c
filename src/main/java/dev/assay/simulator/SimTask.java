package dev.assay.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One request as the simulator understands it: the task named by {@code X-Assay-Task}, the
 * variables sent as {@code X-Assay-Vars}, the request seed and the last user message (used only
 * as an identity, by fine-tunes that "memorised" their training prompts; never parsed). A request
 * without the headers has task {@code ""} and gets a generic answer. In agentic solving the vars
 * carry an {@code agent} object, and {@code toolOutput} is the output of the tool call the request
 * answers (a {@code tool} message, or a user message opening with an {@code ```output} block), null
 * when the last message is not one: both are data of the protocol, not wording.
 */
record SimTask(String task, JsonObject vars, Long seed, String user, String toolOutput) {
  SimTask {
    task = task == null ? "" : task.trim();
    vars = vars == null ? new JsonObject() : vars;
    user = user == null ? "" : user;
  }

  SimTask(String task, JsonObject vars, Long seed, String user) {
    this(task, vars, seed, user, null);
  }

  /** The {@code agent} object of the vars, null outside agentic solving. */
  JsonObject agent() {
    return vars.getValue("agent") instanceof JsonObject a ? a : null;
  }

  /** {@code problem.body}, the problem's own fields (tests of a code task...); empty when absent. */
  JsonObject body() {
    return vars.getValue("problem") instanceof JsonObject p && p.getValue("body") instanceof JsonObject b
        ? b : new JsonObject();
  }

  /** {@code problem.statement}, the text a solve task is about. */
  String statement() {
    return text(vars.getValue("problem"), "statement");
  }

  /** {@code example.statement}, the example a propose task imitates. */
  String example() {
    return text(vars.getValue("example"), "statement");
  }

  /** {@code k}, how many items a propose task asks for, kept within 1..50. */
  int k() {
    Object k = vars.getValue("k");
    return k instanceof Number n ? Math.max(1, Math.min(50, n.intValue())) : 1;
  }

  /** A top-level string variable ({@code program}, {@code input}, {@code answer}...), "" when absent. */
  String string(String name) {
    Object v = vars.getValue(name);
    return v == null ? "" : String.valueOf(v);
  }

  /** {@code examples} of an induction task as {@code [input, output]} pairs. */
  List<String[]> examples() {
    List<String[]> out = new ArrayList<>();
    if (vars.getValue("examples") instanceof JsonArray a) {
      for (Object o : a) {
        if (o instanceof JsonObject e) {
          out.add(new String[] {text(e, "input"), text(e, "output")});
        }
      }
    }
    return out;
  }

  /**
   * What the task is about, as one string: outcomes and text forms are drawn from it, so the same
   * problem asked with any wording gets the same answers. Math and code solves are keyed by the
   * whitespace-normalised statement alone (the same key as a problem's knowledge).
   */
  String key() {
    return switch (task) {
      case "solve/math", "solve/code" -> SimRandom.normalise(statement());
      case "solve/rationalize" -> SimRandom.normalise(statement()) + "\nanswer: " + string("answer");
      case "solve/deduction" -> "deduce\n" + string("program") + "\ninput: " + string("input");
      case "solve/abduction" -> "abduce\n" + string("program") + "\noutput: " + string("output");
      case "solve/induction" -> {
        StringBuilder s = new StringBuilder("induce\n").append(string("description"));
        examples().forEach(e -> s.append('\n').append(e[0]).append(" -> ").append(e[1]));
        yield s.toString();
      }
      default -> task.startsWith("propose/") ? example() + "\nk=" + k() : "";
    };
  }

  private static String text(Object holder, String field) {
    if (holder instanceof JsonObject o && o.getValue(field) != null) {
      return String.valueOf(o.getValue(field));
    }
    return "";
  }
}
