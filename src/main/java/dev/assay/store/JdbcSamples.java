package dev.assay.store;

import io.vertx.core.Future;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

final class JdbcSamples implements SampleStore {
  private static final String COLUMNS = "SELECT a.*, p.origin, p.parent_id, p.source_id, p.body, p.id AS pid,"
      + " r.round_no, s.messages AS prompt";
  private static final String JOINS = " JOIN problems p ON p.round_id=a.round_id AND p.id=a.problem_id"
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
    return page(COLUMNS + " FROM attempts a" + JOINS + " WHERE a.round_id=? AND a.verdict='ok'", roundId, after, limit);
  }

  @Override
  public Future<List<KeptSample>> failed(long roundId, SampleKey after, int limit) {
    return page(COLUMNS + " FROM attempts a" + JOINS + " WHERE a.round_id=? AND a.verdict NOT IN ('ok','sandbox_error')", roundId, after, limit);
  }

  @Override
  public Future<List<KeptSample>> kept(long roundId, SampleKey after, int limit) {
    return page(COLUMNS + " FROM attempts a" + JOINS + " WHERE a.round_id=? AND a.keep='kept'", roundId, after, limit);
  }

  private Future<List<KeptSample>> page(String sql, long roundId, SampleKey after, int limit) {
    return Jdbc.tx(db, () -> {
      // the samples of a problem come together: its problem and prompt are read once, not once per sample
      Object[] last = new Object[4];
      return db.query(sql + AFTER, r -> sample(r, last), roundId, after.problemId(), after.idx(), limit);
    });
  }

  private static KeptSample sample(ResultSet r, Object[] last) throws SQLException {
    StoredVerdict v = new StoredVerdict(r.getString("verdict"), r.getString("verdict_detail"), r.getString("verifier"),
        r.getLong("verify_ms"));
    String pid = r.getString("pid");
    if (!pid.equals(last[0])) {
      last[0] = pid;
      last[1] = Jdbc.problem(r, "pid");
      last[2] = null;
      last[3] = null;
    }
    String prompt = r.getString("prompt");
    if (prompt != null && !prompt.equals(last[2])) {
      last[2] = prompt;
      last[3] = new io.vertx.core.json.JsonArray(prompt);
    }
    return new KeptSample(Jdbc.attempt(r), (dev.assay.loop.core.Problem) last[1], v, r.getInt("round_no"),
        prompt == null ? null : (io.vertx.core.json.JsonArray) last[3]);
  }

  @Override
  public Future<Void> clearKeep(long roundId) {
    return Jdbc.tx(db, () -> {
      db.update("UPDATE attempts SET keep=NULL, keep_detail=NULL WHERE round_id=? AND keep IS NOT NULL", roundId);
      return null;
    });
  }

  @Override
  public Future<Integer> saveKeep(long roundId, List<KeepDecision> decisions) {
    return Jdbc.tx(db, () -> {
      db.batch("UPDATE attempts SET keep=?, keep_detail=? WHERE round_id=? AND problem_id=? AND idx=?",
          decisions.stream().map(d -> new Object[] {d.kept() ? "kept" : d.dropReason(), d.kept() ? null : d.detail(),
              roundId, d.problemId(), d.idx()}).toList());
      return (int) decisions.stream().filter(KeepDecision::kept).count();
    });
  }

  @Override
  public Future<SamplePage> list(SampleFilter f) {
    return Jdbc.tx(db, () -> {
      StringBuilder sql = new StringBuilder("SELECT a.rowid AS rid, a.round_id, r.run_name, r.round_no, a.problem_id,"
          + " a.domain, a.idx, a.sample_id, a.kind, a.model, a.completion_tokens, a.text, a.verdict, a.verdict_detail,"
          + " a.keep FROM attempts a JOIN rounds r ON r.id=a.round_id WHERE a.rowid>?");
      List<Object> args = new ArrayList<>(List.of(f.afterCursor()));
      if (f.roundId() > 0) {
        sql.append(" AND a.round_id=?");
        args.add(f.roundId());
      }
      if (!f.domain().isEmpty()) {
        sql.append(" AND a.domain=?");
        args.add(f.domain());
      }
      if (!f.verdict().isEmpty()) {
        sql.append(" AND a.verdict=?");
        args.add(f.verdict());
      }
      sql.append(" ORDER BY a.rowid LIMIT ?");
      args.add(f.limit() + 1);
      List<SampleRow> rows = new ArrayList<>(db.query(sql.toString(), r -> new SampleRow(r.getLong("rid"),
          r.getLong("round_id"), r.getString("run_name"), r.getInt("round_no"), r.getString("problem_id"),
          r.getString("domain"), r.getInt("idx"), r.getString("sample_id"), r.getString("kind"), r.getString("model"),
          r.getInt("completion_tokens"), r.getString("verdict"), r.getString("verdict_detail"), "kept".equals(r.getString("keep")),
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
