package dev.assay.loop.prompt;

import dev.assay.AssayException;
import dev.assay.model.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task's template as configured.
 *
 * @param source where it came from, for errors (a shipped file, a prompts.dir file, an inline override)
 * @param system the system prompt template, or null for none
 * @param fewShot example turns sent before the user message
 * @param answerFormat where a math answer must be for strict extraction ({@code boxed} by default), "" for code
 */
public record Template(String task, String source, String system, List<Shot> fewShot, String user, String answerFormat,
    RequestOptions options) {
  private static final Set<String> FIELDS = Set.of("system", "few_shot", "user", "answer_format", "options");
  private static final Set<String> OPTIONS = Set.of("max_tokens", "temperature", "top_p", "stop", "extra_body");

  /** One few-shot example: a user turn and the assistant's answer. */
  public record Shot(String user, String assistant) {}

  static Template of(String task, String source, Map<String, Object> f) {
    for (String k : f.keySet()) {
      if (!FIELDS.contains(k)) {
        throw error(source, k, "unknown field (the fields are " + FIELDS + ")");
      }
    }
    String user = string(source, "user", f.get("user"));
    if (user == null || user.isBlank()) {
      throw error(source, "user", "is required: the user message template");
    }
    List<Shot> shots = new ArrayList<>();
    Object fs = f.get("few_shot");
    if (fs != null && !(fs instanceof List)) {
      throw error(source, "few_shot", "must be a list of {user, assistant}");
    }
    if (fs instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("user") instanceof String u)
            || !(m.get("assistant") instanceof String a) || m.size() != 2) {
          throw error(source, "few_shot[" + i + "]", "must be {user: TEXT, assistant: TEXT}");
        }
        shots.add(new Shot(u, a));
      }
    }
    String format = string(source, "answer_format", f.get("answer_format"));
    if (format != null) {
      try {
        dev.assay.verify.math.AnswerFormat.parse(format);
      } catch (AssayException e) {
        throw error(source, "answer_format", e.getMessage());
      }
    }
    boolean math = task.equals("solve/math") || task.equals("solve/rationalize");
    return new Template(task, source, string(source, "system", f.get("system")), List.copyOf(shots), user,
        format != null ? format : math ? "boxed" : "", options(source, f.get("options")));
  }

  private static RequestOptions options(String source, Object o) {
    if (o == null) {
      return RequestOptions.DEFAULTS;
    }
    if (!(o instanceof Map<?, ?> m)) {
      throw error(source, "options", "must be a mapping of " + OPTIONS);
    }
    for (Object k : m.keySet()) {
      if (!OPTIONS.contains(String.valueOf(k))) {
        throw error(source, "options." + k, "unknown option (the options are " + OPTIONS + ")");
      }
    }
    Integer maxTokens = null;
    if (m.get("max_tokens") != null) {
      if (!(m.get("max_tokens") instanceof Integer n) || n < 1 || n > 1_000_000) {
        throw error(source, "options.max_tokens", "must be an integer in 1..1000000, got " + m.get("max_tokens"));
      }
      maxTokens = n;
    }
    Double temperature = number(source, "options.temperature", m.get("temperature"), 0, 2);
    Double topP = number(source, "options.top_p", m.get("top_p"), 0, 1);
    List<String> stop = new ArrayList<>();
    if (m.get("stop") instanceof List<?> l) {
      for (Object x : l) {
        if (!(x instanceof String s) || s.isEmpty()) {
          throw error(source, "options.stop", "must be a list of non-empty strings");
        }
        stop.add(s);
      }
    } else if (m.get("stop") != null) {
      throw error(source, "options.stop", "must be a list of strings");
    }
    JsonObject extra = new JsonObject();
    if (m.get("extra_body") instanceof Map<?, ?> eb) {
      eb.forEach((k, v) -> extra.put(String.valueOf(k), io.vertx.core.json.Json.decodeValue(io.vertx.core.json.Json.encode(v))));
    } else if (m.get("extra_body") != null) {
      throw error(source, "options.extra_body", "must be a mapping of request fields");
    }
    return new RequestOptions(maxTokens, temperature, topP, stop, extra);
  }

  private static Double number(String source, String field, Object v, double min, double max) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
      throw error(source, field, "must be a number in " + min + ".." + max + ", got " + v);
    }
    return n.doubleValue();
  }

  private static String string(String source, String field, Object v) {
    if (v != null && !(v instanceof String)) {
      throw error(source, field, "must be text");
    }
    return (String) v;
  }

  private static AssayException error(String source, String field, String message) {
    return AssayException.config(source + ": " + field + ": " + message);
  }
}
