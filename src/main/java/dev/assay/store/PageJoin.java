package dev.assay.store;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.loop.core.Problem;
import io.vertx.core.json.JsonArray;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of samples with their problem, prompt and round. The attempts are read alone and the rest
 * once for the whole page, by key range (the page is in problem order): a problem's samples share
 * its problem and its prompt (one per solve: its samples', its rationalizations'), so this looks each
 * up once instead of joining three tables to every sample row.
 */
final class PageJoin {
  /** The attempt and verdict columns of a sample, in {@link #row}'s order. */
  static final String COLUMNS = "a.problem_id, a.idx, a.sample_id, a.text, a.prompt_tokens, a.completion_tokens,"
      + " a.model, a.seed, a.kind, a.tokens_estimated, a.verdict, a.verdict_detail, a.verifier, a.verify_ms";

  private PageJoin() {}

  private record Row(Attempt attempt, StoredVerdict verdict) {}

  /** The page {@code sql} selects ({@link #COLUMNS}, bound to {@code args}) as samples; call inside a transaction. */
  static List<KeptSample> read(Db db, long roundId, String sql, Object... args) throws SQLException {
    Jdbc.Text t = Jdbc.text(db);
    List<Row> rows = db.query(sql, r -> row(r, t), args);
    if (rows.isEmpty()) {
      return List.of();
    }
    String first = rows.get(0).attempt().problemId();
    String last = rows.get(rows.size() - 1).attempt().problemId();
    Map<String, Problem> problems = new HashMap<>();
    db.query("SELECT id, domain, origin, parent_id, source_id, body FROM problems WHERE round_id=? AND id BETWEEN ? AND ?",
        r -> problems.put(r.getString(1), Jdbc.problem(r, "id")), roundId, first, last);
    Map<String, String> prompts = new HashMap<>();
    prompts(db, prompts, roundId, first, last);
    if (rows.stream().anyMatch(x -> x.attempt().rationalized())) {
      prompts(db, prompts, roundId, solve(true, first), solve(true, last));
    }
    int roundNo = db.one("SELECT round_no FROM rounds WHERE id=?", r -> r.getInt(1), roundId);
    Map<String, JsonArray> parsed = new HashMap<>();
    List<KeptSample> out = new ArrayList<>(rows.size());
    for (Row x : rows) {
      Attempt a = x.attempt();
      Problem p = problems.get(a.problemId());
      if (p == null) {
        throw new AssayException(ErrorKind.UNEXPECTED_STATE, db.where() + ": round " + roundId + " has attempt "
            + a.idx() + " of problem " + a.problemId() + " but not the problem");
      }
      String text = prompts.get(solve(a.rationalized(), a.problemId()));
      JsonArray prompt = text == null ? null : parsed.computeIfAbsent(text, JsonArray::new);
      out.add(new KeptSample(a, p, x.verdict(), roundNo, prompt));
    }
    return out;
  }

  private static void prompts(Db db, Map<String, String> into, long roundId, String first, String last) throws SQLException {
    db.query("SELECT problem_id, messages FROM solves WHERE round_id=? AND problem_id BETWEEN ? AND ?"
        + " AND messages IS NOT NULL", r -> into.put(r.getString(1), r.getString(2)), roundId, first, last);
  }

  /** The key a sample's solve (and prompt) is stored under: rationalizations have their own. */
  private static String solve(boolean rationalized, String problemId) {
    return rationalized ? "star:" + problemId : problemId;
  }

  private static Row row(ResultSet r, Jdbc.Text t) throws SQLException {
    return new Row(new Attempt(t.get(r, 1), r.getInt(2), t.get(r, 3), t.get(r, 4), r.getInt(5), r.getInt(6),
        t.get(r, 7), r.getLong(8), t.get(r, 9), r.getInt(10) == 1),
        new StoredVerdict(t.get(r, 11), t.get(r, 12), t.get(r, 13), r.getLong(14)));
  }
}
