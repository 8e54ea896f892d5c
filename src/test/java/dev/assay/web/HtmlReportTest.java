package dev.assay.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.report.HtmlReport;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTML report is self-contained and a report's text cannot break out of its script or markup. */
class HtmlReportTest {
  private static JsonObject report(int round, String run) {
    return new JsonObject().put("round", round).put("run", run).put("model", "m<b>").put("simulated", true)
        .put("stages", new JsonObject().put("proposed", 10).put("valid_problems", 8).put("attempts", 40)
            .put("verified", 20).put("kept", 18))
        .put("yield", 0.45).put("pass_at_1", 0.5)
        .put("tokens", new JsonObject().put("total", 900).put("per_kept_sample", 50.0))
        .put("drops", new JsonObject().put("attempts", new JsonObject().put("wrong_answer", 20)))
        .put("wall_seconds", 3.0);
  }

  @Test
  void inlinesTheChartLibraryAndEveryRound() {
    String chartJs = Assets.text(Assets.chartJsPath());
    String html = HtmlReport.render("run x", List.of(report(1, "x"), report(2, "x")), chartJs, Assets.text("web/charts.js"));
    assertThat(chartJs).contains("Chart");
    assertThat(html).contains("AssayCharts", "x #1", "x #2", "m&lt;b&gt;", "id=\"funnel\"", "id=\"cost\"");
    assertThat(html).doesNotContain("<script src", "<link");
    assertThat(html.length()).isGreaterThan(chartJs.length());
  }

  @Test
  void reportTextCannotCloseTheScriptElement() {
    String html = HtmlReport.render("t", List.of(report(1, "</script><script>alert(1)</script>")), "", "");
    assertThat(html).doesNotContain("</script><script>alert(1)");
    assertThat(html).contains("&lt;/script&gt;");
  }
}
