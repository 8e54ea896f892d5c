package dev.assay.store;

import io.vertx.core.Future;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The JDBC repositories. Each call runs its SQL at once, in one transaction, on the calling
 * thread (the store verticle's worker) and returns a completed future.
 */
final class Jdbc {
  private Jdbc() {}

  static Store store(Db db) {
    return new Store(new JdbcRounds(db), new JdbcProblems(db), new JdbcAttempts(db), new JdbcSamples(db),
        new JdbcModels(db), new JdbcTrajectories(db));
  }

  /** Runs {@code w} in a transaction; its outcome as a completed future. */
  static <T> Future<T> tx(Db db, Db.Work<T> w) {
    try {
      return Future.succeededFuture(db.tx(w));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** How a text column is read. */
  interface Text {
    String get(ResultSet r, int column) throws SQLException;
  }

  /**
   * The text reader for {@code db}: SQLite's text as its UTF-8 bytes, decoded here (sqlite-jdbc's
   * getString wraps every value in a direct ByteBuffer first, which makes reading a page of samples'
   * text columns about twice as slow); null stays null, an empty text empty. Others: getString.
   */
  static Text text(Db db) {
    return db.dialect == Dialect.SQLITE ? Jdbc::utf8 : ResultSet::getString;
  }

  private static String utf8(ResultSet r, int column) throws SQLException {
    byte[] b = r.getBytes(column);
    return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  static String now() {
    return Instant.now().toString();
  }

  static dev.assay.loop.core.Problem problem(ResultSet r, String idColumn) throws SQLException {
    return new dev.assay.loop.core.Problem(r.getString(idColumn), dev.assay.loop.core.Domain.parse(r.getString("domain")),
        r.getString("origin"), r.getString("parent_id"), r.getString("source_id"),
        new io.vertx.core.json.JsonObject(r.getString("body")));
  }

  static Attempt attempt(ResultSet r) throws SQLException {
    return new Attempt(r.getString("problem_id"), r.getInt("idx"), r.getString("sample_id"), r.getString("text"),
        r.getInt("prompt_tokens"), r.getInt("completion_tokens"), r.getString("model"), r.getLong("seed"),
        r.getString("kind"), r.getInt("tokens_estimated") == 1, r.getInt("truncated") == 1);
  }
}
