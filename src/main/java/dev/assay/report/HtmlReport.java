package dev.assay.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML report of a run: every round's yield report with the dashboard's charts
 * (funnel, drop reasons, pass-rate histogram, yield per round, cost per kept sample). The chart
 * library and the data are inlined, so the file opens offline, from anywhere.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * Renders the page.
   *
   * @param reports the rounds' yield reports, oldest first
   * @param chartLibrary Chart.js's UMD bundle (inlined)
   * @param chartHelpers Assay's chart helpers ({@code web/charts.js}, inlined)
   */
  public static String render(String title, List<JsonObject> reports, String chartLibrary, String chartHelpers) {
    StringBuilder rows = new StringBuilder();
    for (JsonObject r : reports) {
      JsonObject s = r.getJsonObject("stages", new JsonObject());
      JsonObject t = r.getJsonObject("tokens", new JsonObject());
      rows.append("<tr><td>").append(esc(r.getString("run", ""))).append(" #").append(r.getValue("round"))
          .append("</td><td>").append(esc(r.getString("model", ""))).append(r.getBoolean("simulated", false) ? " (simulated)" : "")
          .append(cell(s.getValue("proposed"))).append(cell(s.getValue("valid_problems"))).append(cell(s.getValue("attempts")))
          .append(cell(s.getValue("verified"))).append(cell(s.getValue("kept"))).append(cell(r.getValue("yield")))
          .append(cell(r.getValue("pass_at_1"))).append(cell(t.getValue("total"))).append(cell(t.getValue("per_kept_sample")))
          .append(cell(r.getValue("wall_seconds"))).append("</tr>\n");
    }
    return TEMPLATE
        .replace("%TITLE%", esc(title))
        .replace("%ROWS%", rows)
        .replace("%CHARTJS%", script(chartLibrary))
        .replace("%HELPERS%", script(chartHelpers))
        .replace("%DATA%", script(new JsonArray(reports).encode()));
  }

  private static String cell(Object v) {
    return "<td>" + (v == null ? "" : esc(v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(v)))
        + "</td>";
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Text safe inside a script element: no "</" can close it early ("<\/" means the same in JS). */
  static String script(String js) {
    return js.replace("</", "<\\/");
  }

  private static final String TEMPLATE = """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>%TITLE%</title>
      <style>
        body { font: 14px system-ui, sans-serif; margin: 20px; color: #0f172a; background: #f8fafc; }
        h1 { font-size: 20px; } h2 { font-size: 14px; margin: 0 0 6px; color: #334155; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 14px; margin-top: 14px; }
        .card { background: white; border: 1px solid #e2e8f0; border-radius: 8px; padding: 10px 14px; }
        .chart { position: relative; height: 240px; }
        table { border-collapse: collapse; background: white; font-size: 12px; }
        td, th { border: 1px solid #e2e8f0; padding: 3px 8px; text-align: right; }
        td:first-child, td:nth-child(2), th:first-child { text-align: left; }
      </style>
      <script>%CHARTJS%</script>
      <script>window.ASSAY_REPORTS = %DATA%;</script>
      <script>%HELPERS%</script>
      </head>
      <body>
      <h1>%TITLE%</h1>
      <table>
      <thead><tr><th>round</th><th>model</th><th>proposed</th><th>valid</th><th>attempts</th><th>verified</th><th>kept</th>
      <th>yield</th><th>pass@1</th><th>tokens</th><th>tokens/kept</th><th>wall s</th></tr></thead>
      <tbody>
      %ROWS%</tbody>
      </table>
      <div class="grid">
        <div class="card"><h2>Funnel (all rounds)</h2><div class="chart"><canvas id="funnel"></canvas></div></div>
        <div class="card"><h2>Drop reasons (all rounds)</h2><div class="chart"><canvas id="drops"></canvas></div></div>
        <div class="card"><h2>Pass-rate histogram (problems, all rounds)</h2><div class="chart"><canvas id="hist"></canvas></div></div>
        <div class="card"><h2>Yield per round (kept / attempts)</h2><div class="chart"><canvas id="yield"></canvas></div></div>
        <div class="card"><h2>Cost per kept sample (tokens)</h2><div class="chart"><canvas id="cost"></canvas></div></div>
      </div>
      <script>
      (function () {
        var C = window.AssayCharts, R = window.ASSAY_REPORTS;
        function sum(list) {
          var out = {labels: [], values: []};
          list.forEach(function (x) {
            x.labels.forEach(function (l, i) {
              var j = out.labels.indexOf(l);
              if (j < 0) { out.labels.push(l); out.values.push(x.values[i]); } else { out.values[j] += x.values[i]; }
            });
          });
          return out;
        }
        var f = sum(R.map(C.reportFunnel));
        C.bar(document.getElementById('funnel'), f.labels, f.values, {horizontal: true});
        var d = C.entries(R.map(C.reportDrops).reduce(function (a, o) {
          Object.keys(o).forEach(function (k) { a[k] = (a[k] || 0) + o[k]; }); return a; }, {}));
        C.bar(document.getElementById('drops'), d.labels, d.values, {horizontal: true});
        var h = sum(R.map(C.histogram));
        C.bar(document.getElementById('hist'), h.labels, h.values, {colors: '#2563eb'});
        var labels = R.map(function (r) { return r.run + ' #' + r.round; });
        C.line(document.getElementById('yield'), labels, [{label: 'yield', data: R.map(function (r) { return r.yield; })},
          {label: 'kept', data: R.map(function (r) { return r.stages.kept; }), axis: 'y2'}]);
        C.line(document.getElementById('cost'), labels, [{label: 'tokens per kept sample',
          data: R.map(function (r) { return r.tokens.per_kept_sample; })}]);
      })();
      </script>
      </body>
      </html>
      """;
}
