package dev.assay.store;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

final class JdbcSamples implements SampleStore {
  /** Keyset paging as a row-value comparison, so the primary key index seeks to the page (an OR would scan). */
  private static final String AFTER = " AND (a.problem_id, a.idx) > (?, ?) ORDER BY a.problem_id, a.idx LIMIT ?";
  private static final String KEPT_AFTER = " AND (k.problem_id, k.idx) > (?, ?) ORDER BY k.problem_id, k.idx LIMIT ?";
  private final Db db;

  JdbcSamples(Db db) {
    this.db = db;
  }

  @Override
  public Future<List<KeptSample>> verified(long roundId, SampleKey after, int limit) {
    return page("SELECT " + PageJoin.COLUMNS + " FROM attempts a WHERE a.round_id=? AND a.verdict='ok'" + AFTER, roundId,
        after, limit);
  }

  @Override
  public Future<List<KeptSample>> failed(long roundId, SampleKey after, int limit) {
    return page("SELECT " + PageJoin.COLUMNS + " FROM attempts a WHERE a.round_id=?"
        + " AND a.verdict NOT IN ('ok','sandbox_error')" + AFTER, roundId, after, limit);
  }

  /** Walks the round's decisions (a narrow table in the same order) and reads only the kept samples' rows. */
  @Override
  public Future<List<KeptSample>> kept(long roundId, SampleKey after, int limit) {
    return page("SELECT " + PageJoin.COLUMNS + " FROM keeps k JOIN attempts a ON a.round_id=k.round_id"
        + " AND a.problem_id=k.problem_id AND a.idx=k.idx WHERE k.round_id=? AND k.keep='kept'" + KEPT_AFTER, roundId,
        after, limit);
  }

  private Future<List<KeptSample>> page(String sql, long roundId, SampleKey after, int limit) {
    return Jdbc.tx(db, () -> PageJoin.read(db, roundId, sql, roundId, after.problemId(), after.idx(), limit));
  }

  @Override
  public Future<Void> clearKeep(long roundId) {
    return Jdbc.tx(db, () -> {
      db.update("DELETE FROM keeps WHERE round_id=?", roundId);
      db.update("DELETE FROM keep_tally WHERE round_id=?", roundId);
      return null;
    });
  }

  /**
   * Appends the decisions (narrow rows, in the order they were decided) and adds them to the round's
   * counts in the same transaction; a decision already recorded fails the whole call.
   */
  @Override
  public Future<Integer> saveKeep(long roundId, List<KeepDecision> decisions) {
    return Jdbc.tx(db, () -> {
      Map<List<String>, Long> tally = new HashMap<>(); // (domain, kind, keep) -> decisions
      List<Object[]> rows = new ArrayList<>(decisions.size());
      int kept = 0;
      for (KeepDecision d : decisions) {
        String keep = d.kept() ? "kept" : d.dropReason();
        kept += d.kept() ? 1 : 0;
        rows.add(new Object[] {roundId, d.problemId(), d.idx(), keep, d.kept() ? null : d.detail()});
        tally.merge(List.of(d.domain(), d.kind(), keep), 1L, Long::sum);
      }
      db.batch("INSERT INTO keeps(round_id, problem_id, idx, keep, detail) VALUES(?,?,?,?,?)", rows);
      db.batch("INSERT INTO keep_tally(round_id, domain, kind, keep, n) VALUES(?,?,?,?,?) ON CONFLICT(round_id, domain,"
              + " kind, keep) DO UPDATE SET n=keep_tally.n+excluded.n",
          tally.entrySet().stream().map(e -> new Object[] {roundId, e.getKey().get(0), e.getKey().get(1),
              e.getKey().get(2), e.getValue()}).toList());
      return kept;
    });
  }

  @Override
  public Future<SamplePage> list(SampleFilter f) {
    return Jdbc.tx(db, () -> {
      StringBuilder sql = new StringBuilder("SELECT a.rowid AS rid, a.round_id, r.run_name, r.round_no, a.problem_id,"
          + " a.domain, a.idx, a.sample_id, a.kind, a.model, a.completion_tokens, a.text, a.verdict, a.verdict_detail,"
          + " k.keep FROM attempts a JOIN rounds r ON r.id=a.round_id LEFT JOIN keeps k ON k.round_id=a.round_id"
          + " AND k.problem_id=a.problem_id AND k.idx=a.idx WHERE a.rowid>?");
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
