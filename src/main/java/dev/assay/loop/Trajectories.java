package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.loop.prompt.Rendered;
import dev.assay.loop.prompt.Vars;
import dev.assay.model.ChatMessage;
import dev.assay.model.ChatRequest;
import dev.assay.model.Completion;
import dev.assay.model.RequestOptions;
import dev.assay.store.AgentSummary;
import dev.assay.store.Attempt;
import dev.assay.store.StoredVerdict;
import dev.assay.store.Turn;
import dev.assay.store.Usage;
import dev.assay.verify.tool.ToolRun;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Agentic solving: each sample of a problem is a trajectory of turns. The model may call a python
 * tool (run in the sandbox, earlier calls replayed) and a failing answer may get a developer's
 * feedback and another try. Every turn is stored before the loop acts on it, so a killed round
 * continues each trajectory from its last stored turn without asking the model again; what a
 * trajectory does next depends only on its stored turns. A trajectory ends with an attempt (its
 * final answer, verified) when its answer passes, its repairs or turns run out.
 */
final class Trajectories {
  private final RoundContext ctx;
  private final ModelFailures failures;

  Trajectories(RoundContext ctx, ModelFailures failures) {
    this.ctx = ctx;
    this.failures = failures;
  }

  private String domain(Problem p) {
    return p.domain().wire();
  }

  /** The tool style of a problem's trajectories: api, inline, or none (repair only). */
  private String style(Problem p) {
    return ctx.cfg().round().agent().tools(domain(p)) ? ctx.cfg().round().agent().toolStyle() : "none";
  }

  private Rendered prompt(Problem p) {
    return ctx.prompts().render(Vars.solveTask(p), Vars.solve(p));
  }

  /** Opens a problem's trajectories with one request for their first turns, then runs each to its end. */
  Future<Void> solve(Problem p, io.vertx.core.json.JsonArray trainingPrompt) {
    int n = ctx.cfg().round().samplesPerProblem();
    long seed = ctx.seedFor("solve", p.id());
    return ctx.model().complete(request(p, List.of(), n, seed, 0, 0, 0, false)).transform(ar -> {
      if (ar.failed()) {
        return failures.failed(p.id(), ar.cause(), Future::succeededFuture);
      }
      Completion c = ar.result();
      List<Turn> first = new ArrayList<>();
      for (int i = 0; i < c.choices().size(); i++) {
        first.add(new Turn(p.id(), i, 0, "assistant", c.choices().get(i), c.toolCalls().get(i), null, c.choiceTokens().get(i),
            null, new JsonObject().put("estimated", c.tokensEstimated()).put("prompt_tokens", c.usage().promptTokens() / n)
                .put("model", c.model()).put("seed", seed)));
      }
      Usage u = ProposeStage.usage(c);
      ctx.progress().modelCall("solve", u.promptTokens(), u.completionTokens(), u.requests(), u.latencyMs());
      return ctx.store().trajectories().open(ctx.roundId(), p.id(), u, trainingPrompt, first).compose(v -> resume(p));
    });
  }

  /** Continues a problem's unfinished trajectories from their stored turns. */
  Future<Void> resume(Problem p) {
    return ctx.store().trajectories().of(ctx.roundId(), p.id())
        .compose(all -> {
          List<Future<Void>> runs = new ArrayList<>();
          int n = all.stream().mapToInt(Turn::idx).max().orElse(-1) + 1;
          for (int i = 0; i < n; i++) {
            int idx = i;
            runs.add(step(p, new ArrayList<>(all.stream().filter(t -> t.idx() == idx).toList())));
          }
          return Future.all(runs).<Void>mapEmpty();
        });
  }

  /** What to do after the last stored turn; recurses until the trajectory ends (or must wait for a rerun). */
  private Future<Void> step(Problem p, List<Turn> turns) {
    if (turns.isEmpty()) {
      return Future.succeededFuture();
    }
    var agent = ctx.cfg().round().agent();
    Turn last = turns.get(turns.size() - 1);
    int answers = (int) turns.stream().filter(t -> t.role().equals("assistant")).count();
    if (!last.role().equals("assistant")) {
      return answers >= agent.maxTurns() ? finish(p, turns) : ask(p, turns);
    }
    List<AgentTurns.Call> calls = AgentTurns.calls(last, style(p));
    if (!calls.isEmpty() && answers < agent.maxTurns()) {
      return new ToolCalls(ctx, turns).run(calls, style(p)).compose(out -> put(turns, out)).compose(v -> ask(p, turns));
    }
    if (last.status() == null) {
      return ctx.verification().sample(SolveStage.check(p, last.content(), SolveStage.answerFormat(ctx, p, false)))
          .compose(v -> {
            ctx.progress().verdict(p.domain(), v);
            Turn checked = last.withStatus(v.reason().wire(), last.meta().copy().put("detail", v.detail())
                .put("verifier", v.verifier()).put("verify_ms", v.wallMs()).put("failed_test", v.failedTest()));
            turns.set(turns.size() - 1, checked);
            return ctx.store().trajectories().put(ctx.roundId(), List.of(checked)).compose(x -> step(p, turns));
          });
    }
    int repairs = (int) turns.stream().filter(t -> t.meta().getBoolean("feedback", false)).count();
    if (!last.status().equals("ok") && agent.repair(domain(p)) && repairs < agent.maxRepairs() && answers < agent.maxTurns()) {
      return put(turns, List.of(feedback(p, turns, last, repairs))).compose(v -> ask(p, turns));
    }
    return finish(p, turns);
  }

