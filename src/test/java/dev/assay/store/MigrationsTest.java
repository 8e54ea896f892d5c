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
    }
    try (Db db = Db.open(file)) {
      assertThat(db.tx(() -> Migrations.version(db))).isEqualTo(Migrations.LATEST);
      Store s = Jdbc.store(db);
      RoundInfo r = StoreContract.await(s.rounds().get("demo", 1));
      assertThat(r.done()).isTrue();
      assertThat(r.report().getInteger("kept")).isEqualTo(3);
      assertThat(StoreContract.await(s.rounds().open("demo", 42, "m", true, null)).roundNo()).isEqualTo(2);
    }
    try (Db again = Db.open(file)) {
      assertThat(again.tx(() -> Migrations.version(again))).isEqualTo(Migrations.LATEST);
    }
  }
}
