package dev.assay.store;

import dev.assay.store.RoundCounts.DomainCounts;
import dev.assay.store.RoundCounts.PassCount;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A round's {@link RoundCounts} from one {@code GROUP BY} per table (problems, solves, attempts with
 * their verdicts and keep decisions, scores, pass counts, token sums), never one {@code COUNT} per field.
 */
final class Counts {
  private static final String[] DOMAINS = {"math", "code"};
  private static final String BY_PROBLEM = " JOIN problems p ON p.round_id=x.round_id AND p.id=x.problem_id";

  private Counts() {}

  /** Mutable per-domain totals while the queries run. */
  private static final class Acc {
    long seeds, validSeeds, proposed, problems, solveFailures, attempts, kept, rationalizations, rationalizedKept;
    long scored;
    double meanAgreement;
    long trajectories, firstRight, toolCalls, toolMs, keptToolMs, baseline, baselineRight;
    final Map<Integer, Long> rightAfter = new TreeMap<>();
    final Map<String, Long> toolStatuses = new TreeMap<>();
    final Map<String, Long> seedDrops = new TreeMap<>();
    final Map<String, Long> proposalDrops = new TreeMap<>();
    final Map<String, Long> verdicts = new TreeMap<>();
    final Map<String, Long> keepDrops = new TreeMap<>();
    final List<PassCount> passCounts = new ArrayList<>();

    DomainCounts done() {
      return new DomainCounts(seeds, validSeeds, proposed, seedDrops, proposalDrops, problems, solveFailures, attempts,
          verdicts, keepDrops, kept, rationalizations, rationalizedKept, scored, meanAgreement, passCounts,
          new RoundCounts.AgentCounts(trajectories, firstRight, rightAfter, toolCalls, toolMs, keptToolMs, toolStatuses,
              baseline, baselineRight));
    }
  }

  static RoundCounts of(Db db, long round) throws SQLException {
    Map<String, Acc> d = new HashMap<>();
    for (String name : DOMAINS) {
      d.put(name, new Acc());
    }
    db.query("SELECT domain, origin, status, COALESCE(drop_reason,''), COUNT(*) FROM problems WHERE round_id=?"
        + " GROUP BY domain, origin, status, drop_reason", r -> {
          Acc a = acc(d, r.getString(1));
          boolean seed = "seed".equals(r.getString(2));
          boolean valid = "valid".equals(r.getString(3));
          long n = r.getLong(5);
          if (seed) {
            a.seeds += n;
            a.validSeeds += valid ? n : 0;
          } else {
            a.proposed += n;
          }
          if (valid) {
            a.problems += n;
          } else {
            (seed ? a.seedDrops : a.proposalDrops).merge(r.getString(4), n, Long::sum);
          }
          return null;
        }, round);
    db.query("SELECT p.domain, COUNT(*) FROM solves x" + BY_PROBLEM + " WHERE x.round_id=? AND x.status<>'ok'"
        + " GROUP BY p.domain", r -> acc(d, r.getString(1)).solveFailures += r.getLong(2), round);
    long[] verifyMs = {0};
    db.query("SELECT domain, kind, verdict, keep, COUNT(*), COALESCE(SUM(verify_ms),0) FROM attempts WHERE round_id=?"
        + " GROUP BY domain, kind, verdict, keep", r -> {
          Acc a = acc(d, r.getString(1));
          long n = r.getLong(5);
          boolean rationalization = "rationalization".equals(r.getString(2));
          String verdict = r.getString(3);
          String keep = r.getString(4);
          a.attempts += n;
          a.rationalizations += rationalization ? n : 0;
          if (verdict != null) {
            a.verdicts.merge(verdict, n, Long::sum);
            verifyMs[0] += r.getLong(6);
          }
          if ("kept".equals(keep)) {
            a.kept += n;
            a.rationalizedKept += rationalization ? n : 0;
          } else if (keep != null) {
            a.keepDrops.merge(keep, n, Long::sum);
          }
          return null;
        }, round);
    db.query("SELECT p.domain, COUNT(*), AVG(x.dual_agreement) FROM problem_scores x" + BY_PROBLEM
        + " WHERE x.round_id=? GROUP BY p.domain", r -> {
          Acc a = acc(d, r.getString(1));
          a.scored = r.getLong(2);
          a.meanAgreement = r.getDouble(3);
          return null;
        }, round);
    db.query("SELECT domain, passed, total, COUNT(*) FROM (SELECT domain,"
        + " SUM(CASE WHEN verdict='ok' THEN 1 ELSE 0 END) AS passed, COUNT(*) AS total FROM attempts"
        + " WHERE round_id=? AND kind='sample' AND verdict IS NOT NULL GROUP BY problem_id, domain) t"
        + " GROUP BY domain, passed, total ORDER BY domain, total, passed",
        r -> acc(d, r.getString(1)).passCounts.add(new PassCount(r.getInt(2), r.getInt(3), r.getLong(4))), round);
    agent(db, d, round);
    long[] propose = tokens(db, "proposals", round);
    long[] solve = tokens(db, "solves", round);
    Map<String, DomainCounts> out = new TreeMap<>();
    d.forEach((k, v) -> out.put(k, v.done()));
    return new RoundCounts(out, propose[0], solve[0], propose[1] + solve[1], verifyMs[0]);
  }

  /** Trajectories (samples whose first answer was checked), baseline answers, tool runs by status. */
  private static void agent(Db db, Map<String, Acc> d, long round) throws SQLException {
    db.query("SELECT domain, kind, repairs, CASE WHEN first_verdict='ok' THEN 1 ELSE 0 END,"
        + " CASE WHEN verdict='ok' THEN 1 ELSE 0 END, CASE WHEN keep='kept' THEN 1 ELSE 0 END, COUNT(*),"
        + " SUM(tool_calls), SUM(tool_ms) FROM attempts WHERE round_id=? AND (first_verdict IS NOT NULL OR kind='baseline')"
        + " GROUP BY 1, 2, 3, 4, 5, 6", r -> {
          Acc a = acc(d, r.getString(1));
          long n = r.getLong(7);
          if ("baseline".equals(r.getString(2))) {
            a.baseline += n;
            a.baselineRight += r.getInt(5) == 1 ? n : 0;
            return null;
          }
          a.trajectories += n;
          a.firstRight += r.getInt(4) == 1 ? n : 0;
          if (r.getInt(5) == 1) {
            a.rightAfter.merge(r.getInt(3), n, Long::sum);
          }
          a.toolCalls += r.getLong(8);
          a.toolMs += r.getLong(9);
          a.keptToolMs += r.getInt(6) == 1 ? r.getLong(9) : 0;
          return null;
        }, round);
    db.query("SELECT a.domain, t.status, COUNT(*) FROM turns t JOIN attempts a ON a.round_id=t.round_id"
        + " AND a.problem_id=t.problem_id AND a.idx=t.idx WHERE t.round_id=? AND t.role='tool' GROUP BY 1, 2",
        r -> acc(d, r.getString(1)).toolStatuses.merge(String.valueOf(r.getString(2)), r.getLong(3), Long::sum), round);
  }

  private static Acc acc(Map<String, Acc> d, String domain) {
    return d.computeIfAbsent(domain, x -> new Acc());
  }

  private static long[] tokens(Db db, String table, long round) throws SQLException {
    return db.one("SELECT COALESCE(SUM(prompt_tokens+completion_tokens),0), COALESCE(SUM(requests),0) FROM " + table
        + " WHERE round_id=?", r -> new long[] {r.getLong(1), r.getLong(2)}, round);
  }
}
