package dev.assay.loop;

import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.loop.prompt.PromptBook;
import dev.assay.loop.prompt.Vars;
import dev.assay.store.ProblemRow;
import dev.assay.verify.Verification;
import dev.assay.verify.code.AzProblem;
import dev.assay.verify.proposal.AzTaskMaker;
import dev.assay.verify.proposal.GeneratedSuite;
import dev.assay.verify.proposal.ProposedProgram;
import dev.assay.verify.proposal.TaskValidation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks a proposal passes before it becomes a problem, each run through the verifiers:
 * <ul>
 *   <li>code tasks: model-written tests are trusted only after the proposer's reference solution
 *       passes them (failing tests are dropped; too few left rejects the task) and no trivial
 *       solution (a constant, the input unchanged) passes them all;
 *   <li>math programs (TinyGSM): the answer is what the program returns in the sandbox, never the
 *       model's text;
 *   <li>Absolute Zero programs: parsed, terminating, deterministic, no banned module or effect,
 *       JSON-serialisable outputs; each valid one becomes a deduction, an abduction and an
 *       induction problem whose expected values come from running it.
 * </ul>
 * A rejection is a dropped row with its reason; a failed future means our own infrastructure failed.
 */
final class ProposalChecks {
  private final Verification verification;
  private final PromptBook prompts;

  ProposalChecks(Verification verification, PromptBook prompts) {
    this.verification = verification;
    this.prompts = prompts;
  }

  /** Judges the test suite of every valid code task among {@code rows}. */
  Future<List<ProblemRow>> judged(Problem seed, List<ProblemRow> rows) {
    List<Future<ProblemRow>> all = new ArrayList<>();
    for (ProblemRow r : rows) {
      all.add(r.status().equals("valid") ? judge(r.problem()) : Future.succeededFuture(r));
    }
    return Future.all(all).map(cf -> all.stream().map(Future::result).toList());
  }

  private Future<ProblemRow> judge(Problem p) {
    JsonObject b = p.body();
    String solution = b.getString("solution");
    if (solution == null) {
      return Future.succeededFuture(ProblemRow.dropped(p, "missing_solution", "no reference solution to check the tests with"));
    }
    List<String> tests = b.getJsonArray("tests").stream().map(String::valueOf).toList();
    GeneratedSuite suite = new GeneratedSuite(p.id(), b.getString("prompt"), b.getString("entry_point"), solution, tests, List.of());
    return verification.suite(suite).map(j -> {
      if (!j.accepted()) {
        return ProblemRow.dropped(p, j.rejection().wire(), j.detail());
      }
      JsonObject body = b.copy().put("tests", new JsonArray(new ArrayList<Object>(j.keptTests())))
          .put("suite", new JsonObject().put("dropped_tests", j.droppedTests().size())
              .put("trivial_pass_rate", j.trivialPassRate()));
      return ProblemRow.valid(Problem.of(p.domain(), p.origin(), p.parentId(), p.sourceId(), body));
    });
  }

  /** TinyGSM: one proposed problem with its program; the answer is what the program returns. */
  Future<List<ProblemRow>> program(Problem seed, JsonObject item, int i) {
    String problem = Proposals.text(item.getValue("problem"));
    String program = Proposals.text(item.getValue("program"));
    JsonObject body = new JsonObject().put("problem", problem == null ? "" : problem).put("answer", "");
    if (problem == null || program == null) {
      return Future.succeededFuture(List.of(ProblemRow.dropped(Problem.of(Domain.MATH, "proposed", seed.id(), "",
          body.put("item", i)), problem == null ? "missing_problem" : "missing_program", "item " + i)));
    }
    return verification.answer(program).map(o -> List.of(o.answer() == null
        ? ProblemRow.dropped(Problem.of(Domain.MATH, "proposed", seed.id(), "", body.put("program", program)),
            o.rejection().wire(), o.detail())
        : ProblemRow.valid(Problem.of(Domain.MATH, "proposed", seed.id(), "",
            new JsonObject().put("problem", problem).put("answer", o.answer()).put("program", program)))));
  }

  /** Absolute Zero: one proposed program; valid ones yield their deduction, abduction and induction problems. */
  Future<List<ProblemRow>> reasoning(Problem seed, JsonObject item, int i) {
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
    return verification.program(p).map(v -> v.valid() ? problems(seed, p, v, description)
        : List.of(drop(seed, raw, v.rejection().wire(), v.detail())));
  }

  private static ProblemRow drop(Problem seed, JsonObject raw, String reason, String detail) {
    return ProblemRow.dropped(Problem.of(Domain.CODE, "proposed", seed.id(), "", raw), reason, detail);
  }

  /** One deduction and one abduction (on inputs picked from the program's hash), one induction. */
  private List<ProblemRow> problems(Problem seed, ProposedProgram p, TaskValidation v, String description) {
    int n = p.inputs().size();
    int pick = (int) (Long.parseUnsignedLong(p.id().substring(0, 8), 16) % n);
    List<ProblemRow> out = new ArrayList<>();
    out.add(row(seed, AzTaskMaker.deduction(p, v, pick), Vars.deduction(p.code(), p.inputs().get(pick))));
    int other = (pick + 1) % n;
    out.add(row(seed, AzTaskMaker.abduction(p, v, other), Vars.abduction(p.code(), v.outputReprs().get(other))));
    if (n >= 2) {
      int shown = (n + 1) / 2;
      out.add(row(seed, AzTaskMaker.induction(p, v, shown, description),
          Vars.induction(description, p.inputs().subList(0, shown), v.outputReprs().subList(0, shown))));
    }
    return out;
  }

  /**
   * An Absolute Zero problem: its checker's data, the variables its solve template takes and, as its
   * statement (what screening compares and proposers see), the solve message those render to.
   */
  private ProblemRow row(Problem seed, AzProblem az, JsonObject solveVars) {
    JsonObject body = new JsonObject().put("format", "az").put("az_type", az.type()).put(Vars.SOLVE_VARS, solveVars)
        .put("az", az.toJson());
    Problem draft = Problem.of(Domain.CODE, "proposed", seed.id(), "", body);
    String statement = prompts.render(Vars.solveTask(draft), Vars.solve(draft)).user();
    return ProblemRow.valid(Problem.of(Domain.CODE, "proposed", seed.id(), "", body.copy().put("statement", statement)));
  }
}
