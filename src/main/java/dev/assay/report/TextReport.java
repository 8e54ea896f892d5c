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
    }
    JsonObject t = r.getJsonObject("tokens");
    b.append(String.format(Locale.ROOT, "yield %.3f  pass@1 %.3f  tokens %d (%d requests)  wall %.1f s%n",
        r.getDouble("yield"), r.getDouble("pass_at_1"), t.getLong("total"), t.getLong("requests"), r.getDouble("wall_seconds")));
    return b.toString();
  }
}
