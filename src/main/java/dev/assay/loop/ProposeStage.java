package dev.assay.loop;

import dev.assay.model.ChatMessage;
import dev.assay.model.ChatRequest;
import dev.assay.model.Completion;
import dev.assay.store.Store.ProblemRow;
import dev.assay.store.Store.Usage;
import dev.assay.verify.Domain;
import dev.assay.verify.Problem;
import dev.assay.verify.code.CodeVerifier;
import dev.assay.verify.code.GeneratedSuite;
import dev.assay.verify.code.TestSuiteJudge;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the proposer for new problems from each example and validates what comes back: format
 * checks here, program-aided answers (TinyGSM) and Absolute Zero task validity in the sandbox.
 * One proposer answer and the problems it yields are stored atomically, keyed by example and
 * kind, so a resumed round never asks twice.
 */
final class ProposeStage {
  private static final Logger log = LoggerFactory.getLogger(ProposeStage.class);
  private final RoundContext ctx;
  private final Set<String> known;
  private final ReasoningTasks reasoning;
  private final TestSuiteJudge judge;

  ProposeStage(RoundContext ctx, Set<String> known) {
    this.ctx = ctx;
    this.known = known;
    this.reasoning = new ReasoningTasks(ctx);
    var sb = ctx.cfg().sandbox();
    this.judge = new TestSuiteJudge(new CodeVerifier(ctx.sandbox(), sb.timeoutMs(), sb.memoryMb()));
  }

  /** One request to make: an example and the kind of proposal. */
  record Ask(Problem example, String kind) {
    String key() {
      return kind.equals("tasks") || kind.equals("answer") ? example.id() : example.id() + ":" + kind;
    }
  }

  static List<Ask> asks(List<Problem> examples, String mathMode, String codeMode) {
    List<Ask> out = new ArrayList<>();
    for (Problem e : examples) {
      if (e.domain() == Domain.MATH) {
        out.add(new Ask(e, mathMode));
      } else {
        if (!codeMode.equals("reasoning")) {
          out.add(new Ask(e, "tasks"));
        }
        if (!codeMode.equals("tasks")) {
          out.add(new Ask(e, "reasoning"));
        }
      }
    }
    return out;
  }

  Future<Void> run(List<Problem> examples) {
    int k = ctx.cfg().round().proposalsPerSeed();
    if (k == 0) {
      return Future.succeededFuture();
    }
    return ctx.store().proposedSeeds(ctx.round().id()).compose(done -> {
      List<Ask> todo = asks(examples, ctx.cfg().round().mathProposals(), ctx.cfg().round().codeProposals())
          .stream().filter(a -> !done.contains(a.key())).toList();
      ctx.progress().stage("propose", todo.size());
      return Lanes.run(todo, ctx.width(), a -> one(a, k), ctx.cancelled());
    });
  }

  private Future<Void> one(Ask a, int k) {
    String prompt = switch (a.kind()) {
      case "program" -> Prompts.proposeWithProgram(a.example(), k);
      case "reasoning" -> Prompts.proposeReasoning(a.example(), k);
      default -> Prompts.propose(a.example(), k);
    };
    ChatRequest req = new ChatRequest(List.of(new ChatMessage("user", prompt)), 1, ctx.seedFor("propose-" + a.kind(), a.example().id()));
    return ctx.model().complete(req)
        .compose(c -> rows(a, text(c)).map(rows -> new Reply(usage(c), rows)))
        .recover(e -> Future.succeededFuture(new Reply(Usage.NONE, List.of(modelError(a.example(), e)))))
        .compose(r -> ctx.store().saveProposal(ctx.round().id(), a.key(), r.usage(), r.rows()).onSuccess(v -> report(a, r)))
        .onSuccess(v -> ctx.progress().step("propose"));
  }

  private Future<List<ProblemRow>> rows(Ask a, String text) {
    return switch (a.kind()) {
      case "program" -> programRows(a.example(), text);
      case "reasoning" -> reasoning.rows(a.example(), text, known);
      case "tasks" -> judged(a.example(), Proposals.rows(a.example(), text));
      default -> Future.succeededFuture(Proposals.parse(a.example(), text, known));
    };
  }

