package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database made by the previous schema opens, is migrated once, and keeps its data. */
class MigrationsTest {
  @TempDir Path dir;

  @Test
  void aWaveOneDatabaseIsMigratedAndItsRoundsStillRead() throws Exception {
    Path file = dir.resolve("old.db");
    String v1 = new String(Migrations.class.getResourceAsStream("migrations/sqlite/V1.sql").readAllBytes(),
        StandardCharsets.UTF_8);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      for (String sql : v1.replaceAll("(?m)^--.*$", "").split(";\\s*\\n")) {
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
      s.execute("INSERT OR IGNORE INTO meta(key,value) VALUES('schema_version','1')");
      s.execute("INSERT INTO rounds(run_name, round_no, seed, model, simulated, state, stage, config_json, started_at,"
          + " wall_ms, report_json) VALUES('demo', 1, 42, 'm', 1, 'done', 'done', '{}', 'then', 900, '{\"kept\":3}')");
      s.execute("INSERT INTO problems(round_id, id, domain, origin, body, status) VALUES(1, 'p1', 'math', 'seed',"
          + " '{\"problem\":\"1+1?\",\"answer\":\"2\"}', 'valid')");
      for (int i = 0; i < 3; i++) {
        s.execute("INSERT INTO attempts(round_id, problem_id, idx, sample_id, text, kind) VALUES(1, 'p1', " + i
            + ", 's" + i + "', 'answer " + i + "', 'sample')");
        s.execute("INSERT INTO verdicts(round_id, problem_id, idx, reason, detail, verifier, wall_ms) VALUES(1, 'p1', " + i
            + ", '" + (i < 2 ? "ok" : "wrong_answer") + "', 'd', 'math/1', 7)");
      }
      s.execute("INSERT INTO kept(round_id, sample_id, problem_id, idx) VALUES(1, 's0', 'p1', 0)");
      s.execute("INSERT INTO keep_drops(round_id, problem_id, idx, reason, detail) VALUES(1, 'p1', 1, 'duplicate', 'x')");
    }
    try (Db db = Db.open(file)) {
      assertThat(db.tx(() -> Migrations.version(db))).isEqualTo(Migrations.LATEST);
      Store s = Jdbc.store(db);
      RoundInfo r = StoreContract.await(s.rounds().get("demo", 1));
      assertThat(r.done()).isTrue();
      assertThat(r.report().getInteger("kept")).isEqualTo(3);
      assertThat(StoreContract.await(s.samples().kept(r.id(), SampleKey.FIRST, 10))).singleElement()
          .satisfies(k -> assertThat(k.attempt().text()).isEqualTo("answer 0"));
      assertThat(StoreContract.await(s.samples().failed(r.id(), SampleKey.FIRST, 10))).singleElement()
          .satisfies(k -> assertThat(k.verdict().reason()).isEqualTo("wrong_answer"));
      RoundCounts counts = StoreContract.await(s.rounds().counts(r.id()));
      assertThat(counts.domains().get("math").keepDrops()).containsEntry("duplicate", 1L);
      assertThat(counts.domains().get("math").verdicts()).containsEntry("ok", 2L);
      assertThat(counts.verifyMs()).isEqualTo(21);
      assertThat(StoreContract.await(s.rounds().open("demo", 42, "m", true, null)).roundNo()).isEqualTo(2);
    }
    try (Db again = Db.open(file)) {
      assertThat(again.tx(() -> Migrations.version(again))).isEqualTo(Migrations.LATEST);
    }
  }
}
