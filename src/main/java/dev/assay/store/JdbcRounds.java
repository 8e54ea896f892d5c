package dev.assay.store;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

final class JdbcRounds implements RoundStore {
  private final Db db;

  JdbcRounds(Db db) {
    this.db = db;
  }

  @Override
  public Future<RoundInfo> open(String run, long runSeed, String model, boolean simulated, JsonObject config) {
    return Jdbc.tx(db, () -> {
      db.update("INSERT INTO runs(name, seed, created_at) VALUES(?,?,?) ON CONFLICT DO NOTHING", run, runSeed, Jdbc.now());
      RoundInfo last = db.one("SELECT * FROM rounds WHERE run_name=? ORDER BY round_no DESC LIMIT 1", JdbcRounds::info, run);
      if (last != null && !last.done() && !"abandoned".equals(last.state())) {
        if (sameRound(db.one("SELECT config_json FROM rounds WHERE id=?", r -> r.getString(1), last.id()), config)) {
          db.update("UPDATE rounds SET state='running' WHERE id=?", last.id());
          return db.one("SELECT * FROM rounds WHERE id=?", JdbcRounds::info, last.id());
        }
        db.update("UPDATE rounds SET state='abandoned' WHERE id=?", last.id());
      }
      int next = last == null ? 1 : last.roundNo() + 1;
      db.update("INSERT INTO rounds(run_name, round_no, seed, model, simulated, state, stage, config_json, started_at)"
          + " VALUES(?,?,?,?,?,'running','start',?,?)", run, next, runSeed, model, simulated ? 1 : 0,
          config == null ? "{}" : config.encode(), Jdbc.now());
      return db.one("SELECT * FROM rounds WHERE run_name=? AND round_no=?", JdbcRounds::info, run, next);
    });
  }

  /** Whether a stored round was opened for the same work: its {@code resume_key} equals the new one. */
  private static boolean sameRound(String storedJson, JsonObject config) {
    JsonObject stored = storedJson == null || storedJson.isBlank() ? new JsonObject() : new JsonObject(storedJson);
    JsonObject want = config == null ? null : config.getJsonObject(RoundStore.RESUME_KEY);
    JsonObject had = stored.getJsonObject(RoundStore.RESUME_KEY);
    return want == null || had == null || want.equals(had);
  }

  @Override
  public Future<RoundInfo> get(String run, int roundNo) {
    return Jdbc.tx(db, () -> {
      RoundInfo r = run == null
          ? db.one("SELECT * FROM rounds ORDER BY id DESC LIMIT 1", JdbcRounds::info)
          : roundNo <= 0
              ? db.one("SELECT * FROM rounds WHERE run_name=? ORDER BY round_no DESC LIMIT 1", JdbcRounds::info, run)
              : db.one("SELECT * FROM rounds WHERE run_name=? AND round_no=?", JdbcRounds::info, run, roundNo);
      if (r == null) {
        throw new AssayException(ErrorKind.UNEXPECTED_STATE, db.where() + ": no round "
            + (roundNo > 0 ? roundNo + " " : "") + (run == null ? "" : "of run '" + run + "' ") + "in the database");
      }
      return r;
    });
  }

  @Override
  public Future<List<RoundInfo>> list() {
    return Jdbc.tx(db, () -> db.query("SELECT * FROM rounds ORDER BY id", JdbcRounds::info));
  }

  @Override
  public Future<Void> stage(long roundId, String stage) {
    return Jdbc.tx(db, () -> {
      db.update("UPDATE rounds SET stage=? WHERE id=?", stage, roundId);
      return null;
    });
  }

  @Override
  public Future<Void> state(long roundId, String state) {
    return Jdbc.tx(db, () -> {
      db.update("UPDATE rounds SET state=? WHERE id=? AND state<>'done'", state, roundId);
      return null;
    });
  }

  @Override
  public Future<JsonObject> config(long roundId) {
    return Jdbc.tx(db, () -> {
      List<String> rows = db.query("SELECT config_json FROM rounds WHERE id=?", r -> r.getString(1), roundId);
      if (rows.isEmpty()) {
        throw new AssayException(ErrorKind.UNEXPECTED_STATE, db.where() + ": no round with id " + roundId);
      }
      String json = rows.get(0);
      return json == null || json.isBlank() ? new JsonObject() : new JsonObject(json);
    });
  }

  @Override
  public Future<Integer> modelFailure(long roundId, String item, String error) {
    return Jdbc.tx(db, () -> {
      db.update("INSERT INTO model_failures(round_id, item, failures, last_error) VALUES(?,?,1,?)"
          + " ON CONFLICT(round_id, item) DO UPDATE SET failures=model_failures.failures+1, last_error=excluded.last_error",
          roundId, item, error);
      return (int) db.count("SELECT failures FROM model_failures WHERE round_id=? AND item=?", roundId, item);
    });
  }

  @Override
  public Future<RoundCounts> counts(long roundId) {
    return Jdbc.tx(db, () -> Counts.of(db, roundId));
  }

  @Override
  public Future<Void> finish(long roundId, long wallMsThisSession, JsonObject report) {
    return Jdbc.tx(db, () -> {
      db.update("UPDATE rounds SET state='done', stage='done', finished_at=?, wall_ms=wall_ms+?, report_json=? WHERE id=?",
          Jdbc.now(), wallMsThisSession, report.encode(), roundId);
      return null;
    });
  }

  static RoundInfo info(ResultSet r) throws SQLException {
    String rep = r.getString("report_json");
    return new RoundInfo(r.getLong("id"), r.getString("run_name"), r.getInt("round_no"), r.getLong("seed"),
        r.getString("model"), r.getInt("simulated") == 1, r.getString("state"), r.getString("stage"),
        r.getLong("wall_ms"), rep == null ? null : new JsonObject(rep));
  }
}
