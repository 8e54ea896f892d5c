package dev.assay.store;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.store.Store.Attempt;
import dev.assay.store.Store.KeptSample;
import dev.assay.store.Store.ProblemRow;
import dev.assay.store.Store.RoundInfo;
import dev.assay.store.Store.Usage;
import dev.assay.verify.Problem;
import dev.assay.verify.Verdict;
import dev.assay.verify.VerdictReason;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The SQLite store: one connection, WAL, used from one worker thread at a time. */
final class SqliteStore {
  static final int SCHEMA_VERSION = 1;
  private final Connection c;
  private final Path file;

  SqliteStore(Path file) {
    this.file = file;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("PRAGMA foreign_keys=ON");
        for (String ddl : Schema.DDL) {
          s.execute(ddl);
        }
        s.execute("INSERT OR IGNORE INTO meta(key,value) VALUES('schema_version','" + SCHEMA_VERSION + "')");
      }
      checkVersion();
    } catch (SQLException | java.io.IOException e) {
      throw new AssayException(ErrorKind.STORE, file + ": cannot open database: " + e.getMessage(), e);
    }
  }

  private void checkVersion() throws SQLException {
    try (ResultSet r = c.createStatement().executeQuery("SELECT value FROM meta WHERE key='schema_version'")) {
      if (r.next() && Integer.parseInt(r.getString(1)) > SCHEMA_VERSION) {
        throw new AssayException(ErrorKind.UNEXPECTED_STATE,
            file + ": database schema " + r.getString(1) + " is newer than this Assay (" + SCHEMA_VERSION + ")");
      }
    }
  }

  interface Work<T> {
    T run() throws SQLException;
  }

  <T> T tx(Work<T> w) {
    try {
      c.setAutoCommit(false);
      try {
        T t = w.run();
        c.commit();
        return t;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new AssayException(ErrorKind.STORE, file + ": " + e.getMessage(), e);
    }
  }

  private PreparedStatement ps(String sql, Object... args) throws SQLException {
    return bind(c.prepareStatement(sql), args);
  }

  /** Sets the statement's parameters, in order. */
  static PreparedStatement bind(PreparedStatement p, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      p.setObject(i + 1, args[i]);
    }
    return p;
  }

  private int update(String sql, Object... args) throws SQLException {
    try (PreparedStatement p = ps(sql, args)) {
      return p.executeUpdate();
    }
  }

  private static String now() {
    return Instant.now().toString();
  }

  RoundInfo openRound(String run, long seed, String model, boolean simulated, String config) {
    return tx(() -> {
      update("INSERT OR IGNORE INTO runs(name, seed, created_at) VALUES(?,?,?)", run, seed, now());
      try (PreparedStatement p = ps("SELECT * FROM rounds WHERE run_name=? ORDER BY round_no DESC LIMIT 1", run);
          ResultSet r = p.executeQuery()) {
        if (r.next() && "running".equals(r.getString("state"))) {
          update("UPDATE rounds SET state='running' WHERE id=?", r.getLong("id"));
          return roundInfo(r);
        }
      }
      int next = 1;
      try (PreparedStatement p = ps("SELECT COALESCE(MAX(round_no),0)+1 FROM rounds WHERE run_name=?", run);
          ResultSet r = p.executeQuery()) {
        next = r.next() ? r.getInt(1) : 1;
      }
      update("INSERT INTO rounds(run_name, round_no, seed, model, simulated, state, stage, config_json, started_at)"
              + " VALUES(?,?,?,?,?,'running','start',?,?)",
          run, next, seed, model, simulated ? 1 : 0, config, now());
      try (PreparedStatement p = ps("SELECT * FROM rounds WHERE run_name=? AND round_no=?", run, next);
          ResultSet r = p.executeQuery()) {
        r.next();
        return roundInfo(r);
      }
    });
  }

  RoundInfo round(String run, int roundNo) {
    return tx(() -> {
      String sql = run == null
          ? "SELECT * FROM rounds ORDER BY id DESC LIMIT 1"
          : roundNo <= 0
              ? "SELECT * FROM rounds WHERE run_name=? ORDER BY round_no DESC LIMIT 1"
              : "SELECT * FROM rounds WHERE run_name=? AND round_no=?";
      Object[] args = run == null ? new Object[0] : roundNo <= 0 ? new Object[] {run} : new Object[] {run, roundNo};
      try (PreparedStatement p = ps(sql, args); ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new AssayException(ErrorKind.UNEXPECTED_STATE, file + ": no round "
              + (roundNo > 0 ? roundNo + " " : "") + (run == null ? "" : "of run '" + run + "' ") + "in the database");
        }
        return roundInfo(r);
      }
    });
  }

  List<RoundInfo> rounds() {
    return tx(() -> {
      List<RoundInfo> out = new ArrayList<>();
      try (ResultSet r = c.createStatement().executeQuery("SELECT * FROM rounds ORDER BY id")) {
        while (r.next()) {
          out.add(roundInfo(r));
        }
      }
      return out;
    });
  }

  private static RoundInfo roundInfo(ResultSet r) throws SQLException {
    String rep = r.getString("report_json");
    return new RoundInfo(r.getLong("id"), r.getString("run_name"), r.getInt("round_no"), r.getLong("seed"),
        r.getString("model"), r.getInt("simulated") == 1, r.getString("state"), r.getString("stage"),
        r.getLong("wall_ms"), rep == null ? null : new JsonObject(rep));
  }

  Void setStage(long roundId, String stage) {
    return tx(() -> {
      update("UPDATE rounds SET stage=? WHERE id=?", stage, roundId);
      return null;
    });
  }

  Void setState(long roundId, String state) {
    return tx(() -> {
      update("UPDATE rounds SET state=? WHERE id=?", state, roundId);
      return null;
    });
  }

  Void saveProblems(long roundId, List<ProblemRow> rows) {
    return tx(() -> {
      insertProblems(roundId, rows);
      return null;
    });
  }

  private void insertProblems(long roundId, List<ProblemRow> rows) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "INSERT OR IGNORE INTO problems(round_id,id,domain,origin,parent_id,source_id,body,status,drop_reason,detail,created_at)"
            + " VALUES(?,?,?,?,?,?,?,?,?,?,?)")) {
      for (ProblemRow row : rows) {
        Problem pr = row.problem();
        bind(p, roundId, pr.id(), pr.domain().wire(), pr.origin(), pr.parentId(), pr.sourceId(),
            pr.body().encode(), row.status(), row.dropReason(), row.detail(), now()).addBatch();
      }
      p.executeBatch();
    }
  }

  Void updateProblems(long roundId, List<ProblemRow> rows) {
    return tx(() -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE problems SET status=?, drop_reason=?, detail=? WHERE round_id=? AND id=?")) {
        for (ProblemRow r : rows) {
          bind(p, r.status(), r.dropReason(), r.detail(), roundId, r.problem().id()).addBatch();
        }
        p.executeBatch();
      }
      return null;
    });
  }

  Void saveProposal(long roundId, String seedId, Usage u, List<ProblemRow> rows) {
    return tx(() -> {
      insertProblems(roundId, rows);
      update("INSERT OR IGNORE INTO proposals(round_id,seed_id,prompt_tokens,completion_tokens,requests,latency_ms,created_at)"
              + " VALUES(?,?,?,?,?,?,?)",
          roundId, seedId, u.promptTokens(), u.completionTokens(), u.requests(), u.latencyMs(), now());
      return null;
    });
  }

  Set<String> proposedSeeds(long roundId) {
    return strings("SELECT seed_id FROM proposals WHERE round_id=?", roundId);
  }

  Set<String> solvedProblems(long roundId) {
    return strings("SELECT problem_id FROM solves WHERE round_id=?", roundId);
  }

  private Set<String> strings(String sql, Object... args) {
    return tx(() -> {
      Set<String> out = new LinkedHashSet<>();
      try (PreparedStatement p = ps(sql, args); ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return out;
    });
  }

  List<ProblemRow> problems(long roundId, boolean validOnly) {
    return tx(() -> {
      List<ProblemRow> out = new ArrayList<>();
      String sql = "SELECT * FROM problems WHERE round_id=?" + (validOnly ? " AND status='valid'" : "") + " ORDER BY rowid";
      try (PreparedStatement p = ps(sql, roundId); ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new ProblemRow(problem(r, "id"), r.getString("status"), r.getString("drop_reason"), r.getString("detail")));
        }
      }
      return out;
    });
  }

  private static Problem problem(ResultSet r, String idCol) throws SQLException {
    return new Problem(r.getString(idCol), dev.assay.verify.Domain.parse(r.getString("domain")), r.getString("origin"),
        r.getString("parent_id"), r.getString("source_id"), new JsonObject(r.getString("body")));
  }

  Void saveSolve(long roundId, String problemId, Usage u, String failure, List<Attempt> attempts) {
    return tx(() -> {
      int inserted = update("INSERT OR IGNORE INTO solves(round_id,problem_id,status,detail,prompt_tokens,completion_tokens,requests,latency_ms,created_at)"
              + " VALUES(?,?,?,?,?,?,?,?,?)",
          roundId, problemId, failure == null ? "ok" : "model_error", failure == null ? "" : failure,
          u.promptTokens(), u.completionTokens(), u.requests(), u.latencyMs(), now());
      if (inserted == 0) {
        return null; // already stored by an earlier process: never store twice
      }
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO attempts(round_id,problem_id,idx,sample_id,text,prompt_tokens,completion_tokens,model,seed,kind,created_at)"
              + " VALUES(?,?,?,?,?,?,?,?,?,?,?)")) {
        for (Attempt a : attempts) {
          bind(p, roundId, a.problemId(), a.idx(), a.sampleId(), a.text(), a.promptTokens(),
              a.completionTokens(), a.model(), a.seed(), a.kind(), now()).addBatch();
        }
        p.executeBatch();
      }
      return null;
    });
  }

  List<Attempt> unverified(long roundId) {
    return tx(() -> {
      List<Attempt> out = new ArrayList<>();
      try (PreparedStatement p = ps("SELECT a.* FROM attempts a LEFT JOIN verdicts v ON v.round_id=a.round_id"
              + " AND v.problem_id=a.problem_id AND v.idx=a.idx WHERE a.round_id=? AND v.reason IS NULL"
              + " ORDER BY a.rowid", roundId);
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(attempt(r));
        }
      }
      return out;
    });
  }

  private static Attempt attempt(ResultSet r) throws SQLException {
    return new Attempt(r.getString("problem_id"), r.getInt("idx"), r.getString("sample_id"), r.getString("text"),
        r.getInt("prompt_tokens"), r.getInt("completion_tokens"), r.getString("model"), r.getLong("seed"),
        r.getString("kind"));
  }

  Void saveVerdict(long roundId, String problemId, int idx, Verdict v) {
    return tx(() -> {
      update("INSERT OR REPLACE INTO verdicts(round_id,problem_id,idx,reason,detail,verifier,wall_ms,created_at)"
              + " VALUES(?,?,?,?,?,?,?,?)",
          roundId, problemId, idx, v.reason().wire(), v.detail(), v.verifier(), v.wallMs(), now());
      return null;
    });
  }

  List<KeptSample> attemptsWithVerdict(long roundId, boolean ok) {
    String where = ok ? "v.reason='ok'" : "v.reason NOT IN ('ok','sandbox_error')";
    return samples("SELECT a.*, p.domain, p.origin, p.parent_id, p.source_id, p.body, p.id AS pid,"
        + " v.reason, v.detail AS vdetail, v.verifier, v.wall_ms, r.round_no FROM attempts a"
        + " JOIN problems p ON p.round_id=a.round_id AND p.id=a.problem_id"
        + " JOIN verdicts v ON v.round_id=a.round_id AND v.problem_id=a.problem_id AND v.idx=a.idx"
        + " JOIN rounds r ON r.id=a.round_id"
        + " WHERE a.round_id=? AND " + where + " ORDER BY a.problem_id, a.idx", roundId);
  }

  Integer saveKeep(long roundId, List<Store.KeepDecision> decisions) {
    return tx(() -> {
      update("DELETE FROM kept WHERE round_id=?", roundId);
      update("DELETE FROM keep_drops WHERE round_id=?", roundId);
      int kept = 0;
      try (PreparedStatement k = c.prepareStatement("INSERT INTO kept(round_id,sample_id,problem_id,idx) VALUES(?,?,?,?)");
          PreparedStatement d = c.prepareStatement(
              "INSERT INTO keep_drops(round_id,problem_id,idx,reason,detail) VALUES(?,?,?,?,?)")) {
        for (Store.KeepDecision x : decisions) {
          if (x.dropReason() == null) {
            bind(k, roundId, x.sampleId(), x.problemId(), x.idx()).addBatch();
            kept++;
          } else {
            bind(d, roundId, x.problemId(), x.idx(), x.dropReason(), x.detail()).addBatch();
          }
        }
        k.executeBatch();
        d.executeBatch();
      }
      return kept;
    });
  }

  List<Attempt> attempts(long roundId) {
    return tx(() -> {
      List<Attempt> out = new ArrayList<>();
      try (PreparedStatement p = ps("SELECT * FROM attempts WHERE round_id=? AND kind='sample' ORDER BY problem_id, idx", roundId);
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(attempt(r));
        }
      }
      return out;
    });
  }

  Void saveScore(long roundId, String problemId, double dualAgreement, int consensus, int candidates) {
    return tx(() -> {
      update("INSERT OR REPLACE INTO problem_scores(round_id,problem_id,dual_agreement,consensus,candidates) VALUES(?,?,?,?,?)",
          roundId, problemId, dualAgreement, consensus, candidates);
      return null;
    });
  }

  java.util.Map<String, Double> scores(long roundId) {
    return tx(() -> {
      java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
      try (PreparedStatement p = ps("SELECT problem_id, dual_agreement FROM problem_scores WHERE round_id=?", roundId);
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), r.getDouble(2));
        }
      }
      return out;
    });
  }

  Void registerModel(Store.ModelRecord m) {
    return tx(() -> {
      update("INSERT OR IGNORE INTO models(name,run_name,parent,dataset,base_url,simulated,after_round,created_at)"
              + " VALUES(?,?,?,?,?,?,?,?)",
          m.name(), m.run(), m.parent(), m.dataset(), m.baseUrl(), m.simulated() ? 1 : 0, m.afterRound(),
          m.createdAt() == null || m.createdAt().isEmpty() ? now() : m.createdAt());
      return null;
    });
  }

  List<Store.ModelRecord> models(String run) {
    return tx(() -> {
      List<Store.ModelRecord> out = new ArrayList<>();
      try (PreparedStatement p = ps("SELECT * FROM models WHERE run_name=? ORDER BY after_round, rowid", run);
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Store.ModelRecord(r.getString("name"), r.getString("run_name"), r.getString("parent"),
              r.getString("dataset"), r.getString("base_url"), r.getInt("simulated") == 1, r.getInt("after_round"),
              r.getString("created_at")));
        }
      }
      return out;
    });
  }

  List<Store.ProblemStat> problemStats(String run, int beforeRound) {
    return tx(() -> {
      List<Store.ProblemStat> out = new ArrayList<>();
      try (PreparedStatement p = ps("SELECT p.*, r.round_no, SUM(v.reason='ok') AS passed, COUNT(v.reason) AS total"
              + " FROM problems p JOIN rounds r ON r.id=p.round_id"
              + " LEFT JOIN attempts a ON a.round_id=p.round_id AND a.problem_id=p.id AND a.kind='sample'"
              + " LEFT JOIN verdicts v ON v.round_id=a.round_id AND v.problem_id=a.problem_id AND v.idx=a.idx"
              + " WHERE r.run_name=? AND r.round_no<? AND p.status='valid' GROUP BY p.round_id, p.id ORDER BY r.round_no, p.rowid",
          run, beforeRound);
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Store.ProblemStat(problem(r, "id"), r.getInt("round_no"), r.getInt("passed"), r.getInt("total")));
        }
      }
      return out;
    });
  }

  List<KeptSample> kept(long roundId) {
    return samples("SELECT a.*, p.domain, p.origin, p.parent_id, p.source_id, p.body, p.id AS pid,"
        + " v.reason, v.detail AS vdetail, v.verifier, v.wall_ms, r.round_no FROM kept k"
        + " JOIN attempts a ON a.round_id=k.round_id AND a.problem_id=k.problem_id AND a.idx=k.idx"
        + " JOIN problems p ON p.round_id=k.round_id AND p.id=k.problem_id"
        + " JOIN verdicts v ON v.round_id=k.round_id AND v.problem_id=k.problem_id AND v.idx=k.idx"
        + " JOIN rounds r ON r.id=k.round_id"
        + " WHERE k.round_id=? ORDER BY a.problem_id, a.idx", roundId);
  }

  private List<KeptSample> samples(String sql, long roundId) {
    return tx(() -> {
      List<KeptSample> out = new ArrayList<>();
      try (PreparedStatement p = ps(sql, roundId); ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Verdict v = new Verdict(VerdictReason.parse(r.getString("reason")), r.getString("vdetail"),
              r.getString("verifier"), r.getLong("wall_ms"));
          out.add(new KeptSample(attempt(r), problem(r, "pid"), v, r.getInt("round_no")));
        }
      }
      return out;
    });
  }

  JsonObject counts(long roundId) {
    return tx(() -> Counts.of(c, roundId));
  }

  Void finishRound(long roundId, long wallMs, JsonObject report) {
    return tx(() -> {
      update("UPDATE rounds SET state='done', stage='done', finished_at=?, wall_ms=wall_ms+?, report_json=? WHERE id=?",
          now(), wallMs, report.encode(), roundId);
      return null;
    });
  }

  void close() {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing is best effort
    }
  }

  // --- web: paged samples and stored round configs (additive) ---

  Store.SamplePage samples(long roundId, String domain, String verdict, int limit, long after) {
    return tx(() -> {
      StringBuilder sql = new StringBuilder("SELECT a.rowid AS rid, a.round_id, r.run_name, r.round_no, a.problem_id,"
          + " p.domain, a.idx, a.sample_id, a.kind, a.model, a.completion_tokens, a.text, v.reason, v.detail AS vdetail,"
          + " k.sample_id AS kept_id FROM attempts a"
          + " JOIN problems p ON p.round_id=a.round_id AND p.id=a.problem_id"
          + " JOIN rounds r ON r.id=a.round_id"
          + " LEFT JOIN verdicts v ON v.round_id=a.round_id AND v.problem_id=a.problem_id AND v.idx=a.idx"
          + " LEFT JOIN kept k ON k.round_id=a.round_id AND k.problem_id=a.problem_id AND k.idx=a.idx"
          + " WHERE a.rowid>?");
      List<Object> args = new ArrayList<>(List.of(after));
      if (roundId > 0) {
        sql.append(" AND a.round_id=?");
        args.add(roundId);
      }
      if (!domain.isEmpty()) {
        sql.append(" AND p.domain=?");
        args.add(domain);
      }
      if (!verdict.isEmpty()) {
        sql.append(" AND v.reason=?");
        args.add(verdict);
      }
      sql.append(" ORDER BY a.rowid LIMIT ?");
      args.add(limit + 1);
      List<Store.SampleRow> rows = new ArrayList<>();
      try (PreparedStatement p = ps(sql.toString(), args.toArray()); ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(new Store.SampleRow(r.getLong("rid"), r.getLong("round_id"), r.getString("run_name"),
              r.getInt("round_no"), r.getString("problem_id"), r.getString("domain"), r.getInt("idx"),
              r.getString("sample_id"), r.getString("kind"), r.getString("model"), r.getInt("completion_tokens"), r.getString("reason"),
              r.getString("vdetail"), r.getString("kept_id") != null, r.getString("text")));
        }
      }
      Long next = null;
      if (rows.size() > limit) {
        rows.remove(rows.size() - 1);
        next = rows.get(rows.size() - 1).cursor();
      }
      return new Store.SamplePage(List.copyOf(rows), next);
    });
  }

  JsonObject roundConfig(long roundId) {
    return tx(() -> {
      try (PreparedStatement p = ps("SELECT config_json FROM rounds WHERE id=?", roundId); ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new AssayException(ErrorKind.UNEXPECTED_STATE, file + ": no round with id " + roundId);
        }
        String json = r.getString(1);
        return json == null || json.isBlank() ? new JsonObject() : new JsonObject(json);
      }
    });
  }
}
