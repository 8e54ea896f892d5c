package dev.assay.store;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Raw per-domain counts of one round, straight from the tables: the report package turns them
 * into the yield report. Shape: {@code {"math": {...}, "code": {...}, "tokens": {...}}} where each
 * domain has {@code seeds, proposed, proposal_drops{reason:n}, problems, solve_failures,
 * attempts, verdicts{reason:n}, kept, pass_rates[]}.
 */
final class Counts {
  private Counts() {}

  static JsonObject of(Connection c, long roundId) throws SQLException {
    JsonObject out = new JsonObject();
    for (String d : new String[] {"math", "code"}) {
      JsonObject dom = new JsonObject()
          .put("seeds", count(c, "SELECT COUNT(*) FROM problems WHERE round_id=? AND domain=? AND origin='seed'", roundId, d))
          .put("valid_seeds", count(c, "SELECT COUNT(*) FROM problems WHERE round_id=? AND domain=? AND origin='seed'"
              + " AND status='valid'", roundId, d))
          .put("proposed", count(c, "SELECT COUNT(*) FROM problems WHERE round_id=? AND domain=? AND origin='proposed'", roundId, d))
          .put("proposal_drops", group(c, "SELECT drop_reason, COUNT(*) FROM problems WHERE round_id=? AND domain=?"
              + " AND status='dropped' AND origin='proposed' GROUP BY drop_reason", roundId, d))
          .put("seed_drops", group(c, "SELECT drop_reason, COUNT(*) FROM problems WHERE round_id=? AND domain=?"
              + " AND status='dropped' AND origin='seed' GROUP BY drop_reason", roundId, d))
          .put("keep_drops", group(c, "SELECT k.reason, COUNT(*) FROM keep_drops k JOIN problems p ON p.round_id=k.round_id"
              + " AND p.id=k.problem_id WHERE k.round_id=? AND p.domain=? GROUP BY k.reason", roundId, d))
          .put("rationalizations", count(c, "SELECT COUNT(*) FROM attempts a JOIN problems p ON p.round_id=a.round_id"
              + " AND p.id=a.problem_id WHERE a.round_id=? AND p.domain=? AND a.kind='rationalization'", roundId, d))
          .put("rationalized_kept", count(c, "SELECT COUNT(*) FROM kept k JOIN attempts a ON a.round_id=k.round_id"
              + " AND a.problem_id=k.problem_id AND a.idx=k.idx JOIN problems p ON p.round_id=k.round_id AND p.id=k.problem_id"
              + " WHERE k.round_id=? AND p.domain=? AND a.kind='rationalization'", roundId, d))
          .put("problems", count(c, "SELECT COUNT(*) FROM problems WHERE round_id=? AND domain=? AND status='valid'", roundId, d))
          .put("solve_failures", count(c, "SELECT COUNT(*) FROM solves s JOIN problems p ON p.round_id=s.round_id"
              + " AND p.id=s.problem_id WHERE s.round_id=? AND p.domain=? AND s.status<>'ok'", roundId, d))
          .put("attempts", count(c, "SELECT COUNT(*) FROM attempts a JOIN problems p ON p.round_id=a.round_id"
              + " AND p.id=a.problem_id WHERE a.round_id=? AND p.domain=?", roundId, d))
          .put("verdicts", group(c, "SELECT v.reason, COUNT(*) FROM verdicts v JOIN problems p ON p.round_id=v.round_id"
              + " AND p.id=v.problem_id WHERE v.round_id=? AND p.domain=? GROUP BY v.reason", roundId, d))
          .put("kept", count(c, "SELECT COUNT(*) FROM kept k JOIN problems p ON p.round_id=k.round_id"
              + " AND p.id=k.problem_id WHERE k.round_id=? AND p.domain=?", roundId, d))
          .put("attempt_tokens", count(c, "SELECT COALESCE(SUM(a.prompt_tokens + a.completion_tokens),0) FROM attempts a"
              + " JOIN problems p ON p.round_id=a.round_id AND p.id=a.problem_id WHERE a.round_id=? AND p.domain=?", roundId, d))
          .put("pass_rates", passRates(c, roundId, d))
          .put("scored", count(c, "SELECT COUNT(*) FROM problem_scores s JOIN problems p ON p.round_id=s.round_id"
              + " AND p.id=s.problem_id WHERE s.round_id=? AND p.domain=?", roundId, d))
          .put("dual_agreement_permille", count(c, "SELECT COALESCE(ROUND(AVG(s.dual_agreement)*1000),0) FROM problem_scores s"
              + " JOIN problems p ON p.round_id=s.round_id AND p.id=s.problem_id WHERE s.round_id=? AND p.domain=?", roundId, d));
      out.put(d, dom);
    }
    out.put("tokens", new JsonObject()
        .put("propose", count(c, "SELECT COALESCE(SUM(prompt_tokens+completion_tokens),0) FROM proposals WHERE round_id=?", roundId))
        .put("solve", count(c, "SELECT COALESCE(SUM(prompt_tokens+completion_tokens),0) FROM solves WHERE round_id=?", roundId))
        .put("requests", count(c, "SELECT COALESCE(SUM(requests),0) FROM proposals WHERE round_id=?", roundId)
            + count(c, "SELECT COALESCE(SUM(requests),0) FROM solves WHERE round_id=?", roundId)));
    out.put("verify_ms", count(c, "SELECT COALESCE(SUM(wall_ms),0) FROM verdicts WHERE round_id=?", roundId));
    return out;
  }

  private static io.vertx.core.json.JsonArray passRates(Connection c, long roundId, String d) throws SQLException {
    io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
    try (PreparedStatement p = c.prepareStatement("SELECT SUM(v.reason='ok'), COUNT(*) FROM verdicts v JOIN problems p"
        + " ON p.round_id=v.round_id AND p.id=v.problem_id JOIN attempts a ON a.round_id=v.round_id"
        + " AND a.problem_id=v.problem_id AND a.idx=v.idx WHERE v.round_id=? AND p.domain=? AND a.kind='sample'"
        + " GROUP BY v.problem_id")) {
      SqliteStore.bind(p, roundId, d);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new io.vertx.core.json.JsonArray().add(r.getInt(1)).add(r.getInt(2)));
        }
      }
    }
    return out;
  }

  private static long count(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = SqliteStore.bind(c.prepareStatement(sql), args)) {
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  private static JsonObject group(Connection c, String sql, Object... args) throws SQLException {
    JsonObject out = new JsonObject();
    try (PreparedStatement p = SqliteStore.bind(c.prepareStatement(sql), args)) {
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), r.getLong(2));
        }
      }
    }
    return out;
  }
}
