package dev.assay.loop;

import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.loop.prompt.Vars;
import dev.assay.model.ChatRequest;
import dev.assay.model.Completion;
import dev.assay.store.ProblemRow;
import dev.assay.store.ProblemStat;
import dev.assay.store.Usage;
import dev.assay.verify.FinalAnswer;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the round's seeds, then asks the proposer for new problems from each example and
 * validates what comes back: format checks here, program-aided answers (TinyGSM), generated test
 * suites and Absolute Zero programs through the verifiers. One proposer answer and the problems it
 * yields are stored atomically, keyed by example and kind, so a resumed round never asks twice.
 */
final class ProposeStage implements Stage {
  private static final Logger log = LoggerFactory.getLogger(ProposeStage.class);

  @Override
  public String name() {
    return "propose";
  }

  /** One request to make: an example and the kind of proposal. */
  record Ask(Problem example, String kind) {
    String key() {
      return kind.equals("tasks") || kind.equals("answer") || kind.equals("io") ? example.id() : example.id() + ":" + kind;
    }
  }

  static List<Ask> asks(List<Problem> examples, String mathMode, String codeMode) {
    List<Ask> out = new ArrayList<>();
    for (Problem e : examples) {
      if (e.domain() == Domain.MATH) {
        out.add(new Ask(e, mathMode));
      } else if (dev.assay.loop.prompt.Vars.isIo(e)) {
        out.add(new Ask(e, "io")); // stdin/stdout problems beget their own kind, in the example's language
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

  @Override
  public Future<Void> run(RoundContext ctx) {
    long roundId = ctx.roundId();
    int k = ctx.cfg().round().proposalsPerSeed();
    return ctx.store().problems().save(roundId, ctx.seeds().stream().map(ProblemRow::valid).toList())
        .compose(v -> k == 0 ? Future.succeededFuture() : Future.all(ctx.store().problems().list(roundId, false),
                ctx.store().problems().stats(ctx.round().run(), ctx.round().roundNo()), ctx.store().problems().proposed(roundId))
            .compose(cf -> {
              Set<String> known = new HashSet<>();
              ((List<ProblemRow>) cf.resultAt(0)).forEach(r -> known.add(r.problem().id()));
              Set<String> done = cf.resultAt(2);
              List<Ask> todo = asks(examples(ctx, cf.resultAt(1)), ctx.cfg().round().mathProposals(),
                  ctx.cfg().round().codeProposals()).stream().filter(a -> !done.contains(a.key())).toList();
              ctx.progress().stage(name(), todo.size());
              Proposer p = new Proposer(ctx, known);
              return Lanes.run(todo, ctx.width(), a -> p.one(a, k), ctx.cancelled()).compose(x -> p.failures.check());
            }));
  }

  /**
   * Self-Instruct: the proposer's examples are the seeds plus the problems of earlier rounds whose
   * pass rate fell in the learnability band (neither trivial nor impossible).
   */
  private static List<Problem> examples(RoundContext ctx, List<ProblemStat> earlier) {
    Map<String, Problem> out = new LinkedHashMap<>();
    ctx.seeds().forEach(s -> out.put(s.id(), s));
    earlier.stream()
        .filter(s -> s.problem().origin().equals("proposed") && s.total() > 0)
        .filter(s -> ctx.cleaning().learnable.containsRate(s.passed(), s.total()))
        .forEach(s -> out.putIfAbsent(s.problem().id(), s.problem()));
    return new ArrayList<>(out.values());
  }

  /** Asks for and checks the proposals of one round. */
  private static final class Proposer {
    private final RoundContext ctx;
    private final Set<String> known;
    private final ProposalChecks checks;
    final ModelFailures failures;

    Proposer(RoundContext ctx, Set<String> known) {
      this.ctx = ctx;
      this.known = known;
      this.checks = new ProposalChecks(ctx.verification(), ctx.prompts());
      this.failures = new ModelFailures(ctx, "propose");
    }

    Future<Void> one(Ask a, int k) {
      ChatRequest req = ctx.prompts().render(Vars.proposeTask(a.kind()), Vars.propose(a.example(), k))
          .request(1, ctx.seedFor("propose-" + a.kind(), a.example().id()));
      return ctx.model().complete(req)
          .transform(ar -> ar.failed()
              ? failures.failed(a.key(), ar.cause(), () -> save(a, new Reply(Usage.NONE, List.of(modelError(a.example(),
                  ar.cause())))))
              : rows(a, text(ar.result())).compose(rows -> save(a, new Reply(usage(ar.result()), rows))))
          .onSuccess(v -> ctx.progress().step("propose"));
    }

    private Future<Void> save(Ask a, Reply r) {
      return ctx.store().problems().saveProposal(ctx.roundId(), a.key(), r.usage(), r.rows()).onSuccess(v -> report(a, r));
    }

    private Future<List<ProblemRow>> rows(Ask a, String text) {
      return switch (a.kind()) {
        case "program" -> Proposals.checkEach(a.example(), text, known, (item, i) -> checks.program(a.example(), item, i));
        case "reasoning" -> Proposals.checkEach(a.example(), text, known, (item, i) -> checks.reasoning(a.example(), item, i));
        case "io" -> Proposals.checkEach(a.example(), text, known, (item, i) -> IoProposals.check(ctx.verification(),
            a.example(), item, i));
        case "tasks" -> checks.judged(a.example(), Proposals.rows(a.example(), text))
            .map(rows -> Proposals.dedup(a.example(), rows, known));
        default -> Future.succeededFuture(Proposals.parse(a.example(), text, known));
      };
    }

    private void report(Ask a, Reply r) {
      if (r.usage().requests() > 0) {
        ctx.progress().modelCall("propose", r.usage().promptTokens(), r.usage().completionTokens(), r.usage().requests(),
            r.usage().latencyMs());
      }
      r.rows().stream().filter(x -> !x.status().equals("valid"))
          .forEach(x -> ctx.progress().problemDropped(a.example().domain(), x.dropReason()));
    }
  }

  private record Reply(Usage usage, List<ProblemRow> rows) {}

  /** The proposal's text: a reasoning model's thinking is not part of it (a draft there is not proposed). */
  private static String text(Completion c) {
    return c.choices().isEmpty() ? "" : FinalAnswer.orEmpty(c.choices().get(0));
  }

  static Usage usage(Completion c) {
    return new Usage(c.usage().promptTokens(), c.usage().completionTokens(), c.attempts(), c.latencyMs());
  }

  private static ProblemRow modelError(Problem seed, Throwable e) {
    log.warn("proposer failed seed={}: {}", seed.id(), e.getMessage());
    io.vertx.core.json.JsonObject body = new io.vertx.core.json.JsonObject().put("seed", seed.id())
        .put("error", String.valueOf(e.getMessage()));
    return ProblemRow.dropped(Problem.of(seed.domain(), "proposed", seed.id(), "", body), "model_error",
        String.valueOf(e.getMessage()));
  }
}
