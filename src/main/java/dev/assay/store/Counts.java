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
  private static final java.util.Comparator<List<Integer>> BY_TOTAL_THEN_PASSED =
      java.util.Comparator.<List<Integer>, Integer>comparing(k -> k.get(0)).thenComparing(k -> k.get(1));

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
    // the failed solves first (from their covering index), then their problems: CROSS JOIN fixes the order
    db.query("SELECT p.domain, COUNT(*) FROM solves x CROSS JOIN problems p WHERE p.round_id=x.round_id"
        + " AND p.id=x.problem_id AND x.round_id=? AND x.status<>'ok' GROUP BY p.domain",
        r -> acc(d, r.getString(1)).solveFailures += r.getLong(2), round);
    long verifyMs = attempts(db, d, round);
    db.query("SELECT domain, kind, keep, n FROM keep_tally WHERE round_id=?", r -> {
      Acc a = acc(d, r.getString(1));
      boolean rationalization = "rationalization".equals(r.getString(2));
      String keep = r.getString(3);
      long n = r.getLong(4);
      if ("kept".equals(keep)) {
        a.kept += n;
        a.rationalizedKept += rationalization ? n : 0;
      } else {
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
    agent(db, d, round);
    long[] propose = tokens(db, "proposals", round);
    long[] solve = tokens(db, "solves", round);
    Map<String, DomainCounts> out = new TreeMap<>();
    d.forEach((k, v) -> out.put(k, v.done()));
    return new RoundCounts(out, propose[0], solve[0], propose[1] + solve[1], verifyMs);
  }

  /**
   * Attempts by domain, kind and verdict, and problems by (passed, total) sample attempts, from one
   * pass over the covering index in problem order (no sort): the groups of a problem come together,
   * so its pass count is known when the next problem starts. Returns the verification time.
   */
  private static long attempts(Db db, Map<String, Acc> d, long round) throws SQLException {
    long[] verifyMs = {0};
    Map<String, Map<List<Integer>, Long>> passCounts = new TreeMap<>();
    Problem p = new Problem();
    Jdbc.Text t = Jdbc.text(db);
    db.query("SELECT problem_id, domain, kind, verdict, COUNT(*), COALESCE(SUM(verify_ms),0) FROM attempts"
        + " WHERE round_id=? GROUP BY problem_id, kind, domain, verdict ORDER BY problem_id", r -> {
          String pid = t.get(r, 1);
          String domain = t.get(r, 2);
          String kind = t.get(r, 3);
          String verdict = t.get(r, 4);
          long n = r.getLong(5);
          Acc a = acc(d, domain);
          a.attempts += n;
          a.rationalizations += "rationalization".equals(kind) ? n : 0;
          if (verdict != null) {
            a.verdicts.merge(verdict, n, Long::sum);
            verifyMs[0] += r.getLong(6);
          }
          if (!pid.equals(p.id)) {
            p.flush(passCounts);
            p.id = pid;
          }
          if ("sample".equals(kind) && verdict != null) {
            int[] pt = p.byDomain.computeIfAbsent(domain, x -> new int[2]);
            pt[0] += "ok".equals(verdict) ? (int) n : 0;
            pt[1] += (int) n;
          }
          return null;
        }, round);
    p.flush(passCounts);
    passCounts.forEach((domain, counts) -> counts.forEach((pt, n) ->
        acc(d, domain).passCounts.add(new PassCount(pt.get(1), pt.get(0), n))));
    return verifyMs[0];
  }

  /** The sample attempts of the problem being read: (passed, total) per domain. */
  private static final class Problem {
    String id;
    final Map<String, int[]> byDomain = new HashMap<>();

    /** Counts the problem under its (total, passed), the order the report lists them in. */
    void flush(Map<String, Map<List<Integer>, Long>> into) {
      byDomain.forEach((domain, pt) -> into.computeIfAbsent(domain, x -> new TreeMap<>(BY_TOTAL_THEN_PASSED))
          .merge(List.of(pt[1], pt[0]), 1L, Long::sum));
      byDomain.clear();
    }
  }

  /** Trajectories (samples whose first answer was checked), baseline answers, tool runs by status. */
  private static void agent(Db db, Map<String, Acc> d, long round) throws SQLException {
    db.query("SELECT a.domain, a.kind, a.repairs, CASE WHEN a.first_verdict='ok' THEN 1 ELSE 0 END,"
        + " CASE WHEN a.verdict='ok' THEN 1 ELSE 0 END, CASE WHEN k.keep='kept' THEN 1 ELSE 0 END, COUNT(*),"
        + " SUM(a.tool_calls), SUM(a.tool_ms) FROM attempts a LEFT JOIN keeps k ON k.round_id=a.round_id"
        + " AND k.problem_id=a.problem_id AND k.idx=a.idx"
        + " WHERE a.round_id=? AND (a.first_verdict IS NOT NULL OR a.kind='baseline') GROUP BY 1, 2, 3, 4, 5, 6", r -> {
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