  /**
   * Model-written tests are trusted only after the proposer's reference solution passes them
   * (failing tests are dropped; too few left rejects the task) and no trivial solution (a
   * constant, the input unchanged) passes them all.
   */
  private Future<List<ProblemRow>> judged(Problem seed, List<ProblemRow> rows) {
    List<Future<ProblemRow>> all = new ArrayList<>();
    for (ProblemRow r : rows) {
      all.add(r.status().equals("valid") ? judge(r.problem()) : Future.succeededFuture(r));
    }
    return Future.all(all).map(cf -> Proposals.dedup(seed, all.stream().map(Future::result).toList(), known));
  }

  private Future<ProblemRow> judge(Problem p) {
    JsonObject b = p.body();
    String solution = b.getString("solution");
    if (solution == null) {
      return Future.succeededFuture(ProblemRow.dropped(p, "missing_solution", "no reference solution to check the tests with"));
    }
    List<String> tests = b.getJsonArray("tests").stream().map(String::valueOf).toList();
    GeneratedSuite suite = new GeneratedSuite(p.id(), b.getString("prompt"), b.getString("entry_point"), solution, tests, List.of());
    return judge.judge(suite).map(j -> {
      if (!j.accepted()) {
        int colon = j.reason().indexOf(':');
        return ProblemRow.dropped(p, colon < 0 ? j.reason() : j.reason().substring(0, colon),
            ((colon < 0 ? "" : j.reason().substring(colon + 1) + ": ") + j.detail()).strip());
      }
      JsonObject body = b.copy().put("tests", new io.vertx.core.json.JsonArray(new ArrayList<Object>(j.keptTests())))
          .put("suite", new JsonObject().put("dropped_tests", j.droppedTests().size())
              .put("trivial_pass_rate", j.trivialPassRate()));
      return ProblemRow.valid(Problem.of(p.domain(), p.origin(), p.parentId(), p.sourceId(), body));
    });
  }

  /** TinyGSM: the answer is what the program prints in the sandbox, never the model's text. */
  private Future<List<ProblemRow>> programRows(Problem seed, String text) {
    return Proposals.checkEach(seed, text, known, (item, i) -> programRow(seed, item, i).map(List::of));
  }

  private Future<ProblemRow> programRow(Problem seed, JsonObject item, int i) {
    String problem = Proposals.text(item.getValue("problem"));
    String program = Proposals.text(item.getValue("program"));
    JsonObject body = new JsonObject().put("problem", problem == null ? "" : problem).put("answer", "");
    if (problem == null || program == null) {
      return Future.succeededFuture(ProblemRow.dropped(Problem.of(Domain.MATH, "proposed", seed.id(), "", body.put("item", i)),
          problem == null ? "missing_problem" : "missing_program", "item " + i));
    }
    var sb = ctx.cfg().sandbox();
    return ProgramAnswers.answer(ctx.sandbox(), program, sb.timeoutMs(), sb.memoryMb()).map(o -> {
      if (o.answer() == null) {
        return ProblemRow.dropped(Problem.of(Domain.MATH, "proposed", seed.id(), "", body.put("program", program)),
            o.dropReason(), o.detail());
      }
      return ProblemRow.valid(Problem.of(Domain.MATH, "proposed", seed.id(), "",
          new JsonObject().put("problem", problem).put("answer", o.answer()).put("program", program)));
    });
  }

  private void report(Ask a, Reply r) {
    if (r.usage().requests() > 0) {
      ctx.progress().modelCall("propose", r.usage().promptTokens(), r.usage().completionTokens(), r.usage().requests(),
          r.usage().latencyMs());
    }
    r.rows().stream().filter(x -> !x.status().equals("valid"))
        .forEach(x -> ctx.progress().problemDropped(a.example().domain(), x.dropReason()));
  }

  private record Reply(Usage usage, List<ProblemRow> rows) {}

  private static String text(Completion c) {
    return c.choices().isEmpty() || c.choices().get(0) == null ? "" : c.choices().get(0);
  }

  static Usage usage(Completion c) {
    return new Usage(c.usage().promptTokens(), c.usage().completionTokens(), c.attempts(), c.latencyMs());
  }

  private static ProblemRow modelError(Problem seed, Throwable e) {
    log.warn("proposer failed seed={}: {}", seed.id(), e.getMessage());
    JsonObject body = new JsonObject().put("seed", seed.id()).put("error", String.valueOf(e.getMessage()));
    return ProblemRow.dropped(Problem.of(seed.domain(), "proposed", seed.id(), "", body), "model_error",
        String.valueOf(e.getMessage()));
  }
}
