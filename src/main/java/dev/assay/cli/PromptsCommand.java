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
 * The Absolute Zero solve templates, which need a validated program, render with example values.
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
    for (Problem p : chosen) {
      List<String> tasks = p.domain() == Domain.MATH
          ? List.of("propose/math", "propose/math-program", "solve/math", "solve/rationalize")
          : List.of("propose/code-tasks", "propose/code-reasoning", "solve/code");
      for (String t : tasks) {
        JsonObject vars = t.startsWith("propose/") ? Vars.propose(p, k) : t.equals("solve/rationalize")
            ? Vars.rationalize(p) : Vars.solve(p);
        print(book, t, vars, "problem " + (p.sourceId().isEmpty() ? p.id() : p.sourceId()));
      }
    }
    if (problem == null) {
      for (String t : List.of("solve/deduction", "solve/abduction", "solve/induction")) {
        print(book, t, PromptBook.exampleVars(t), "example values");
      }
    }
    return ExitCodes.OK;
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
