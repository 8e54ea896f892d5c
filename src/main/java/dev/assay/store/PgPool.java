package dev.assay.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.assay.AssayException;
import dev.assay.ErrorKind;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL connections for the store: a HikariCP pool of {@code poolSize} connections. Each
 * transaction borrows one for the thread that runs it and returns it at the end; a transaction that
 * PostgreSQL aborts because it lost a race (serialization failure, deadlock) is run again, up to
 * {@value #ATTEMPTS} times: the repositories' work is SQL only, so running it again is safe.
 */
final class PgPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgPool.class);
  static final int ATTEMPTS = 3;
  private final HikariDataSource ds;
  private final String where;

  private PgPool(HikariDataSource ds, String where) {
    this.ds = ds;
    this.where = where;
  }

  /** Connects (failing at once, naming the URL, when PostgreSQL does not answer or refuses the login). */
  static PgPool open(StoreLocation at) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(at.jdbcUrl());
    if (at.user() != null) {
      hc.setUsername(at.user());
    }
    String password = at.passwordEnv() == null ? null : System.getenv(at.passwordEnv());
    if (password != null && !password.isEmpty()) {
      hc.setPassword(password);
    }
    hc.setPoolName("assay-store");
    hc.setMaximumPoolSize(at.poolSize());
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(30_000);
    hc.setInitializationFailTimeout(10_000);
    hc.setAutoCommit(true);
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    hc.addDataSourceProperty("ApplicationName", "assay");
    try {
      return new PgPool(new HikariDataSource(hc), at.describe());
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new AssayException(ErrorKind.STORE, at.describe() + ": cannot open database: " + root.getMessage(), e);
    }
  }

  String where() {
    return where;
  }

  <T> T tx(ThreadLocal<Connection> current, Db.Work<T> w) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = ds.getConnection()) {
        current.set(c);
        c.setAutoCommit(false);
        try {
          T t = w.run();
          c.commit();
          return t;
        } catch (SQLException | RuntimeException e) {
          rollback(c);
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && retryable(e)) {
          log.debug("store transaction lost a race ({}), running it again", e.getSQLState());
          continue;
        }
        throw Db.fail(where, null, e);
      } finally {
        current.remove();
      }
    }
  }

  /** Serialization failure or deadlock: PostgreSQL asks the client to run the transaction again. */
  private static boolean retryable(SQLException e) {
    return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the transaction is gone either way; the failure that matters is rethrown
    }
  }

  @Override
  public void close() {
    ds.close();
  }
}
