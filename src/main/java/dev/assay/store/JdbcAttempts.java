package dev.assay.store;

import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

final class JdbcAttempts implements AttemptStore {
  private final Db db;

  JdbcAttempts(Db db) {
    this.db = db;
  }

  @Override
  public Future<Void> saveSolve(long roundId, String key, Usage u, String failure, List<Attempt> attempts,
      io.vertx.core.json.JsonArray messages) {
    return Jdbc.tx(db, () -> {
      insert(roundId, key, u, failure, attempts, messages);
      return null;
    });
  }

  private void insert(long roundId, String key, Usage u, String failure, List<Attempt> attempts,
      io.vertx.core.json.JsonArray messages) throws java.sql.SQLException {
    int inserted = db.update("INSERT INTO solves(round_id,problem_id,status,detail,prompt_tokens,completion_tokens,"
            + "requests,latency_ms,created_at,messages) VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
        roundId, key, failure == null ? "ok" : "model_error", failure == null ? "" : failure,
        u.promptTokens(), u.completionTokens(), u.requests(), u.latencyMs(), Jdbc.now(),
        messages == null ? null : messages.encode());
    if (inserted == 0) {
      return; // already stored by an earlier process: never store twice
    }
    String now = Jdbc.now();
    db.batch("INSERT INTO attempts(round_id,problem_id,idx,sample_id,text,prompt_tokens,completion_tokens,model,seed,"
            + "kind,created_at,tokens_estimated,truncated,domain) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,"
            + "(SELECT domain FROM problems WHERE round_id=? AND id=?))",
        attempts.stream().map(a -> new Object[] {roundId, a.problemId(), a.idx(), a.sampleId(), a.text(),
            a.promptTokens(), a.completionTokens(), a.model(), a.seed(), a.kind(), now, a.tokensEstimated() ? 1 : 0,
            a.truncated() ? 1 : 0, roundId, a.problemId()}).toList());
  }

  @Override
  public Future<Void> saveSolves(long roundId, List<Solve> solves) {
    return Jdbc.tx(db, () -> {
      for (Solve s : solves) {
        insert(roundId, s.key(), s.usage(), s.failure(), s.attempts(), s.messages());
      }
      return null;
    });
  }

  @Override
  public Future<Set<String>> solved(long roundId) {
    return Jdbc.tx(db, () -> new LinkedHashSet<>(db.query("SELECT problem_id FROM solves WHERE round_id=?",
        r -> r.getString(1), roundId)));
  }

  @Override
  public Future<List<Attempt>> unverified(long roundId) {
    return Jdbc.tx(db, () -> db.query("SELECT * FROM attempts WHERE round_id=? AND verdict IS NULL ORDER BY rowid",
        Jdbc::attempt, roundId));
  }

  @Override
  public Future<Void> saveVerdicts(long roundId, List<VerdictOf> verdicts) {
    return Jdbc.tx(db, () -> {
      db.batch("UPDATE attempts SET verdict=?, verdict_detail=?, verifier=?, verify_ms=?"
              + " WHERE round_id=? AND problem_id=? AND idx=?",
          verdicts.stream().map(v -> new Object[] {v.verdict().reason(), v.verdict().detail(), v.verdict().verifier(),
              v.verdict().wallMs(), roundId, v.problemId(), v.idx()}).toList());
      return null;
    });
  }

  @Override
  public Future<List<Attempt>> samples(long roundId, SampleKey after, int limit) {
    return Jdbc.tx(db, () -> db.query("SELECT * FROM attempts WHERE round_id=? AND kind='sample'"
            + " AND (problem_id, idx) > (?, ?) ORDER BY problem_id, idx LIMIT ?",
        Jdbc::attempt, roundId, after.problemId(), after.idx(), limit));
  }
}
