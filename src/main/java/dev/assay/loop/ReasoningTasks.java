package dev.assay.loop;

import dev.assay.store.Store.ProblemRow;
import dev.assay.verify.Domain;
import dev.assay.verify.Problem;
import dev.assay.verify.code.AzProblem;
import dev.assay.verify.code.AzTasks;
import dev.assay.verify.code.ProposedProgram;
import dev.assay.verify.code.TaskValidation;
import dev.assay.verify.code.TaskValidator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Absolute Zero code-reasoning tasks: a proposed program {@code f} with inputs is validated in the
 * sandbox (parses, terminates, deterministic, no banned modules or effects, JSON-serialisable
 * outputs); the outputs come from executing it, never from the model's text. Each valid program
 * yields one deduction, one abduction and one induction problem, each with its own checker.
 */
final class ReasoningTasks {
  private final TaskValidator validator;

  ReasoningTasks(RoundContext ctx) {
    this.validator = new TaskValidator(ctx.sandbox());
  }

  Future<List<ProblemRow>> rows(Problem seed, String text, Set<String> known) {
    return Proposals.checkEach(seed, text, known, (item, i) -> program(seed, item, i));
  }

  private Future<List<ProblemRow>> program(Problem seed, JsonObject item, int i) {
    String code = Proposals.text(item.getValue("program"));
    String description = item.getString("description", "");
    List<String> inputs = new ArrayList<>();
    if (item.getValue("inputs") instanceof JsonArray a) {
      a.forEach(x -> inputs.add(String.valueOf(x)));
    }
    JsonObject raw = new JsonObject().put("format", "az").put("program", code == null ? "" : code)
        .put("inputs", new JsonArray(inputs)).put("item", i);
    if (code == null) {
      return Future.succeededFuture(List.of(drop(seed, raw, "missing_program", "item " + i)));
    }
    ProposedProgram p = ProposedProgram.python(Problem.hash(code + inputs), code, inputs);
    return validator.validate(p).map(v -> v.valid() ? problems(seed, p, v, description) : List.of(rejected(seed, raw, v)));
  }

  private static ProblemRow rejected(Problem seed, JsonObject raw, TaskValidation v) {
    int colon = v.reason().indexOf(':');
    String reason = colon < 0 ? v.reason() : v.reason().substring(0, colon);
    String detail = (colon < 0 ? "" : v.reason().substring(colon + 1) + " ") + v.detail();
    return drop(seed, raw, reason, detail.strip());
  }

  private static ProblemRow drop(Problem seed, JsonObject raw, String reason, String detail) {
    return ProblemRow.dropped(Problem.of(Domain.CODE, "proposed", seed.id(), "", raw), reason, detail);
  }

  /** One deduction and one abduction (on inputs picked from the program's hash), one induction. */
  private static List<ProblemRow> problems(Problem seed, ProposedProgram p, TaskValidation v, String description) {
    int n = p.inputs().size();
    int pick = (int) (Long.parseUnsignedLong(p.id().substring(0, 8), 16) % n);
    List<ProblemRow> out = new ArrayList<>();
    AzProblem d = AzTasks.deduction(p, v, pick);
    out.add(row(seed, d, Prompts.deduction(p.code(), p.inputs().get(pick))));
    int other = (pick + 1) % n;
    AzProblem a = AzTasks.abduction(p, v, other);
    out.add(row(seed, a, Prompts.abduction(p.code(), v.outputReprs().get(other))));
    if (n >= 2) {
      int shown = (n + 1) / 2;
      AzProblem in = AzTasks.induction(p, v, shown, description);
      out.add(row(seed, in, Prompts.induction(description, p.inputs().subList(0, shown), v.outputReprs().subList(0, shown))));
    }
    return out;
  }

  private static ProblemRow row(Problem seed, AzProblem az, String statement) {
    JsonObject body = new JsonObject().put("format", "az").put("az_type", az.type()).put("statement", statement)
        .put("az", az.toJson());
    return ProblemRow.valid(Problem.of(Domain.CODE, "proposed", seed.id(), "", body));
  }
}
