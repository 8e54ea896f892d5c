package dev.assay.store;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One database connection and the few ways the repositories use it: a transaction, a query mapped
 * row by row, an update, a batch. Used from one worker thread at a time. Opening checks that the
 * path is a database (or nothing yet) and migrates its schema; failures name the file.
 */
final class Db implements AutoCloseable {
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final Connection c;
  private final Path file;
  /** Sees every statement run (tests check their query plans); null when nobody listens. */
  static volatile java.util.function.Consumer<String> trace;

  private Db(Connection c, Path file) {
    this.c = c;
    this.file = file;
  }

  /** Opens (creating when missing) and migrates the SQLite database at {@code file}. */
  static Db open(Path file) {
    checkPath(file);
    Db db;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("PRAGMA foreign_keys=ON");
      }
      db = new Db(c, file);
    } catch (SQLException | IOException e) {
      throw fail(file, "cannot open database", e);
    }
    try {
      db.tx(() -> {
        Migrations.apply(db);
        return null;
      });
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return db;
  }

  /** A directory, or a file that is not an SQLite database, is the user's mistake: INVALID_INPUT naming it. */
  private static void checkPath(Path file) {
    if (Files.isDirectory(file)) {
      throw AssayException.invalid(file + ": is a directory, not a database file (--db, run.db)");
    }
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(SQLITE_HEADER.length);
      if (head.length > 0 && !java.util.Arrays.equals(head, SQLITE_HEADER)) {
        throw AssayException.invalid(file + ": is not an SQLite database (--db, run.db)");
      }
    } catch (IOException e) {
      throw AssayException.invalid(file + ": cannot read: " + e.getMessage());
    }
  }

  Path file() {
    return file;
  }

  interface Work<T> {
    T run() throws SQLException;
  }

  interface Row<T> {
    T map(ResultSet r) throws SQLException;
  }

  /**
   * Runs {@code w} in one transaction (nested calls join the outer one). A failure rolls it back and
   * is reported as itself (a full disk stays "no space left", never a follow-up "no transaction").
   */
  <T> T tx(Work<T> w) {
    boolean outer;
    try {
      outer = c.getAutoCommit();
    } catch (SQLException e) {
      throw fail(file, null, e);
    }
    if (!outer) {
      try {
        return w.run();
      } catch (SQLException e) {
        throw fail(file, null, e);
      }
    }
    try {
      c.setAutoCommit(false);
      T t = w.run();
      c.commit();
      return t;
    } catch (SQLException e) {
      rollback();
      throw fail(file, null, e);
    } catch (RuntimeException e) {
      rollback();
      throw e;
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is unusable; the failure that matters was reported above
      }
    }
  }

  private void rollback() {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the transaction is gone either way; the original failure is what matters
    }
  }

  <T> List<T> query(String sql, Row<T> row, Object... args) throws SQLException {
    traced(sql);
    List<T> out = new ArrayList<>();
    try (PreparedStatement p = bind(c.prepareStatement(sql), args); ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(row.map(r));
      }
    }
    return out;
  }

  <T> T one(String sql, Row<T> row, Object... args) throws SQLException {
    List<T> all = query(sql, row, args);
    return all.isEmpty() ? null : all.get(0);
  }

  long count(String sql, Object... args) throws SQLException {
    Long n = one(sql, r -> r.getLong(1), args);
    return n == null ? 0 : n;
  }

  int update(String sql, Object... args) throws SQLException {
    traced(sql);
    try (PreparedStatement p = bind(c.prepareStatement(sql), args)) {
      return p.executeUpdate();
    }
  }

  /** One statement run for every argument list, as a batch. */
  void batch(String sql, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    traced(sql);
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (Object[] args : rows) {
        bind(p, args).addBatch();
      }
      p.executeBatch();
    }
  }

  private static void traced(String sql) {
    java.util.function.Consumer<String> t = trace;
    if (t != null) {
      t.accept(sql);
    }
  }

  void execute(String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static PreparedStatement bind(PreparedStatement p, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      p.setObject(i + 1, args[i]);
    }
    return p;
  }

  @Override
  public void close() {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing is best effort
    }
  }

  /**
   * The database failed. A full disk is not a bug of ours: UNEXPECTED_STATE "no space left on
   * <file>" (a rerun with space resumes); anything else is STORE naming the file.
   */
  static AssayException fail(Path file, String what, Exception e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("SQLITE_FULL") || msg.contains("database or disk is full") || msg.contains("No space left")) {
      return new AssayException(ErrorKind.UNEXPECTED_STATE, "no space left on " + file.toAbsolutePath(), e);
    }
    if (msg.contains("SQLITE_NOTADB") || msg.contains("file is not a database")) {
      return AssayException.invalid(file + ": is not an SQLite database (--db, run.db)");
    }
    return new AssayException(ErrorKind.STORE, file + ": " + (what == null ? "" : what + ": ") + msg, e);
  }
}
