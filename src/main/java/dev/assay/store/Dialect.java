package dev.assay.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The few ways the databases differ, so the repositories keep one text per statement (written for
 * SQLite) and PostgreSQL gets it rewritten once: SQLite's implicit {@code rowid} (insertion order)
 * is the explicit identity column {@code seq} of the PostgreSQL schema; the catalogue is asked
 * differently; migrations live in a directory per dialect; PostgreSQL serialises migrations with an
 * advisory lock, since several coordinators may open the same database at once.
 */
enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  private static final Pattern ROWID = Pattern.compile("\\browid\\b");
  /** Any 64-bit number: the advisory lock every Assay takes while migrating a PostgreSQL schema. */
  private static final long MIGRATION_LOCK = 0x4153534159L;
  private final String dir;
  private final Map<String, String> rewritten = new ConcurrentHashMap<>();

  Dialect(String dir) {
    this.dir = dir;
  }

  /** Where this dialect's {@code V<n>.sql} migrations are, under the store's resources. */
  String migrations() {
    return "migrations/" + dir + "/";
  }

  /** The statement as this database wants it. */
  String sql(String sqlite) {
    if (this == SQLITE) {
      return sqlite;
    }
    return rewritten.computeIfAbsent(sqlite, s -> ROWID.matcher(s).replaceAll("seq"));
  }

  /** A query counting the tables named {@code ?} in the database (its current schema for PostgreSQL). */
  String tableCount() {
    return this == SQLITE ? "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name=?"
        : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema=current_schema() AND table_name=?";
  }

  /** A statement that makes concurrent migrations wait for each other, or null when the database needs none. */
  String migrationLock() {
    return this == SQLITE ? null : "SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")";
  }
}
