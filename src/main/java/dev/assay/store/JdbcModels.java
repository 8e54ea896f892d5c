package dev.assay.store;

import io.vertx.core.Future;
import java.util.List;

final class JdbcModels implements ModelStore {
  private final Db db;

  JdbcModels(Db db) {
    this.db = db;
  }

  @Override
  public Future<Void> register(ModelRecord m) {
    return Jdbc.tx(db, () -> {
      db.update("INSERT INTO models(name,run_name,parent,dataset,base_url,simulated,after_round,created_at)"
              + " VALUES(?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
          m.name(), m.run(), m.parent(), m.dataset(), m.baseUrl(), m.simulated() ? 1 : 0, m.afterRound(),
          m.createdAt() == null || m.createdAt().isEmpty() ? Jdbc.now() : m.createdAt());
      return null;
    });
  }

  @Override
  public Future<List<ModelRecord>> list(String run) {
    return Jdbc.tx(db, () -> db.query("SELECT * FROM models WHERE run_name=? ORDER BY after_round, rowid",
        r -> new ModelRecord(r.getString("name"), r.getString("run_name"), r.getString("parent"),
            r.getString("dataset"), r.getString("base_url"), r.getInt("simulated") == 1, r.getInt("after_round"),
            r.getString("created_at")), run));
  }
}
