package dev.assay.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

final class JdbcTrajectories implements TrajectoryStore {
  private static final String PUT = "INSERT INTO turns(round_id,problem_id,idx,turn,role,content,tool_calls,tool_call_id,"
      + "tokens,status,meta,created_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(round_id,problem_id,idx,turn)"
      + " DO UPDATE SET status=excluded.status, meta=excluded.meta";
  private final Db db;

  JdbcTrajectories(Db db) {
    this.db = db;
  }

  @Override
  public Future<Void> open(long roundId, String key, Usage u, JsonArray messages, List<Turn> first) {
    return Jdbc.tx(db, () -> {
      int inserted = db.update("INSERT INTO solves(round_id,problem_id,status,detail,prompt_tokens,completion_tokens,"
              + "requests,latency_ms,created_at,messages) VALUES(?,?,'ok','',?,?,?,?,?,?) ON CONFLICT DO NOTHING",
          roundId, key, u.promptTokens(), u.completionTokens(), u.requests(), u.latencyMs(), Jdbc.now(),
          messages == null ? null : messages.encode());
      if (inserted > 0) {
        insert(roundId, first);
      }
      return null;
    });
  }

  @Override
  public Future<Void> put(long roundId, List<Turn> turns) {
    return Jdbc.tx(db, () -> {
      insert(roundId, turns);
      return null;
    });
  }

  private void insert(long roundId, List<Turn> turns) throws SQLException {
    String now = Jdbc.now();
    db.batch(PUT, turns.stream().map(t -> new Object[] {roundId, t.problemId(), t.idx(), t.turn(), t.role(), t.content(),
        t.toolCalls().isEmpty() ? null : t.toolCalls().encode(), t.toolCallId(), t.tokens(), t.status(),
        t.meta().isEmpty() ? null : t.meta().encode(), now}).toList());
  }

  @Override
  public Future<List<Turn>> of(long roundId, String problemId) {
    return Jdbc.tx(db, () -> db.query("SELECT * FROM turns WHERE round_id=? AND problem_id=? ORDER BY idx, turn",
        JdbcTrajectories::turn, roundId, problemId));
  }

  @Override
  public Future<Set<String>> unfinished(long roundId) {
    return Jdbc.tx(db, () -> new LinkedHashSet<>(db.query("SELECT DISTINCT t.problem_id FROM turns t"
        + " LEFT JOIN attempts a ON a.round_id=t.round_id AND a.problem_id=t.problem_id AND a.idx=t.idx"
        + " WHERE t.round_id=? AND a.idx IS NULL ORDER BY t.problem_id", r -> r.getString(1), roundId)));
  }

  @Override
  public Future<Void> finish(long roundId, Attempt a, AgentSummary s, StoredVerdict v) {
    return Jdbc.tx(db, () -> {
      db.update("INSERT INTO attempts(round_id,problem_id,idx,sample_id,text,prompt_tokens,completion_tokens,model,seed,"
              + "kind,created_at,tokens_estimated,domain,verdict,verdict_detail,verifier,verify_ms,turns,tool_calls,"
              + "tool_ms,repairs,first_verdict) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,(SELECT domain FROM problems WHERE"
              + " round_id=? AND id=?),?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
          roundId, a.problemId(), a.idx(), a.sampleId(), a.text(), a.promptTokens(), a.completionTokens(), a.model(),
          a.seed(), a.kind(), Jdbc.now(), a.tokensEstimated() ? 1 : 0, roundId, a.problemId(), v.reason(), v.detail(),
          v.verifier(), v.wallMs(), s.turns(), s.toolCalls(), s.toolMs(), s.repairs(), s.firstVerdict());
      return null;
    });
  }

  @Override
  public Future<List<Turn>> range(long roundId, SampleKey first, SampleKey last) {
    return Jdbc.tx(db, () -> db.query("SELECT * FROM turns WHERE round_id=? AND (problem_id, idx) >= (?, ?)"
            + " AND (problem_id, idx) <= (?, ?) ORDER BY problem_id, idx, turn", JdbcTrajectories::turn,
        roundId, first.problemId(), first.idx(), last.problemId(), last.idx()));
  }

  static Turn turn(ResultSet r) throws SQLException {
    String calls = r.getString("tool_calls");
    String meta = r.getString("meta");
    return new Turn(r.getString("problem_id"), r.getInt("idx"), r.getInt("turn"), r.getString("role"),
        r.getString("content"), calls == null ? null : new JsonArray(calls), r.getString("tool_call_id"),
        r.getInt("tokens"), r.getString("status"), meta == null ? null : new JsonObject(meta));
  }
}
