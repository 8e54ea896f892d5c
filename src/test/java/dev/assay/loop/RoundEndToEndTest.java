package dev.assay.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.report.YieldReport;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The walking skeleton, end to end with real parts: the simulated model over HTTP, the process
 * sandbox, SQLite. One uninterrupted demo round is the reference for the others.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoundEndToEndTest {
  private Path dir;
  private Path refOut;
  private Path refDb;
  private JsonObject report;

  @BeforeAll
  void uninterruptedDemoRound() throws Exception {
    dir = Files.createTempDirectory("assay-e2e");
    refOut = dir.resolve("ref-out");
    refDb = dir.resolve("ref.db");
    // the demo at a 300 ms CPU limit: its correct programs need under 50 ms, and its timeouts
    // (which the report must count) cost a third of the shipped 1 s
    Path demo = dev.assay.TestConfigs.quickDemo(dir);
    Process p = assay("round", "--config", demo.toString(), "--db", refDb.toString(), "--out", refOut.toString());
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();
    report = new JsonObject(Files.readString(refOut.resolve("report.json")));
  }

  @AfterAll
  void removeTempFiles() throws Exception {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  private Process assay(String... args) throws Exception {
    return AssayProcess.start(dir.resolve("log.txt"), args);
  }


  @Test
  void demoRoundKeepsSamplesAndAccountsForEveryDrop() {
    JsonObject stages = report.getJsonObject("stages");
    assertThat(stages.getLong("kept")).isPositive();
    assertThat(report.getBoolean("simulated")).isTrue();
    JsonObject attemptDrops = report.getJsonObject("drops").getJsonObject("attempts");
    assertThat(attemptDrops.fieldNames()).contains("wrong_answer", "timeout", "runtime_error");
    assertThat(YieldReport.check(report)).isNull();
    long dropped = attemptDrops.stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    assertThat(stages.getLong("attempts")).isEqualTo(stages.getLong("kept") + dropped);
    long seedDrops = report.getJsonArray("funnel").getJsonObject(0).getJsonObject("drops").stream()
        .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    assertThat(stages.getLong("problems")).isEqualTo(stages.getLong("seeds") - seedDrops + stages.getLong("valid_problems"));
    assertThat(report.getJsonObject("by_domain").fieldNames()).contains("math", "code");
  }

  @Test
  void demoRoundProposesAllThreeReasoningTaskTypesAndReportsValidityRejections() throws Exception {
    Set<String> types = new HashSet<>();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + refDb);
        ResultSet r = c.createStatement().executeQuery(
            "SELECT DISTINCT json_extract(body, '$.az_type') FROM problems WHERE status='valid' AND origin='proposed'")) {
      while (r.next()) {
        if (r.getString(1) != null) {
          types.add(r.getString(1));
        }
      }
    }
    assertThat(types).containsExactlyInAnyOrder("deduction", "abduction", "induction");
    JsonObject validate = report.getJsonArray("funnel").getJsonObject(1);
    assertThat(validate.getString("stage")).isEqualTo("validate");
    // the simulator proposes defective programs on purpose: each validity check that fired is counted
    assertThat(validate.getJsonObject("drops").fieldNames()).containsAnyOf("banned_import", "nonterminating",
        "nondeterministic", "not_json_serialisable", "program_failed");
    // STaR: exactly the math seeds no sample solved were asked again with a hint (RationalizeStageTest
    // makes sure there are some; here the simulator's draws decide how many)
    long unsolved;
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + refDb);
        ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM problems p WHERE p.domain = 'math'"
            + " AND p.origin = 'seed' AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.round_id = p.round_id"
            + " AND a.problem_id = p.id AND a.kind = 'sample' AND a.verdict = 'ok')")) {
      r.next();
      unsolved = r.getLong(1);
    }
    assertThat(report.getJsonObject("rationalized").getLong("attempts")).isEqualTo(unsolved);
    // model-written tests were scored by dual agreement over the round's own samples
    assertThat(report.getJsonObject("dual_agreement").getLong("problems_scored")).isPositive();
    assertThat(validate.getJsonObject("drops").fieldNames()).contains("trivial_solution_passes");
  }

  /** Every proposal kind on a third of the seeds, so the pair of runs stays quick. */
  private Path smallConfig() throws Exception {
    Path cfg = dir.resolve("small.yaml");
    Path math = Files.write(dir.resolve("small-math.jsonl"), Files.readAllLines(Path.of("problems/math.jsonl")).subList(0, 14));
    Path code = Files.write(dir.resolve("small-code.jsonl"), Files.readAllLines(Path.of("problems/code.jsonl")).subList(0, 9));
    Files.writeString(cfg, """
        run:
          name: small
          seed: 11
        model:
          simulated: true
        simulator:
          seed: 3
          latency_ms: 15
          faults: {http_5xx: 0.05, http_429: 0.03, malformed: 0.02, truncated: 0.02}
          knowledge: [problems/math.jsonl, problems/code.jsonl]
        round:
          seeds: [%s, %s]
          proposals_per_seed: 1
          samples_per_problem: 3
          max_in_flight_problems: 4
          math_proposals: program
          code_proposals: both
        sandbox:
          timeout_ms: 300
        """.formatted(math, code));
    return cfg;
  }

  @Test
  void resumeAfterKillLosesNoVerifiedSample() throws Exception {
    Path cfg = smallConfig();
    Path refSmallOut = dir.resolve("small-ref-out");
    Process ref = assay("round", "--config", cfg.toString(), "--db", dir.resolve("small-ref.db").toString(),
        "--out", refSmallOut.toString());
    assertThat(ref.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(ref.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();

    Path db = dir.resolve("killed.db");
    Path out = dir.resolve("killed-out");
    Process p = assay("round", "--config", cfg.toString(), "--db", db.toString(), "--out", out.toString());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (verdicts(db) < 25 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(p.isAlive()).as("the round must still be running when it is killed").isTrue();
    p.destroyForcibly(); // SIGKILL
    p.waitFor(30, TimeUnit.SECONDS);
    assertThat(Files.exists(out.resolve("samples.jsonl"))).isFalse();

    Process again = assay("round", "--config", cfg.toString(), "--db", db.toString(), "--out", out.toString());
    assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(again.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();

    List<String> resumed = ids(out.resolve("samples.jsonl"));
    assertThat(resumed).doesNotHaveDuplicates();
    assertThat(resumed).isNotEmpty();
    assertThat(new HashSet<>(resumed)).isEqualTo(new HashSet<>(ids(refSmallOut.resolve("samples.jsonl"))));
    assertThat(count(db, "SELECT COUNT(*) FROM rounds")).isEqualTo(1);
  }

  @Test
  void everyKeptSampleVerifiesAgain() throws Exception {
    List<String> lines = Files.readAllLines(refOut.resolve("samples.jsonl"));
    assertThat(lines).isNotEmpty();
    assertThat(Reverify.exported(Path.of("config/demo.yaml"), lines))
        .allSatisfy(v -> assertThat(v.passed()).as(v.toString()).isTrue());
  }

  @Test
  void malformedConfigExitsTwoNamingFileAndField() throws Exception {
    Path cfg = dir.resolve("bad.yaml");
    Files.writeString(cfg, Files.readString(Path.of("config/demo.yaml")).replace("samples_per_problem: 4", "samples_per_problem: four"));
    Process p = assay("round", "--config", cfg.toString(), "--db", dir.resolve("x.db").toString());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("log.txt"))).contains(cfg + ": round.samples_per_problem");
  }

  @Test
  void malformedSeedFileExitsTwoNamingFileAndField() throws Exception {
    Path seeds = dir.resolve("seeds.jsonl");
    Files.writeString(seeds, "{\"id\":\"a\",\"problem\":\"1+1?\",\"answer\":\"2\"}\n{\"id\":\"b\",\"problem\":\"2+2?\"}\n");
    Path cfg = dir.resolve("seeds.yaml");
    Files.writeString(cfg, "run:\n  name: t\nmodel:\n  simulated: true\nround:\n  seeds:\n    - " + seeds + "\n");
    Process p = assay("round", "--config", cfg.toString(), "--db", dir.resolve("y.db").toString());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("log.txt"))).contains(seeds + ":2: missing field 'answer'");
  }

  private static List<String> ids(Path samples) throws Exception {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(samples)) {
      out.add(new JsonObject(l).getString("id"));
    }
    return out;
  }

  private static long verdicts(Path db) {
    return Files.exists(db) ? count(db, "SELECT COUNT(*) FROM attempts WHERE verdict IS NOT NULL") : 0;
  }

  private static long count(Path db, String sql) {
    return AssayProcess.count(db, sql);
  }

}
