package dev.assay.verify.proposal;

import dev.assay.AssayException;
import dev.assay.verify.code.AzProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes Absolute Zero problems from a validated program: deduction (predict an output), abduction
 * (find an input) and induction (write the function from pairs, checked on held-out pairs). The
 * expected values come from the validation runs, never from the model.
 */
public final class AzTaskMaker {
  private AzTaskMaker() {}

  public static AzProblem deduction(ProposedProgram p, TaskValidation v, int i) {
    JsonObject d = base(p, v).put("input", p.inputs().get(i)).put("expected", repr(v, i));
    return new AzProblem(p.id() + "/deduction/" + i, "deduction",
        "Predict the output of this Python function.\n\n```python\n" + p.code().strip()
            + "\n```\n\nWhat does " + p.entryPoint() + "(" + p.inputs().get(i)
            + ") return? Answer with the value as a Python literal.", d);
  }

  public static AzProblem abduction(ProposedProgram p, TaskValidation v, int i) {
    JsonObject d = base(p, v).put("input", p.inputs().get(i)).put("expected", repr(v, i));
    return new AzProblem(p.id() + "/abduction/" + i, "abduction",
        "Find an input for this Python function.\n\n```python\n" + p.code().strip()
            + "\n```\n\nGive arguments for which " + p.entryPoint() + " returns " + repr(v, i)
            + ". Answer with the arguments as Python literals separated by commas.", d);
  }

  /**
   * @param shown how many of the pairs (from the first) the solver sees; the rest are held out
   * @param message the proposer's hint about what f does, may be ""
   */
  public static AzProblem induction(ProposedProgram p, TaskValidation v, int shown,
      String message) {
    if (shown < 1 || shown >= p.inputs().size()) {
      throw AssayException.invalid("induction needs 1 <= shown < " + p.inputs().size());
    }
    StringBuilder sb = new StringBuilder("Write a Python function " + p.entryPoint()
        + " that maps these inputs to these outputs.\n");
    if (message != null && !message.isBlank()) {
      sb.append("Hint: ").append(message.strip()).append('\n');
    }
    for (int i = 0; i < shown; i++) {
      sb.append(p.entryPoint()).append('(').append(p.inputs().get(i)).append(") == ")
          .append(repr(v, i)).append('\n');
    }
    JsonArray held = new JsonArray();
    for (int i = shown; i < p.inputs().size(); i++) {
      held.add("assert " + p.entryPoint() + "(" + p.inputs().get(i) + ") == " + repr(v, i));
    }
    return new AzProblem(p.id() + "/induction", "induction",
        sb.append("Answer with the complete function.").toString(),
        base(p, v).put("held_out", held));
  }

  /** All problems of one program: deduction and abduction per input, one induction. */
  public static List<AzProblem> all(ProposedProgram p, TaskValidation v, String message) {
    List<AzProblem> out = new ArrayList<>();
    for (int i = 0; i < p.inputs().size(); i++) {
      out.add(deduction(p, v, i));
      out.add(abduction(p, v, i));
    }
    if (p.inputs().size() >= 2) {
      out.add(induction(p, v, (p.inputs().size() + 1) / 2, message));
    }
    return out;
  }

  private static JsonObject base(ProposedProgram p, TaskValidation v) {
    if (!v.valid()) {
      throw AssayException.invalid("program " + p.id() + " was rejected: " + v.rejection());
    }
    return new JsonObject().put("code", p.code()).put("entry_point", p.entryPoint());
  }

  private static String repr(TaskValidation v, int i) {
    return v.outputReprs().get(i);
  }

}
