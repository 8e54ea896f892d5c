package dev.assay.store;

import dev.assay.loop.core.Problem;
import io.vertx.core.Future;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class JdbcProblems implements ProblemStore {
  private static final String INSERT = "INSERT INTO problems(round_id,id,domain,origin,parent_id,source_id,body,status,"
      + "drop_reason,detail,created_at) VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";
  private final Db db;

  JdbcProblems(Db db) {
    this.db = db;
  }

  @Override
  public Future<Void> save(long roundId, List<ProblemRow> rows) {
    return Jdbc.tx(db, () -> {
      insert(roundId, rows);
      return null;
    });
  }

  private void insert(long roundId, List<ProblemRow> rows) throws SQLException {
    List<Object[]> args = new ArrayList<>();
    String now = Jdbc.now();
    for (ProblemRow row : rows) {
      Problem p = row.problem();
      args.add(new Object[] {roundId, p.id(), p.domain().wire(), p.origin(), p.parentId(), p.sourceId(),
          p.body().encode(), row.status(), row.dropReason(), row.detail(), now});
    }
    db.batch(INSERT, args);
  }

  @Override
  public Future<Void> update(long roundId, List<ProblemRow> rows) {
    return Jdbc.tx(db, () -> {
      db.batch("UPDATE problems SET status=?, drop_reason=?, detail=? WHERE round_id=? AND id=?",
          rows.stream().map(r -> new Object[] {r.status(), r.dropReason(), r.detail(), roundId, r.problem().id()}).toList());
      return null;
    });
  }

  @Override
  public Future<Void> saveProposal(long roundId, String key, Usage u, List<ProblemRow> rows) {
    return Jdbc.tx(db, () -> {
      insert(roundId, rows);
      db.update("INSERT INTO proposals(round_id,seed_id,prompt_tokens,completion_tokens,requests,latency_ms,created_at)"
              + " VALUES(?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
          roundId, key, u.promptTokens(), u.completionTokens(), u.requests(), u.latencyMs(), Jdbc.now());
      return null;
    });
  }

  @Override
  public Future<Set<String>> proposed(long roundId) {
    return Jdbc.tx(db, () -> new LinkedHashSet<>(db.query("SELECT seed_id FROM proposals WHERE round_id=?",
        r -> r.getString(1), roundId)));
  }

  @Override
  public Future<List<ProblemRow>> list(long roundId, boolean validOnly) {
    String sql = "SELECT * FROM problems WHERE round_id=?" + (validOnly ? " AND status='valid'" : "") + " ORDER BY rowid";
    return Jdbc.tx(db, () -> db.query(sql, r -> new ProblemRow(Jdbc.problem(r, "id"), r.getString("status"),
        r.getString("drop_reason"), r.getString("detail")), roundId));
  }

  @Override
  public Future<List<Problem>> valid(String run, int roundNo) {
    return Jdbc.tx(db, () -> db.query("SELECT p.* FROM problems p JOIN rounds r ON r.id=p.round_id"
        + " WHERE r.run_name=? AND r.round_no=? AND p.status='valid' ORDER BY p.id", r -> Jdbc.problem(r, "id"), run, roundNo));
  }

  @Override
  public Future<List<ProblemStat>> stats(String run, int beforeRound) {
    return Jdbc.tx(db, () -> db.query("SELECT p.*, r.round_no,"
            + " SUM(CASE WHEN a.verdict='ok' THEN 1 ELSE 0 END) AS passed, COUNT(a.verdict) AS total"
            + " FROM problems p JOIN rounds r ON r.id=p.round_id"
            + " LEFT JOIN attempts a ON a.round_id=p.round_id AND a.problem_id=p.id AND a.kind='sample'"
            + " WHERE r.run_name=? AND r.round_no<? AND p.status='valid' GROUP BY p.round_id, p.id, r.round_no"
            + " ORDER BY r.round_no, p.rowid",
        r -> new ProblemStat(Jdbc.problem(r, "id"), r.getInt("round_no"), r.getInt("passed"), r.getInt("total")),
        run, beforeRound));
  }

  @Override
  public Future<Map<String, PassRate>> passRates(long roundId) {
    return Jdbc.tx(db, () -> {
      Map<String, PassRate> out = new LinkedHashMap<>();
      Jdbc.Text t = Jdbc.text(db);
      db.query("SELECT problem_id, SUM(CASE WHEN verdict='ok' THEN 1 ELSE 0 END), COUNT(*) FROM attempts"
          + " WHERE round_id=? AND kind='sample' AND verdict IS NOT NULL GROUP BY problem_id",
          r -> out.put(t.get(r, 1), new PassRate(r.getInt(2), r.getInt(3))), roundId);
      return out;
    });
  }

  @Override
  public Future<Void> saveScore(long roundId, String problemId, double dualAgreement, int consensus, int candidates) {
    return Jdbc.tx(db, () -> {
      db.update("INSERT INTO problem_scores(round_id,problem_id,dual_agreement,consensus,candidates) VALUES(?,?,?,?,?)"
              + " ON CONFLICT(round_id,problem_id) DO UPDATE SET dual_agreement=excluded.dual_agreement,"
              + " consensus=excluded.consensus, candidates=excluded.candidates",
          roundId, problemId, dualAgreement, consensus, candidates);
      return null;
    });
  }

  @Override
  public Future<Map<String, Double>> scores(long roundId) {
    return Jdbc.tx(db, () -> {
      Map<String, Double> out = new LinkedHashMap<>();
      db.query("SELECT problem_id, dual_agreement FROM problem_scores WHERE round_id=?",
          r -> out.put(r.getString(1), r.getDouble(2)), roundId);
      return out;
    });
  }
}
