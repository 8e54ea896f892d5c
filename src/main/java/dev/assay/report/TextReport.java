package dev.assay.report;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** Renders a yield report as a readable table for a terminal. */
public final class TextReport {
  private TextReport() {}

  public static String render(JsonObject r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Round %d of run '%s'  model %s%s%n", r.getInteger("round"), r.getString("run"),
        r.getString("model"), r.getBoolean("simulated", false) ? "  (SIMULATED model: not a real LLM)" : ""));
    b.append("sandbox: ").append(r.getString("sandbox", "?")).append('\n');
    b.append(String.format(Locale.ROOT, "%n%-10s %8s %8s %8s   %s%n", "stage", "in", "out", "dropped", "why"));
    for (Object o : r.getJsonArray("funnel")) {
      JsonObject s = (JsonObject) o;
      long dropped = s.getLong("in") - s.getLong("out");
      StringBuilder why = new StringBuilder();
      s.getJsonObject("drops").forEach(e -> why.append(why.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
      b.append(String.format(Locale.ROOT, "%-10s %8d %8d %8d   %s%n", s.getString("stage"), s.getLong("in"), s.getLong("out"), dropped, why));
    }
    JsonObject st = r.getJsonObject("stages");
    b.append(String.format(Locale.ROOT, "%nseeds %d, proposed %d, valid %d, problems %d, attempts %d, verified %d, kept %d%n",
        st.getLong("seeds"), st.getLong("proposed"), st.getLong("valid_problems"), st.getLong("problems"),
        st.getLong("attempts"), st.getLong("verified"), st.getLong("kept")));
    JsonObject dom = r.getJsonObject("by_domain");
    for (String d : dom.fieldNames()) {
      JsonObject x = dom.getJsonObject(d);
      JsonObject s = x.getJsonObject("stages");
      b.append(String.format(Locale.ROOT, "  %-5s problems %4d  attempts %5d  verified %5d  kept %5d  pass@1 %.3f%n", d,
          s.getLong("problems"), s.getLong("attempts"), s.getLong("verified"), s.getLong("kept"), x.getDouble("pass_at_1")));
      JsonObject agent = x.getJsonObject("agent");
      if (agent != null) {
        StringBuilder steps = new StringBuilder();
        agent.getJsonObject("pass_at_1").forEach(e -> steps.append(String.format(Locale.ROOT, "  %s %s",
            e.getKey().replace('_', ' '), e.getValue() == null ? "-" : String.format(Locale.ROOT, "%.3f", (Double) e.getValue()))));
        b.append(String.format(Locale.ROOT, "        pass@1:%s%n        tool calls/sample %s  tool sandbox s/kept %s  tool failures %s%n",
            steps, agent.getValue("tool_calls_per_sample"), agent.getValue("tool_sandbox_seconds_per_kept_sample"),
            agent.getJsonObject("tool_failures").encode()));
      }
    }
    JsonObject t = r.getJsonObject("tokens");
    b.append(String.format(Locale.ROOT, "yield %.3f  pass@1 %.3f  tokens %d (%d requests)  wall %.1f s%n",
        r.getDouble("yield"), r.getDouble("pass_at_1"), t.getLong("total"), t.getLong("requests"), r.getDouble("wall_seconds")));
    return b.toString();
  }

  /** Totals across rounds: stage counts summed, drops merged, yield and cost per kept sample. */
  public static JsonObject acrossRounds(java.util.List<JsonObject> reports) {
    JsonObject stages = new JsonObject();
    JsonObject problemDrops = new JsonObject();
    JsonObject attemptDrops = new JsonObject();
    long tokens = 0;
    double sandboxSeconds = 0;
    long rationalized = 0;
    for (JsonObject r : reports) {
      r.getJsonObject("stages").forEach(e -> stages.put(e.getKey(), stages.getLong(e.getKey(), 0L) + ((Number) e.getValue()).longValue()));
      merge(problemDrops, r.getJsonObject("drops").getJsonObject("problems"));
      merge(attemptDrops, r.getJsonObject("drops").getJsonObject("attempts"));
      tokens += r.getJsonObject("tokens").getLong("total", 0L);
      sandboxSeconds += r.getDouble("sandbox_seconds", 0.0);
      rationalized += r.getJsonObject("rationalized", new JsonObject()).getLong("kept", 0L);
    }
    long kept = stages.getLong("kept", 0L);
    long attempts = stages.getLong("attempts", 0L);
    return new JsonObject().put("rounds", reports.size()).put("stages", stages)
        .put("drops", new JsonObject().put("problems", problemDrops).put("attempts", attemptDrops))
        .put("yield", attempts == 0 ? 0.0 : Math.round(10000.0 * kept / attempts) / 10000.0)
        .put("rationalized_kept", rationalized)
        .put("tokens", tokens)
        .put("tokens_per_kept_sample", kept == 0 ? null : Math.round(100.0 * tokens / kept) / 100.0)
        .put("sandbox_seconds_per_kept_sample", kept == 0 ? null : Math.round(10000.0 * sandboxSeconds / kept) / 10000.0);
  }

  private static String num(Object v, int decimals) {
    return v instanceof Number n ? String.format(Locale.ROOT, "%." + decimals + "f", n.doubleValue()) : "-";
  }

  private static void merge(JsonObject into, JsonObject from) {
    if (from != null) {
      from.forEach(e -> into.put(e.getKey(), into.getLong(e.getKey(), 0L) + ((Number) e.getValue()).longValue()));
    }
  }

  /** One line per round and a totals line. */
  public static String renderRounds(String run, java.util.List<JsonObject> reports) {
    StringBuilder b = new StringBuilder("Run '" + run + "': " + reports.size() + " finished rounds\n\n");
    b.append(String.format(Locale.ROOT, "%5s %-22s %8s %8s %8s %7s %7s %7s %8s %10s %11s%n", "round", "model", "problems",
        "attempts", "verified", "kept", "yield", "pass@1", "rational", "tokens/kept", "sandbox/kept"));
    for (JsonObject r : reports) {
      JsonObject st = r.getJsonObject("stages");
      JsonObject t = r.getJsonObject("tokens");
      b.append(String.format(Locale.ROOT, "%5d %-22s %8d %8d %8d %7d %7.3f %7.3f %8d %10s %11s%n", r.getInteger("round"),
          r.getString("model") + (r.getBoolean("simulated", false) ? "*" : ""), st.getLong("problems"), st.getLong("attempts"),
          st.getLong("verified"), st.getLong("kept"), r.getDouble("yield"), r.getDouble("pass_at_1"),
          r.getJsonObject("rationalized", new JsonObject()).getLong("kept", 0L), num(t.getValue("per_kept_sample"), 1),
          num(r.getValue("sandbox_seconds_per_kept_sample"), 4)));
    }
    JsonObject all = acrossRounds(reports);
    JsonObject st = all.getJsonObject("stages");
    b.append(String.format(Locale.ROOT, "%5s %-22s %8d %8d %8d %7d %7.3f %7s %8d %10s %11s%n", "all", "", st.getLong("problems", 0L),
        st.getLong("attempts", 0L), st.getLong("verified", 0L), st.getLong("kept", 0L), all.getDouble("yield"), "",
        all.getLong("rationalized_kept"), num(all.getValue("tokens_per_kept_sample"), 1),
        num(all.getValue("sandbox_seconds_per_kept_sample"), 4)));
    b.append("drops across rounds: problems ").append(all.getJsonObject("drops").getJsonObject("problems").encode())
        .append(", attempts ").append(all.getJsonObject("drops").getJsonObject("attempts").encode()).append('\n');
    if (reports.stream().anyMatch(r -> r.getBoolean("simulated", false))) {
      b.append("* SIMULATED model: not a real LLM\n");
    }
    return b.toString();
  }
}