  private Turn feedback(Problem p, List<Turn> turns, Turn answer, int repairs) {
    boolean math = p.domain() == Domain.MATH;
    JsonObject vars = Vars.repair(p, agentVars(p, turns, true), answer.status(),
        math ? "" : AgentTurns.codeFeedback(p, answer.status(), answer.meta().getString("detail", ""),
            answer.meta().getInteger("failed_test", -1)));
    String text = ctx.prompts().render(math ? "agent/repair-math" : "agent/repair-code", vars).user();
    return new Turn(p.id(), answer.idx(), turns.size(), "user", text, null, null, 0, null,
        new JsonObject().put("feedback", true).put("repair", repairs + 1));
  }

  private Future<Void> put(List<Turn> turns, List<Turn> more) {
    return ctx.store().trajectories().put(ctx.roundId(), more).map(v -> {
      turns.addAll(more);
      return null;
    });
  }

  /** The next assistant turn (n = 1, seeded by problem, sample and turn). */
  private Future<Void> ask(Problem p, List<Turn> turns) {
    int idx = turns.get(0).idx();
    long seed = ctx.seedFor("turn", p.id() + "/" + idx + "/" + turns.size());
    JsonObject a = agentVars(p, turns, !turns.isEmpty() && turns.get(turns.size() - 1).meta().getBoolean("feedback", false));
    ChatRequest req = request(p, turns, 1, seed, a.getInteger("turn"), a.getInteger("tool_calls"), a.getInteger("repairs"),
        a.getBoolean("feedback"));
    return ctx.model().complete(req).transform(ar -> {
      if (ar.failed()) {
        return failures.failed(p.id() + "/" + idx, ar.cause(), () -> finish(p, turns));
      }
      Completion c = ar.result();
      Usage u = ProposeStage.usage(c);
      ctx.progress().modelCall("solve", u.promptTokens(), u.completionTokens(), u.requests(), u.latencyMs());
      Turn t = new Turn(p.id(), idx, turns.size(), "assistant", c.choices().get(0), c.toolCalls().get(0), null,
          c.choiceTokens().get(0), null, new JsonObject().put("estimated", c.tokensEstimated()));
      return put(turns, List.of(t)).compose(v -> step(p, turns));
    });
  }

  private JsonObject agentVars(Problem p, List<Turn> turns, boolean feedback) {
    int answers = (int) turns.stream().filter(t -> t.role().equals("assistant")).count();
    int calls = (int) turns.stream().filter(t -> t.meta().containsKey("tool_ms")).count();
    int repairs = (int) turns.stream().filter(t -> t.meta().getBoolean("feedback", false)).count();
    return Vars.agent(style(p), answers, calls, repairs, feedback);
  }

  private ChatRequest request(Problem p, List<Turn> turns, int n, long seed, int turn, int calls, int repairs,
      boolean feedback) {
    Rendered prompt = prompt(p);
    String style = style(p);
    List<ChatMessage> messages = new ArrayList<>();
    if (style.equals("inline")) {
      messages.add(ChatMessage.system(ctx.prompts().render("agent/tools-inline",
          Vars.solve(p).put("agent", Vars.agent(style, turn, calls, repairs, feedback))).user()));
    }
    messages.addAll(prompt.messages());
    messages.addAll(AgentTurns.messages(turns));
    RequestOptions options = prompt.options().withTools(style.equals("api") ? AgentTurns.PYTHON_TOOL : null,
        style.equals("inline") ? List.of(AgentTurns.INLINE_STOP) : List.of());
    JsonObject vars = prompt.vars().copy().put("agent", Vars.agent(style, turn, calls, repairs, feedback));
    return new ChatRequest(messages, n, seed, prompt.task(), vars, options);
  }

  /** Ends a trajectory: its last answer, verified, becomes the sample's attempt with the trajectory's summary. */
  private Future<Void> finish(Problem p, List<Turn> turns) {
    Turn answer = null;
    for (Turn t : turns) {
      if (t.role().equals("assistant")) {
        answer = t;
      }
    }
    if (answer == null) {
      return Future.failedFuture(new AssayException(ErrorKind.INTERNAL, "trajectory without an answer: " + p.id()));
    }
    Turn last = answer;
    Future<StoredVerdict> verdict = last.status() != null
        ? Future.succeededFuture(new StoredVerdict(last.status(), last.meta().getString("detail", ""),
            last.meta().getString("verifier", ""), last.meta().getLong("verify_ms", 0L)))
        : ctx.verification().sample(SolveStage.check(p, last.content(), SolveStage.answerFormat(ctx, p, false)))
            .map(SolveStage::stored);
    return verdict.compose(v -> {
      Turn first = turns.get(0);
      int tokens = turns.stream().filter(t -> t.role().equals("assistant")).mapToInt(Turn::tokens).sum();
      boolean estimated = turns.stream().anyMatch(t -> t.meta().getBoolean("estimated", false));
      Attempt a = new Attempt(p.id(), last.idx(), Problem.hash(p.id() + "\n" + last.content()), last.content(),
          first.meta().getInteger("prompt_tokens", 0), tokens, first.meta().getString("model", ""),
          first.meta().getLong("seed", 0L), "sample", estimated);
      String firstVerdict = turns.stream().filter(t -> t.role().equals("assistant") && t.status() != null)
          .map(Turn::status).findFirst().orElse(v.reason());
      long toolMs = turns.stream().mapToLong(t -> t.meta().getLong("tool_ms", 0L)).sum();
      AgentSummary s = new AgentSummary((int) turns.stream().filter(t -> t.role().equals("assistant")).count(),
          (int) turns.stream().filter(t -> t.meta().containsKey("tool_ms")).count(), toolMs,
          (int) turns.stream().filter(t -> t.meta().getBoolean("feedback", false)).count(), firstVerdict);
      return ctx.store().trajectories().finish(ctx.roundId(), a, s, v).onSuccess(x -> ctx.progress().step("verify"));
    });
  }
}
