package dev.assay.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.report.YieldReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Acceptance 1 and 4 of the daemon: {@code assay serve} with the demo config as a child JVM on a
 * free port; a round launched over the API runs to completion, is listed, paged and counted in
 * {@code /metrics}; a SIGTERM mid-round and a restart lose and duplicate nothing.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeApiTest {
  private Path dir;
  private Path seeds;
  private DaemonProcess daemon;
  private String roundId;
  private JsonObject round;

  @BeforeAll
  void launchOneRound() throws Exception {
    dir = Files.createTempDirectory("assay-serve");
    seeds = DaemonProcess.smallSeeds(dir, 8);
    daemon = DaemonProcess.serve(dir, dev.assay.TestConfigs.quickDemo(dir), dir.resolve("a.db"), Map.of());
    HttpResponse<String> r = daemon.post("/api/rounds",
        new JsonObject().put("seeds", seeds.toString()).put("samples_per_problem", 2).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    roundId = new JsonObject(r.body()).getString("id");
    round = daemon.poll("/api/rounds/" + roundId, j -> !j.getString("state").matches("queued|running"), 300);
  }

  @AfterAll
  void stop() throws Exception {
    daemon.close();
  }

  @Test
  @Order(1)
  void launchedRoundCompletesWithABalancedReport() {
    assertThat(round.getString("state")).as(round.encode()).isEqualTo("done");
    JsonObject report = round.getJsonObject("report");
    assertThat(report.getJsonObject("stages").getLong("seeds")).isEqualTo(16);
    assertThat(report.getInteger("samples_per_problem")).isEqualTo(2);
    assertThat(report.getJsonObject("stages").getLong("kept")).isPositive();
    assertThat(YieldReport.check(report)).isNull();
    assertThat(round.getLong("round_id")).isPositive();
  }

  @Test
  @Order(2)
  void roundIsListedAndReachableByItsDatabaseId() throws Exception {
    JsonArray rounds = daemon.getJson("/api/rounds").getJsonArray("rounds");
    assertThat(rounds).hasSize(1);
    assertThat(rounds.getJsonObject(0).getString("state")).isEqualTo("done");
    JsonObject byDb = daemon.getJson("/api/rounds/" + round.getLong("round_id"));
    assertThat(byDb.getJsonObject("report")).isEqualTo(round.getJsonObject("report"));
  }

  @Test
  @Order(3)
  void samplesArePagedWithoutGapsOrOverlap() throws Exception {
    JsonObject stages = round.getJsonObject("report").getJsonObject("stages");
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = daemon.getJson("/api/samples?round=" + roundId + "&limit=25" + (cursor == null ? "" : "&cursor=" + cursor));
      JsonArray items = page.getJsonArray("items");
      assertThat(items.size()).isLessThanOrEqualTo(25);
      for (Object o : items) {
        JsonObject s = (JsonObject) o;
        seen.add(s.getString("problem_id") + "/" + s.getInteger("idx"));
      }
      cursor = page.getString("next_cursor");
      pages++;
      if (cursor != null) {
        assertThat(items.size()).isEqualTo(25);
      }
    } while (cursor != null);
    assertThat(pages).isGreaterThan(1);
    assertThat(seen).doesNotHaveDuplicates().hasSize(stages.getInteger("attempts"));

    JsonArray ok = daemon.getJson("/api/samples?round=" + round.getLong("round_id") + "&verdict=ok&limit=1000")
        .getJsonArray("items");
    assertThat(ok.size()).isEqualTo(stages.getInteger("verified"));
    long kept = ok.stream().filter(o -> ((JsonObject) o).getBoolean("kept")).count();
    assertThat(kept).isEqualTo(stages.getLong("kept"));
    JsonArray math = daemon.getJson("/api/samples?round=" + roundId + "&domain=math&limit=1000").getJsonArray("items");
    assertThat(math).isNotEmpty().allSatisfy(o -> assertThat(((JsonObject) o).getString("domain")).isEqualTo("math"));
  }

  @Test
  @Order(4)
  void metricsCountTheRoundsKeptSamples() throws Exception {
    HttpResponse<String> r = daemon.get("/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(metric(r.body(), "assay_kept_samples_total")).isEqualTo(round.getJsonObject("report").getJsonObject("stages").getLong("kept"));
    long verdicts = Pattern.compile("(?m)^assay_verdicts_total\\{[^}]*} ([0-9.]+)$").matcher(r.body()).results()
        .mapToLong(m -> (long) Double.parseDouble(m.group(1))).sum();
    assertThat(verdicts).isEqualTo(round.getJsonObject("report").getJsonObject("stages").getLong("attempts"));
    assertThat(r.body()).contains("assay_model_latency_seconds_bucket", "assay_sandbox_runs_total{", "vertx_http_server_requests_total");
  }

  @Test
  @Order(5)
  void invalidRequestsGet400NamingTheFieldAndUnknownIds404() throws Exception {
    assertError(daemon.post("/api/rounds", "{\"samples_per_problem\": 0}"), 400, "samples_per_problem");
    assertError(daemon.post("/api/rounds", "{\"samples_per_problem\": \"two\"}"), 400, "samples_per_problem");
    assertError(daemon.post("/api/rounds", "{\"seeds\": \"" + dir.resolve("missing.jsonl") + "\"}"), 400, "seeds");
    assertError(daemon.post("/api/rounds", "{\"model\": \"gpt-other\"}"), 400, "model");
    assertError(daemon.post("/api/rounds", "{\"bogus\": 1}"), 400, "bogus");
    assertError(daemon.post("/api/rounds", "not json"), 400, "body");
    assertError(daemon.get("/api/samples?limit=0", null), 400, "limit");
    assertError(daemon.get("/api/samples?cursor=x", null), 400, "cursor");
    assertError(daemon.get("/api/samples?domain=poetry", null), 400, "domain");
    assertError(daemon.get("/api/samples?verdict=great", null), 400, "verdict");
    assertError(daemon.get("/api/rounds/q999", null), 404, null);
    assertError(daemon.get("/api/rounds/424242", null), 404, null);
    assertError(daemon.post("/api/rounds/q999/cancel", ""), 404, null);
    assertError(daemon.post("/api/rounds/" + roundId + "/cancel", ""), 409, null);
    assertError(daemon.get("/api/nothing", null), 404, null);
    assertThat(daemon.getJson("/api/rounds").getJsonArray("rounds")).hasSize(1); // nothing was queued
  }

  @Test
  @Order(6)
  void queuedAndRunningRoundsCanBeCancelled() throws Exception {
    String body = new JsonObject().put("seeds", seeds.toString()).put("samples_per_problem", 2).encode();
    String first = new JsonObject(daemon.post("/api/rounds", body).body()).getString("id");
    String second = new JsonObject(daemon.post("/api/rounds", body).body()).getString("id");
    JsonObject queued = new JsonObject(daemon.post("/api/rounds/" + second + "/cancel", "").body());
    assertThat(queued.getString("state")).isEqualTo("cancelled");
    daemon.poll("/api/status", s -> s.getJsonObject("current") != null && first.equals(s.getJsonObject("current").getString("id"))
        && s.getJsonObject("current").getValue("round_id") != null, 120);
    daemon.post("/api/rounds/" + first + "/cancel", "");
    JsonObject cancelled = daemon.poll("/api/rounds/" + first, j -> !j.getString("state").matches("queued|running"), 300);
    assertThat(cancelled.getString("state")).isEqualTo("cancelled");
    assertThat(DaemonProcess.count(dir.resolve("a.db"), "SELECT COUNT(*) FROM rounds WHERE state='cancelled'")).isEqualTo(1);
    assertThat(daemon.getJson("/api/rounds/" + second).getValue("round_id")).isNull();
  }

  @Test
  @Order(7)
  void sigtermDuringRoundThenRestartLosesNothingAndDuplicatesNothing() throws Exception {
    Set<String> reference = keptIds(dir.resolve("a.db"), round.getLong("round_id"));
    Path d2 = Files.createDirectories(dir.resolve("term"));
    Path db = d2.resolve("b.db");
    JsonObject dbRound;
    Map<String, String> seedDir = Map.of("ASSAY_WEB_SEED_DIRS", dir.toString());
    try (DaemonProcess b = DaemonProcess.serve(d2, dev.assay.TestConfigs.quickDemo(dir), db, seedDir)) {
      HttpResponse<String> launched = b.post("/api/rounds", new JsonObject().put("seeds", seeds.toString())
          .put("samples_per_problem", 2).encode());
      assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
      JsonObject status = b.poll("/api/status",
          s -> s.getJsonObject("progress").getJsonObject("totals").getLong("verdicts") >= 10, 120);
      assertThat(status.getString("state")).as("the round must still be running at SIGTERM").isEqualTo("running");
      dbRound = status.getJsonObject("current");
      b.process.destroy(); // SIGTERM
      assertThat(b.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(b.process.exitValue()).as(b.logText()).isZero();
      assertThat(b.logText()).contains("in-flight work stored");
    }
    long id = dbRound.getLong("round_id");
    assertThat(DaemonProcess.count(db, "SELECT COUNT(*) FROM rounds WHERE state='running' AND id=" + id)).isEqualTo(1);
    long verdictsBefore = DaemonProcess.count(db, "SELECT COUNT(*) FROM attempts WHERE verdict IS NOT NULL");
    long unverified = DaemonProcess.count(db, "SELECT COUNT(*) FROM attempts WHERE verdict IS NULL");
    assertThat(verdictsBefore).isPositive();
    assertThat(unverified).as("in-flight attempts were verified and stored before exit").isZero();

    try (DaemonProcess again = DaemonProcess.serve(d2, dev.assay.TestConfigs.quickDemo(dir), db, seedDir)) {
      JsonObject done = again.poll("/api/rounds/" + id, j -> j.getString("state").matches("done|failed|cancelled"), 300);
      assertThat(done.getString("state")).as(done.encode()).isEqualTo("done");
      assertThat(done.getBoolean("resumed")).isTrue();
      assertThat(YieldReport.check(done.getJsonObject("report"))).isNull();
    }
    assertThat(DaemonProcess.count(db, "SELECT COUNT(*) FROM rounds")).isEqualTo(1);
    assertThat(keptIds(db, id)).isEqualTo(reference);
    List<String> lines = Files.readAllLines(d2.resolve("out/samples.jsonl"));
    List<String> ids = lines.stream().map(l -> new JsonObject(l).getString("id")).toList();
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(new HashSet<>(ids)).isEqualTo(reference);
  }

  @Test
  @Order(8)
  void modelOverrideRunsTheRoundOnARegisteredModel() throws Exception {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("a.db"))) {
      c.createStatement().executeUpdate("INSERT INTO models(name, run_name, parent, dataset, base_url, simulated,"
          + " after_round, created_at) VALUES('demo-ft-1', 'demo', 'assay-sim-1', '', 'simulated', 1, 1, 'now')");
    }
    assertError(daemon.post("/api/rounds", "{\"model\": \"demo-ft-2\"}"), 400, "model");
    HttpResponse<String> r = daemon.post("/api/rounds", new JsonObject().put("seeds", seeds.toString())
        .put("samples_per_problem", 1).put("model", "demo-ft-1").encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = new JsonObject(r.body()).getString("id");
    JsonObject done = daemon.poll("/api/rounds/" + id, j -> !j.getString("state").matches("queued|running"), 300);
    assertThat(done.getString("state")).as(done.encode()).isEqualTo("done");
    assertThat(done.getJsonObject("report").getString("model")).isEqualTo("demo-ft-1");
    assertThat(done.getJsonObject("report").getJsonObject("stages").getLong("attempts")).isPositive();
  }

  private static Set<String> keptIds(Path db, long roundId) throws Exception {
    Set<String> out = new HashSet<>();
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        var r = c.createStatement().executeQuery("SELECT a.sample_id FROM attempts a"
            + " JOIN keeps k ON k.round_id=a.round_id AND k.problem_id=a.problem_id AND k.idx=a.idx WHERE k.keep='kept' AND a.round_id=" + roundId)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  private static void assertError(HttpResponse<String> r, int status, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonObject j = new JsonObject(r.body());
    assertThat(j.getString("error")).isNotBlank();
    if (field != null) {
      assertThat(j.getString("field")).isEqualTo(field);
    }
  }

  static long metric(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+]+)$").matcher(text);
    assertThat(m.find()).as(name + " in /metrics").isTrue();
    return (long) Double.parseDouble(m.group(2));
  }
}
