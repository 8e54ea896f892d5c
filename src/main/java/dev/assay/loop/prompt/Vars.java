package dev.assay.loop.prompt;

import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The variables each template is rendered with. Every template gets {@code problem} (solve) or
 * {@code example} and {@code k} (propose) as {@code {id, domain, origin, statement, answer, body}};
 * the Absolute Zero tasks add the values their problem was made from ({@code program}, {@code input},
 * {@code output}, {@code description}, {@code examples}), the STaR hint its {@code answer}; stdin/stdout
 * problems (solve and propose) add {@code language} and {@code language_name}.
 */
public final class Vars {
  /** Where an Absolute Zero problem keeps the variables of its solve template. */
  public static final String SOLVE_VARS = "solve_vars";

  private Vars() {}

  public static JsonObject problem(Problem p) {
    return new JsonObject().put("id", p.id()).put("domain", p.domain().wire()).put("origin", p.origin())
        .put("source_id", p.sourceId()).put("statement", p.statement()).put("answer", p.answer()).put("body", p.body());
  }

  /** The task of solving {@code p}: {@code solve/math}, {@code solve/code}, or an Absolute Zero kind. */
  public static String solveTask(Problem p) {
    if (p.domain() == Domain.MATH) {
      return "solve/math";
    }
    String az = p.body().getString("az_type");
    if (isIo(p)) {
      return "solve/code-io";
    }
    return az != null && "az".equals(p.body().getString("format")) ? "solve/" + az : "solve/code";
  }

  /** Whether {@code p} is a stdin/stdout problem (a whole program in {@code body.language}). */
  public static boolean isIo(Problem p) {
    return p.domain() == Domain.CODE && "io".equals(p.body().getString("format"));
  }

  /**
   * {@code language} (the wire name, also the code fence's tag) and {@code language_name} (as
   * people write it) of a stdin/stdout problem.
   */
  static JsonObject language(Problem p, JsonObject v) {
    String lang = p.body().getString("language", "python");
    String name = switch (lang) {
      case "cpp" -> "C++";
      case "javascript" -> "JavaScript (Node.js)";
      case "go" -> "Go";
      case "rust" -> "Rust";
      default -> "Python 3";
    };
    return v.put("language", lang).put("language_name", name);
  }

  public static JsonObject solve(Problem p) {
    JsonObject v = new JsonObject().put("problem", problem(p));
    if (isIo(p)) {
      language(p, v);
    }
    JsonObject extra = p.body().getJsonObject(SOLVE_VARS);
    if (extra != null) {
      extra.forEach(e -> v.put(e.getKey(), e.getValue()));
    }
    return v;
  }

  /**
   * The repair feedback after a failed answer: the solve variables, the trajectory's {@code agent}, the
   * verdict's {@code reason} and the developer-facing {@code feedback}; a code problem adds {@code language},
   * {@code language_name} (Python for function tasks) and {@code program} (whether the answer is a whole
   * stdin/stdout program rather than a function), so the template asks for the right code block.
   */
  public static JsonObject repair(Problem p, JsonObject agent, String reason, String feedback) {
    JsonObject v = solve(p).put("agent", agent).put("reason", reason).put("feedback", feedback);
    return p.domain() == Domain.MATH ? v : language(p, v).put("program", isIo(p));
  }

  public static JsonObject rationalize(Problem p) {
    return solve(p).put("answer", p.answer());
  }

  public static JsonObject propose(Problem example, int k) {
    JsonObject v = new JsonObject().put("k", k).put("example", problem(example));
    return isIo(example) ? language(example, v) : v;
  }

  /**
   * The propose task for a proposal kind ({@code answer}, {@code program}, {@code tasks}, {@code reasoning},
   * {@code io}: stdin/stdout problems with tests and a reference program in the example's language).
   */
  public static String proposeTask(String kind) {
    return switch (kind) {
      case "io" -> "propose/code-io";
      case "program" -> "propose/math-program";
      case "tasks" -> "propose/code-tasks";
      case "reasoning" -> "propose/code-reasoning";
      default -> "propose/math";
    };
  }

  /** Where a trajectory stands: the simulator reads it (never the wording); templates may too. */
  public static JsonObject agent(String style, int turn, int toolCalls, int repairs, boolean feedback) {
    return new JsonObject().put("style", style).put("turn", turn).put("tool_calls", toolCalls).put("repairs", repairs)
        .put("feedback", feedback);
  }

  public static JsonObject deduction(String program, String input) {
    return new JsonObject().put("program", program.strip()).put("input", input);
  }

  public static JsonObject abduction(String program, String output) {
    return new JsonObject().put("program", program.strip()).put("output", output);
  }

  public static JsonObject induction(String description, java.util.List<String> inputs, java.util.List<String> outputs) {
    JsonArray examples = new JsonArray();
    for (int i = 0; i < inputs.size(); i++) {
      examples.add(new JsonObject().put("input", inputs.get(i)).put("output", outputs.get(i)));
    }
    return new JsonObject().put("description", description == null ? "" : description.strip()).put("examples", examples);
  }
}
