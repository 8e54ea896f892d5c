package dev.assay.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.Main;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, acceptance 1: a 3-round run with the simulated fine-tune hook registers 3 models and
 * writes a report per round; killing it inside a round and rerunning continues where it stopped.
 */
@Tag("e2e")
class MultiRoundRunTest {
  @TempDir Path dir;

  private Path config() throws Exception {
    Path seeds = dir.resolve("seeds.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("problems/math.jsonl")).subList(0, 10));
    lines.addAll(Files.readAllLines(Path.of("problems/code.jsonl")).subList(0, 8));
    Files.write(seeds, lines);
    Path cfg = dir.resolve("run.yaml");
    Files.writeString(cfg, """
        run:
          name: three
          seed: 5
        model:
          simulated: true
        simulator:
          seed: 7
          latency_ms: 15
          knowledge: [problems/math.jsonl, problems/code.jsonl]
        round:
          seeds: [SEEDS]
          proposals_per_seed: 1
          samples_per_problem: 3
          max_in_flight_problems: 4
          math_proposals: program
          code_proposals: tasks
        sandbox:
          timeout_ms: 300
        hook:
          command: config/hooks/simulated-finetune.sh {dataset} {round} {base_model}
        """.replace("SEEDS", seeds.toString()));
    return cfg;
  }

  private Process assay(String... args) throws Exception {
    return AssayProcess.start(dir.resolve("log.txt"), args);
  }


  @Test
  void threeRoundsRegisterThreeModelsAndSurviveAKill() throws Exception {
    Path cfg = config();
    Path db = dir.resolve("a.db");
    Path out = dir.resolve("out");
    String[] args = {"run", "--config", cfg.toString(), "--rounds", "3", "--db", db.toString(), "--out", out.toString()};
    Process p = assay(args);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (p.isAlive() && count(db, "SELECT COUNT(*) FROM attempts a JOIN rounds r ON r.id=a.round_id WHERE r.round_no=2 AND a.verdict IS NOT NULL") < 5
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(p.isAlive()).as("killed inside round 2: " + Files.readString(dir.resolve("log.txt"))).isTrue();
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
    assertThat(count(db, "SELECT COUNT(*) FROM rounds WHERE state='done'")).isEqualTo(1);

    Process again = assay(args);
    assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(again.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();

    assertThat(count(db, "SELECT COUNT(*) FROM rounds WHERE run_name='three' AND state='done'")).isEqualTo(3);
    assertThat(count(db, "SELECT COUNT(*) FROM rounds")).isEqualTo(3);
    assertThat(count(db, "SELECT COUNT(*) FROM models WHERE run_name='three'")).isEqualTo(3);
    assertThat(count(db, "SELECT COUNT(*) FROM models WHERE after_round=2 AND parent='assay-sim-1-ft-r1'")).isEqualTo(1);
    assertThat(count(db, "SELECT COUNT(DISTINCT model) FROM rounds")).isEqualTo(3);
    for (int k = 1; k <= 3; k++) {
      JsonObject report = new JsonObject(Files.readString(out.resolve("round-" + k).resolve("report.json")));
      assertThat(report.getInteger("round")).isEqualTo(k);
      assertThat(report.getBoolean("simulated")).isTrue();
      assertThat(report.getJsonObject("pass_at_k").fieldNames()).contains("1", "3");
    }
    assertThat(Files.readString(dir.resolve("log.txt"))).contains("model registry:").contains("assay-sim-1-ft-r2");

    dpoPairsHoldAVerifiedChosenAndAFailedRejected(db);
  }

  /** Issue 6, acceptance 3: every DPO pair, re-verified, has a passing chosen and a failing rejected. */
  private void dpoPairsHoldAVerifiedChosenAndAFailedRejected(Path db) throws Exception {
    Path dpo = dir.resolve("export").resolve("dpo.jsonl");
    assertThat(Main.run("export", "--db", db.toString(), "--round", "all", "--format", "dpo", "--out", dpo.toString())).isZero();
    assertThat(Files.readString(dir.resolve("export").resolve("README.md"))).contains("SIMULATED").contains("assay-sim-1-ft-r1");
    List<String> lines = Files.readAllLines(dpo);
    assertThat(lines).isNotEmpty();
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      var cfg = dev.assay.config.ConfigLoader.load(config(), java.util.Map.of());
      // re-verified at the round's own limits, all pairs at once
      var sb = dev.assay.sandbox.SandboxOptions.defaults()
          .withLimits(cfg.sandbox().timeoutMs(), cfg.sandbox().memoryMb());
      vertx.deployVerticle(new dev.assay.sandbox.SandboxVerticle(sb))
          .compose(id -> vertx.deployVerticle(new dev.assay.verify.VerifyVerticle(cfg.verify(), sb)))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      var verifier = dev.assay.verify.Verification.client(vertx, 120_000);
      java.util.Set<String> domains = new java.util.HashSet<>();
      List<String> problems = new ArrayList<>();
      List<io.vertx.core.Future<dev.assay.verify.Verdict>> chosen = new ArrayList<>();
      List<io.vertx.core.Future<dev.assay.verify.Verdict>> rejected = new ArrayList<>();
      for (String l : lines) {
        JsonObject j = new JsonObject(l);
        JsonObject meta = j.getJsonObject("meta");
        domains.add(meta.getString("domain"));
        var problem = new dev.assay.loop.core.Problem(meta.getString("problem_id"),
            dev.assay.loop.core.Domain.parse(meta.getString("domain")), meta.getString("origin"), "", meta.getString("source_id"),
            meta.getJsonObject("problem"));
        problems.add(meta.getString("problem_id"));
        chosen.add(verifier.sample(SolveStage.check(problem, j.getString("chosen"), "boxed")));
        rejected.add(verifier.sample(SolveStage.check(problem, j.getString("rejected"), "boxed")));
      }
      io.vertx.core.Future.all(io.vertx.core.Future.all(chosen), io.vertx.core.Future.all(rejected))
          .toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
      for (int i = 0; i < problems.size(); i++) {
        assertThat(chosen.get(i).result().passed()).as("chosen of " + problems.get(i) + ": " + chosen.get(i).result()).isTrue();
        assertThat(rejected.get(i).result().passed()).as("rejected of " + problems.get(i) + ": " + rejected.get(i).result()).isFalse();
      }
      assertThat(domains).contains("math", "code");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static long count(Path db, String sql) {
    return AssayProcess.count(db, sql);
  }

}
