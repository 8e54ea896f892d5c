package dev.assay.loop.prompt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.assay.AssayException;
import dev.assay.config.AssayConfig;
import dev.assay.model.ChatMessage;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every message the loop sends, as Jinja templates (HubSpot's Jinjava): one per task, each with an
 * optional system prompt, optional few-shot turns, the user message, where a math answer must be,
 * and request options. The shipped templates live in {@code config/prompts/<task>.yaml} (also in the
 * jar); {@code prompts.dir} replaces them file by file and {@code prompts.<task>} overrides single
 * fields inline. Every template also sees {@code answer_format} (where its answer must be), which
 * travels with the request's variables. Loading renders every template once with example variables, so a template naming
 * an unknown variable, a missing file or a bad field is a CONFIG error (exit 2) before anything runs.
 */
public final class PromptBook {
  /** The tasks, as their request header names them; the template of {@code solve/math} is {@code solve_math}. */
  public static final List<String> TASKS = List.of("propose/math", "propose/math-program", "propose/code-tasks",
      "propose/code-reasoning", "solve/math", "solve/code", "solve/deduction", "solve/abduction", "solve/induction",
      "solve/rationalize", "agent/tools-inline", "agent/repair-math", "agent/repair-code");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final Jinjava jinja = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).build());
  private final Map<String, Template> templates;

  private PromptBook(Map<String, Template> templates) {
    this.templates = templates;
  }

  /** The file name (without .yaml) and inline key of a task's template. */
  public static String templateName(String task) {
    return task.replace('/', '_').replace('-', '_');
  }

  /** Loads and checks every template. Blocking (reads files): call it off the event loop. */
  public static PromptBook load(AssayConfig.Prompts cfg) {
    Map<String, Template> out = new LinkedHashMap<>();
    for (String task : TASKS) {
      String name = templateName(task);
      Map<String, Object> fields = new LinkedHashMap<>(read(cfg.dir(), name));
      String source = cfg.dir() != null && Files.exists(cfg.dir().resolve(name + ".yaml"))
          ? cfg.dir().resolve(name + ".yaml").toString() : "config/prompts/" + name + ".yaml (shipped)";
      Object inline = cfg.tasks().get(name);
      if (inline instanceof Map<?, ?> m) {
        m.forEach((k, v) -> fields.put(String.valueOf(k), v));
        source = cfg.configFile() + ": prompts." + name + " over " + source;
      }
      out.put(task, Template.of(task, source, fields));
    }
    for (String key : cfg.tasks().keySet()) {
      if (TASKS.stream().noneMatch(t -> templateName(t).equals(key))) {
        throw AssayException.config(cfg.configFile() + ": prompts." + key + ": unknown template; the templates are "
            + TASKS.stream().map(PromptBook::templateName).toList());
      }
    }
    PromptBook book = new PromptBook(out);
    out.values().forEach(t -> book.render(t.task(), Probes.of(t.task())));
    return book;
  }

  /** The shipped templates alone (no config): the prompts of samples stored before prompts were kept. */
  public static PromptBook shipped() {
    return load(new AssayConfig.Prompts(null, Map.of(), null));
  }

  private static Map<String, Object> read(Path dir, String name) {
    try {
      if (dir != null && Files.exists(dir.resolve(name + ".yaml"))) {
        return map(YAML.readValue(Files.readString(dir.resolve(name + ".yaml")), Object.class), dir.resolve(name + ".yaml"));
      }
      try (InputStream in = PromptBook.class.getResourceAsStream("/prompts/" + name + ".yaml")) {
        if (in == null) {
          throw AssayException.config("prompts/" + name + ".yaml: missing from the shipped templates");
        }
        return map(YAML.readValue(in, Object.class), Path.of("prompts", name + ".yaml"));
      }
    } catch (IOException e) {
      throw AssayException.config(name + ".yaml: cannot read the template: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object yaml, Path file) {
    if (!(yaml instanceof Map)) {
      throw AssayException.config(file + ": a template file must be a mapping (system, few_shot, user, ...)");
    }
    return (Map<String, Object>) yaml;
  }

  /** Renders a task's template with {@code vars}; fails CONFIG naming the template and what is wrong. */
  public Rendered render(String task, JsonObject vars) {
    Template t = templates.get(task);
    if (t == null) {
      throw new AssayException(dev.assay.ErrorKind.INTERNAL, "no prompt template for task " + task);
    }
    vars = vars.copy().put("answer_format", t.answerFormat());
    Map<String, Object> bindings = Probes.plain(vars);
    List<ChatMessage> messages = new ArrayList<>();
    if (t.system() != null) {
      messages.add(ChatMessage.system(text(t, "system", t.system(), bindings)));
    }
    for (int i = 0; i < t.fewShot().size(); i++) {
      messages.add(ChatMessage.user(text(t, "few_shot[" + i + "].user", t.fewShot().get(i).user(), bindings)));
      messages.add(new ChatMessage("assistant", text(t, "few_shot[" + i + "].assistant", t.fewShot().get(i).assistant(),
          bindings)));
    }
    messages.add(ChatMessage.user(text(t, "user", t.user(), bindings)));
    return new Rendered(task, messages, vars, t.options(), t.answerFormat());
  }

  /** Example variables of a task (what loading checks the templates with), for {@code assay prompts}. */
  public static JsonObject exampleVars(String task) {
    return Probes.of(task);
  }

  /** The template of a task as loaded (its source, for {@code assay prompts}). */
  public Template template(String task) {
    return templates.get(task);
  }

  private String text(Template t, String field, String template, Map<String, Object> bindings) {
    RenderResult r;
    try {
      r = jinja.renderForResult(template, bindings);
    } catch (RuntimeException e) {
      throw AssayException.config(t.source() + ": " + field + ": " + e.getMessage());
    }
    for (TemplateError e : r.getErrors()) {
      if (e.getSeverity() == TemplateError.ErrorType.FATAL || e.getReason() == TemplateError.ErrorReason.UNKNOWN
          || e.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR) {
        throw AssayException.config(t.source() + ": " + field + ": " + describe(e));
      }
    }
    return r.getOutput();
  }

  private static String describe(TemplateError e) {
    String m = String.valueOf(e.getMessage());
    int at = m.indexOf("Unknown token found: ");
    String what = at >= 0 ? "unknown variable '" + m.substring(at + "Unknown token found: ".length()).strip() + "'" : m;
    return what + (e.getLineno() > 0 ? " (line " + e.getLineno() + ")" : "");
  }
}
