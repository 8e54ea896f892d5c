package dev.assay.store;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Versioned schema changes. The schema version lives in {@code meta.schema_version}; migration
 * {@code V<n>.sql} (under {@code migrations/sqlite/}, and {@code migrations/postgresql/} with the
 * same versions) takes a database from version n-1 to n and runs once, in the opening transaction
 * (on PostgreSQL under an advisory lock, so two processes opening one database migrate it once).
 * A database made by a newer Assay is refused.
 */
final class Migrations {
  /** The schema this Assay writes. */
  static final int LATEST = 9;

  private Migrations() {}

  static void apply(Db db) throws SQLException {
    String lock = db.dialect.migrationLock();
    if (lock != null) {
      db.execute(lock);
    }
    int have = version(db);
    if (have > LATEST) {
      throw new AssayException(ErrorKind.UNEXPECTED_STATE, db.where() + ": database schema " + have
          + " is newer than this Assay (" + LATEST + ")");
    }
    for (int v = have + 1; v <= LATEST; v++) {
      for (String statement : script(db.dialect, v).split(";\\s*\\n")) {
        String sql = strip(statement);
        if (!sql.isEmpty()) {
          db.execute(sql);
        }
      }
      db.update("INSERT INTO meta(key, value) VALUES('schema_version', ?)"
          + " ON CONFLICT(key) DO UPDATE SET value=excluded.value", String.valueOf(v));
    }
  }

  /** 0 for an empty database. */
  static int version(Db db) throws SQLException {
    boolean meta = db.count(db.dialect.tableCount(), "meta") > 0;
    if (!meta) {
      return 0;
    }
    String v = db.one("SELECT value FROM meta WHERE key='schema_version'", r -> r.getString(1));
    return v == null ? 0 : Integer.parseInt(v.strip());
  }

  private static String script(Dialect dialect, int v) {
    String name = dialect.migrations() + "V" + v + ".sql";
    try (InputStream in = Migrations.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssayException(ErrorKind.INTERNAL, "migration " + name + " missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssayException(ErrorKind.INTERNAL, "cannot read migration " + name + ": " + e.getMessage(), e);
    }
  }

  private static String strip(String statement) {
    StringBuilder out = new StringBuilder();
    for (String line : statement.split("\n")) {
      if (!line.strip().startsWith("--")) {
        out.append(line).append('\n');
      }
    }
    return out.toString().strip();
  }
}
