package dev.assay.loop;

import dev.assay.store.ProblemRow;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and validates a proposer's answer. Every proposal becomes a row: valid, or dropped with
 * one reason ({@code unparseable}, {@code missing_problem}, {@code missing_answer}, {@code
 * missing_tests}, {@code bad_entry_point}, {@code duplicate}).
 */
final class Proposals {
  private static final Pattern FENCE = Pattern.compile("```(?:json)?\\s*(.*?)```", Pattern.DOTALL);
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Proposals() {}

  /**
   * @param known ids already in the round (seeds and earlier proposals); updated with new ones
   */
  static List<ProblemRow> parse(Problem seed, String text, Set<String> known) {
    return dedup(seed, rows(seed, text), known);
  }

  /** The proposals of one answer, format-checked, before deduplication. */
  static List<ProblemRow> rows(Problem seed, String text) {
    List<ProblemRow> rows = new ArrayList<>();
    List<Object> items = items(seed, text, rows);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof JsonObject item) {
        rows.add(seed.domain() == Domain.MATH ? math(seed, item, i) : code(seed, item, i));
      }
    }
    return rows;
  }

  /**
   * The items of a proposer's JSON array; an unparseable answer, or an item that is not an
   * object, is added to {@code drops} as {@code unparseable} (and stays a non-object in the list).
   */
  static List<Object> items(Problem seed, String text, List<ProblemRow> drops) {
    JsonArray items;
    try {
      items = array(text);
    } catch (DecodeException | ClassCastException e) {
      drops.add(ProblemRow.dropped(raw(seed, text, 0), "unparseable", "not a JSON array: " + brief(e.getMessage())));
      return List.of();
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Object o = items.getValue(i);
      if (!(o instanceof JsonObject)) {
        drops.add(ProblemRow.dropped(raw(seed, String.valueOf(o), i), "unparseable", "item " + i + " is not an object"));
      }
      out.add(o);
    }
    return out;
  }

  /**
   * For proposals that need checking in the sandbox: runs {@code check} on each object item of
   * the answer (item, index) and deduplicates what comes back with the format drops.
   */
  static Future<List<ProblemRow>> checkEach(Problem seed, String text, Set<String> known,
      BiFunction<JsonObject, Integer, Future<List<ProblemRow>>> check) {
    List<ProblemRow> rows = new ArrayList<>();
    List<Object> items = items(seed, text, rows);
    List<Future<List<ProblemRow>>> checks = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof JsonObject item) {
        checks.add(check.apply(item, i));
      }
    }
    return Future.all(checks).map(cf -> {
      checks.forEach(f -> rows.addAll(f.result()));
      return dedup(seed, rows, known);
    });
  }

  /** Exact duplicates (of anything in {@code known}) become {@code duplicate} drops; every drop keeps its own row. */
  static List<ProblemRow> dedup(Problem seed, List<ProblemRow> rows, Set<String> known) {
    List<ProblemRow> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      ProblemRow r = rows.get(i);
      if (!r.status().equals("valid")) {
        out.add(new ProblemRow(distinct(r.problem(), seed, i), r.status(), r.dropReason(), r.detail()));
      } else if (known.add(r.problem().id())) {
        out.add(r);
      } else {
        out.add(ProblemRow.dropped(distinct(r.problem(), seed, i), "duplicate", "same as a problem already in this round"));
      }
    }
    return out;
  }

  /** A dropped proposal keeps its own row: its id names the seed and the item, so none collapse. */
  private static Problem distinct(Problem p, Problem seed, int i) {
    return new Problem(Problem.hash("dropped\n" + seed.id() + "\n" + i + "\n" + p.id()), p.domain(), p.origin(),
        p.parentId(), p.sourceId(), p.body());
  }

  private static JsonArray array(String text) {
    String t = text.strip();
    Matcher m = FENCE.matcher(t);
    if (m.find()) {
      t = m.group(1).strip();
    }
    int a = t.indexOf('[');
    int b = t.lastIndexOf(']');
    if (a < 0 || b < a) {
      throw new DecodeException("no JSON array found");
    }
    return new JsonArray(t.substring(a, b + 1));
  }

  private static ProblemRow math(Problem seed, JsonObject item, int i) {
    String problem = text(item.getValue("problem"));
    String answer = text(item.getValue("answer"));
    JsonObject body = new JsonObject().put("problem", problem == null ? "" : problem).put("answer", answer == null ? "" : answer);
    Problem p = Problem.of(Domain.MATH, "proposed", seed.id(), "", body);
    if (problem == null) {
      return ProblemRow.dropped(p, "missing_problem", "item " + i + " has no problem text");
    }
    if (answer == null) {
      return ProblemRow.dropped(p, "missing_answer", "item " + i + " has no final answer");
    }
    return ProblemRow.valid(p);
  }

  private static ProblemRow code(Problem seed, JsonObject item, int i) {
    String prompt = text(item.getValue("prompt"));
    String entry = text(item.getValue("entry_point"));
    JsonArray tests = new JsonArray();
    if (item.getValue("tests") instanceof JsonArray ts) {
      ts.forEach(t -> {
        String s = text(t);
        if (s != null) {
          tests.add(s);
        }
      });
    }
    JsonObject body = new JsonObject().put("format", "seed").put("prompt", prompt == null ? "" : prompt)
        .put("tests", tests).put("entry_point", entry == null ? "" : entry);
    String solution = text(item.getValue("solution"));
    if (solution != null) {
      body.put("solution", solution);
    }
    Problem p = Problem.of(Domain.CODE, "proposed", seed.id(), "", body);
    if (prompt == null) {
      return ProblemRow.dropped(p, "missing_problem", "item " + i + " has no prompt");
    }
    if (entry == null || !IDENT.matcher(entry).matches() || !prompt.contains("def " + entry)) {
      return ProblemRow.dropped(p, "bad_entry_point", "item " + i + ": entry_point '" + entry + "' is not a function defined in the prompt");
    }
    if (tests.isEmpty() || tests.stream().noneMatch(t -> ((String) t).contains(entry))) {
      return ProblemRow.dropped(p, "missing_tests", "item " + i + " has no test calling " + entry);
    }
    return ProblemRow.valid(p);
  }

  static Problem raw(Problem seed, String text, int i) {
    JsonObject body = seed.domain() == Domain.MATH
        ? new JsonObject().put("problem", "").put("answer", "").put("raw", brief(text))
        : new JsonObject().put("format", "seed").put("prompt", "").put("raw", brief(text));
    body.put("seed", seed.id()).put("item", i);
    return Problem.of(seed.domain(), "proposed", seed.id(), "", body);
  }

  static String text(Object o) {
    if (o instanceof Number n) {
      return n.toString();
    }
    return o instanceof String s && !s.isBlank() ? s.strip() : null;
  }

  static String brief(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
