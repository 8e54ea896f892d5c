package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.config.AssayConfig;
import dev.assay.loop.Rounds;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.loop.prompt.PromptBook;
import dev.assay.loop.prompt.Rendered;
import dev.assay.loop.prompt.Vars;
import dev.assay.model.ChatMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assay prompts}: the messages the loop would send, rendered from the config's templates:
 * for one seed problem ({@code --problem}, by id or source id), or for the first seed of each domain.
 * The Absolute Zero solve templates, which need a validated program, render with example values; the
 * messages a trajectory adds, where {@code round.solve_mode} uses them (or {@code --task} names one).
 */
@Command(name = "prompts", mixinStandardHelpOptions = true,
    description = "Print the messages the loop sends, rendered from the config's prompt templates.")
final class PromptsCommand implements Callable<Integer> {
  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(names = "--problem", description = "A seed problem's id or source id (default: the first seed of each domain)")
  String problem;

  @Option(names = "--task", description = "Only this task (e.g. solve/math); default: every task that applies")
  String task;

  @Option(names = "--format", description = "text or json (one object per line)")
  String format = "text";

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw AssayException.invalid("--format must be text or json, got '" + format + "'");
    }
    if (task != null && !PromptBook.TASKS.contains(task)) {
      throw AssayException.invalid("--task must be one of " + PromptBook.TASKS + ", got '" + task + "'");
    }
    AssayConfig cfg = options.load();
    PromptBook book = PromptBook.load(cfg.prompts());
    List<Problem> seeds = Rounds.loadSeeds(cfg);
    List<Problem> chosen = problem != null
        ? seeds.stream().filter(p -> p.id().equals(problem) || p.sourceId().equals(problem)).limit(1).toList()
        : List.of(Domain.MATH, Domain.CODE).stream()
            .flatMap(d -> seeds.stream().filter(p -> p.domain() == d).limit(1)).toList();
    if (chosen.isEmpty()) {
      throw AssayException.invalid("--problem: no seed problem with id or source id '" + problem + "' in "
          + cfg.round().seeds());
    }
    int k = cfg.round().proposalsPerSeed();
    AssayConfig.Agent agent = cfg.round().agent();
    for (Problem p : chosen) {
      String what = "problem " + (p.sourceId().isEmpty() ? p.id() : p.sourceId());
      List<String> tasks = p.domain() == Domain.MATH
          ? List.of("propose/math", "propose/math-program", "solve/math", "solve/rationalize")
          : Vars.isIo(p) ? List.of("propose/code-io", "solve/code-io")
          : List.of("propose/code-tasks", "propose/code-reasoning", "solve/code");
      for (String t : tasks) {
        JsonObject vars = t.startsWith("propose/") ? Vars.propose(p, k) : t.equals("solve/rationalize")
            ? Vars.rationalize(p) : Vars.solve(p);
        print(book, t, vars, what);
      }
      printAgent(book, agent, p, what);
    }
    if (problem == null) {
      for (String t : List.of("solve/deduction", "solve/abduction", "solve/induction")) {
        print(book, t, PromptBook.exampleVars(t), "example values");
      }
    }
    return ExitCodes.OK;
  }

  /**
   * The messages a trajectory adds (inline tool instructions, repair feedback), where the config's
   * {@code round.solve_mode} uses them for the problem's domain or {@code --task} names one; the
   * feedback is an example, since the real one quotes a verdict.
   */
  private void printAgent(PromptBook book, AssayConfig.Agent agent, Problem p, String what) {
    String domain = p.domain().wire();
    boolean math = p.domain() == Domain.MATH;
    String style = agent.tools(domain) ? agent.toolStyle() : "none";
    if (math && (task != null || (agent.tools(domain) && style.equals("inline")))) {
      print(book, "agent/tools-inline", Vars.solve(p).put("agent", Vars.agent("inline", 0, 0, 0, false)), what);
    }
    if (task != null || agent.repair(domain)) {
      JsonObject vars = Vars.repair(p, Vars.agent(style, 1, 0, 0, true), "wrong_answer",
          math ? "" : "a hidden test failed (wrong answer)");
      print(book, math ? "agent/repair-math" : "agent/repair-code", vars, what + ", example feedback");
    }
  }

  private void print(PromptBook book, String t, JsonObject vars, String what) {
    if (task != null && !task.equals(t)) {
      return;
    }
    Rendered r = book.render(t, vars);
    String source = book.template(t).source();
    if (format.equals("json")) {
      JsonArray messages = new JsonArray();
      r.messages().forEach(m -> messages.add(new JsonObject().put("role", m.role()).put("content", m.content())));
      System.out.println(new JsonObject().put("task", t).put("for", what).put("template", source)
          .put("messages", messages).put("options", JsonObject.mapFrom(r.options()))
          .put("answer_format", r.answerFormat()).encode());
      return;
    }
    System.out.println("=== " + t + " (" + what + "; " + source + ") ===");
    for (ChatMessage m : r.messages()) {
      System.out.println("[" + m.role() + "]");
      System.out.println(m.content());
    }
    System.out.println();
  }
}
