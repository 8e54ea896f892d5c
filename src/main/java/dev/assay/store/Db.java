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
 * The database and the few ways the repositories use it: a transaction, a query mapped row by row,
 * an update, a batch. SQLite: one connection, used from one worker thread at a time. PostgreSQL
 * ({@link PgPool}): each transaction borrows a pooled connection for the thread that runs it, so
 * several store workers run transactions at once. Opening checks that the path is a database (or
 * nothing yet) and migrates its schema; failures name the file or URL.
 */
final class Db implements AutoCloseable {
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final Connection single;
  private final PgPool pool;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();
  private final Path file;
  private final String where;
  final Dialect dialect;
  /** Sees every statement run (tests check their query plans); null when nobody listens. */
  static volatile java.util.function.Consumer<String> trace;

  private Db(Connection c, Path file) {
    this.single = c;
    this.pool = null;
    this.file = file;
    this.where = String.valueOf(file);
    this.dialect = Dialect.SQLITE;
  }

  private Db(PgPool pool) {
    this.single = null;
    this.pool = pool;
    this.file = null;
    this.where = pool.where();
    this.dialect = Dialect.POSTGRESQL;
  }

  /** Opens the store's database wherever {@code at} says, migrated to this Assay's schema. */
  static Db open(StoreLocation at) {
    if (!at.postgres()) {
      return open(at.file());
    }
    Db db = new Db(PgPool.open(at));
    return migrated(db);
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
    return migrated(db);
  }

  private static Db migrated(Db db) {
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

  /** The SQLite file; null for PostgreSQL. */
  Path file() {
    return file;
  }

  /** How messages name the database: its file, or its URL (never with a password). */
  String where() {
    return where;
  }

  private AssayException failed(SQLException e) {
    return file != null ? fail(file, null, e) : fail(where, null, e);
  }

  /** The connection of the running transaction (SQLite's only one). */
  private Connection c() throws SQLException {
    if (pool == null) {
      return single;
    }
    Connection c = current.get();
    if (c == null) {
      throw new SQLException("no transaction on this thread (statements run inside Db.tx)");
    }
    return c;
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
    if (pool != null) {
      return current.get() != null ? joined(w) : pool.tx(current, w);
    }
    Connection c = single;
    boolean outer;
    try {
      outer = c.getAutoCommit();
    } catch (SQLException e) {
      throw failed(e);
    }
    if (!outer) {
      try {
        return w.run();
      } catch (SQLException e) {
        throw failed(e);
      }
    }
    try {
      c.setAutoCommit(false);
      T t = w.run();
      c.commit();
      return t;
    } catch (SQLException e) {
      rollback();
      throw failed(e);
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

  private <T> T joined(Work<T> w) {
    try {
      return w.run();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private void rollback() {
    try {
      single.rollback();
    } catch (SQLException ignored) {
      // the transaction is gone either way; the original failure is what matters
    }
  }

  <T> List<T> query(String sql, Row<T> row, Object... args) throws SQLException {
    traced(sql);
    List<T> out = new ArrayList<>();
    try (PreparedStatement p = bind(c().prepareStatement(dialect.sql(sql)), args); ResultSet r = p.executeQuery()) {
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
    try (PreparedStatement p = bind(c().prepareStatement(dialect.sql(sql)), args)) {
      return p.executeUpdate();
    }
  }

  /** One statement run for every argument list, as a batch. */
  void batch(String sql, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    traced(sql);
    try (PreparedStatement p = c().prepareStatement(dialect.sql(sql))) {
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
    try (Statement s = c().createStatement()) {
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
    if (pool != null) {
      pool.close();
      return;
    }
    try {
      single.close();
    } catch (SQLException ignored) {
      // closing is best effort
    }
  }

  /**
   * The database failed. A full disk is not a bug of ours: UNEXPECTED_STATE "no space left on
   * <file>" (a rerun with space resumes); anything else is STORE naming the file.
   */
  static AssayException fail(Path file, String what, Exception e) {
    return fail(String.valueOf(file), String.valueOf(file.toAbsolutePath()), what, e);
  }

  /** As above for a database named {@code where} (a file or a URL). */
  static AssayException fail(String where, String what, Exception e) {
    return fail(where, where, what, e);
  }

  private static AssayException fail(String file, String absolute, String what, Exception e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("SQLITE_FULL") || msg.contains("database or disk is full") || msg.contains("No space left")
        || e instanceof SQLException s && "53100".equals(s.getSQLState())) {
      return new AssayException(ErrorKind.UNEXPECTED_STATE, "no space left on " + absolute, e);
    }
    if (msg.contains("SQLITE_NOTADB") || msg.contains("file is not a database")) {
      return AssayException.invalid(file + ": is not an SQLite database (--db, run.db)");
    }
    return new AssayException(ErrorKind.STORE, file + ": " + (what == null ? "" : what + ": ") + msg, e);
  }
}
