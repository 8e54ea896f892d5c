package dev.assay.store;

import io.vertx.core.Future;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

final class JdbcSamples implements SampleStore {
  private static final String COLUMNS = "SELECT a.*, p.domain, p.origin, p.parent_id, p.source_id, p.body, p.id AS pid,"
      + " v.reason, v.detail AS vdetail, v.verifier, v.wall_ms, r.round_no, s.messages AS prompt";
  private static final String JOINS = " JOIN problems p ON p.round_id=a.round_id AND p.id=a.problem_id"
      + " JOIN verdicts v ON v.round_id=a.round_id AND v.problem_id=a.problem_id AND v.idx=a.idx"
      + " JOIN rounds r ON r.id=a.round_id"
      + " LEFT JOIN solves s ON s.round_id=a.round_id AND s.problem_id=(CASE WHEN a.kind='rationalization'"
      + " THEN 'star:' || a.problem_id ELSE a.problem_id END)";
  /** Keyset paging as a row-value comparison, so the primary key index seeks to the page (an OR would scan). */
  private static final String AFTER = " AND (a.problem_id, a.idx) > (?, ?) ORDER BY a.problem_id, a.idx LIMIT ?";
  private final Db db;

  JdbcSamples(Db db) {
    this.db = db;
  }

  @Override
  public Future<List<KeptSample>> verified(long roundId, SampleKey after, int limit) {
    return page(COLUMNS + " FROM attempts a" + JOINS + " WHERE a.round_id=? AND v.reason='ok'", roundId, after, limit);
  }

  @Override
  public Future<List<KeptSample>> failed(long roundId, SampleKey after, int limit) {
    return page(COLUMNS + " FROM attempts a" + JOINS + " WHERE a.round_id=? AND v.reason NOT IN ('ok','sandbox_error')", roundId, after, limit);
  }

  @Override
  public Future<List<KeptSample>> kept(long roundId, SampleKey after, int limit) {
    return page(COLUMNS + " FROM kept k JOIN attempts a ON a.round_id=k.round_id AND a.problem_id=k.problem_id"
        + " AND a.idx=k.idx" + JOINS + " WHERE k.round_id=?", roundId, after, limit);
  }

  private Future<List<KeptSample>> page(String sql, long roundId, SampleKey after, int limit) {
    return Jdbc.tx(db, () -> db.query(sql + AFTER, JdbcSamples::sample, roundId, after.problemId(), after.idx(), limit));
  }

  private static KeptSample sample(ResultSet r) throws SQLException {
    StoredVerdict v = new StoredVerdict(r.getString("reason"), r.getString("vdetail"), r.getString("verifier"),
        r.getLong("wall_ms"));
    String prompt = r.getString("prompt");
    return new KeptSample(Jdbc.attempt(r), Jdbc.problem(r, "pid"), v, r.getInt("round_no"),
        prompt == null ? null : new io.vertx.core.json.JsonArray(prompt));
  }

  @Override
  public Future<Void> clearKeep(long roundId) {
    return Jdbc.tx(db, () -> {
      db.update("DELETE FROM kept WHERE round_id=?", roundId);
      db.update("DELETE FROM keep_drops WHERE round_id=?", roundId);
      return null;
    });
  }

  @Override
  public Future<Integer> saveKeep(long roundId, List<KeepDecision> decisions) {
    return Jdbc.tx(db, () -> {
      List<Object[]> kept = new ArrayList<>();
      List<Object[]> dropped = new ArrayList<>();
      for (KeepDecision d : decisions) {
        if (d.kept()) {
          kept.add(new Object[] {roundId, d.sampleId(), d.problemId(), d.idx()});
        } else {
          dropped.add(new Object[] {roundId, d.problemId(), d.idx(), d.dropReason(), d.detail()});
        }
      }
      db.batch("INSERT INTO kept(round_id,sample_id,problem_id,idx) VALUES(?,?,?,?) ON CONFLICT DO NOTHING", kept);
      db.batch("INSERT INTO keep_drops(round_id,problem_id,idx,reason,detail) VALUES(?,?,?,?,?)"
          + " ON CONFLICT(round_id,problem_id,idx) DO UPDATE SET reason=excluded.reason, detail=excluded.detail", dropped);
      return kept.size();
    });
  }

  @Override
  public Future<SamplePage> list(SampleFilter f) {
    return Jdbc.tx(db, () -> {
      StringBuilder sql = new StringBuilder("SELECT a.rowid AS rid, a.round_id, r.run_name, r.round_no, a.problem_id,"
          + " p.domain, a.idx, a.sample_id, a.kind, a.model, a.completion_tokens, a.text, v.reason, v.detail AS vdetail,"
          + " k.sample_id AS kept_id FROM attempts a"
          + " JOIN problems p ON p.round_id=a.round_id AND p.id=a.problem_id"
          + " JOIN rounds r ON r.id=a.round_id"
          + " LEFT JOIN verdicts v ON v.round_id=a.round_id AND v.problem_id=a.problem_id AND v.idx=a.idx"
          + " LEFT JOIN kept k ON k.round_id=a.round_id AND k.problem_id=a.problem_id AND k.idx=a.idx"
          + " WHERE a.rowid>?");
      List<Object> args = new ArrayList<>(List.of(f.afterCursor()));
      if (f.roundId() > 0) {
        sql.append(" AND a.round_id=?");
        args.add(f.roundId());
      }
      if (!f.domain().isEmpty()) {
        sql.append(" AND p.domain=?");
        args.add(f.domain());
      }
      if (!f.verdict().isEmpty()) {
        sql.append(" AND v.reason=?");
        args.add(f.verdict());
      }
      sql.append(" ORDER BY a.rowid LIMIT ?");
      args.add(f.limit() + 1);
      List<SampleRow> rows = new ArrayList<>(db.query(sql.toString(), r -> new SampleRow(r.getLong("rid"),
          r.getLong("round_id"), r.getString("run_name"), r.getInt("round_no"), r.getString("problem_id"),
          r.getString("domain"), r.getInt("idx"), r.getString("sample_id"), r.getString("kind"), r.getString("model"),
          r.getInt("completion_tokens"), r.getString("reason"), r.getString("vdetail"), r.getString("kept_id") != null,
          r.getString("text")), args.toArray()));
      Long next = null;
      if (rows.size() > f.limit()) {
        rows.remove(rows.size() - 1);
        next = rows.get(rows.size() - 1).cursor();
      }
      return new SamplePage(rows, next);
    });
  }
}
