package dev.assay.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL the tests use: {@code ASSAY_TEST_PG_URL} (default {@value #DEFAULT_URL}), its
 * password in {@code ASSAY_TEST_PG_PASSWORD}. Each test gets a fresh schema (the store connects with
 * {@code currentSchema}), dropped at {@link #close}. {@link #find} says why there is none, so a test can
 * skip saying so.
 */
public final class PgTestDatabase implements AutoCloseable {
  public static final String DEFAULT_URL = "postgresql://assay@127.0.0.1:5432/assay_test";
  public static final String PASSWORD_ENV = "ASSAY_TEST_PG_PASSWORD";
  private final String url;
  private final StoreLocation base;
  private final List<String> schemas = new ArrayList<>();

  private PgTestDatabase(String url, StoreLocation base) {
    this.url = url;
    this.base = base;
  }

  /** The database when it answers; else null, after {@code whyNot[0]} is set to the reason. */
  public static PgTestDatabase find(String[] whyNot) {
    String url = System.getenv().getOrDefault("ASSAY_TEST_PG_URL", DEFAULT_URL);
    StoreLocation at;
    try {
      at = StoreLocation.fromUrl(url, null, PASSWORD_ENV, 4);
    } catch (IllegalArgumentException e) {
      whyNot[0] = "ASSAY_TEST_PG_URL " + e.getMessage();
      return null;
    }
    PgTestDatabase db = new PgTestDatabase(url, at);
    try (Connection c = db.connect()) {
      return db;
    } catch (SQLException e) {
      whyNot[0] = "no PostgreSQL answers at " + url + " (set ASSAY_TEST_PG_URL and " + PASSWORD_ENV + "): "
          + e.getMessage();
      return null;
    }
  }

  public Connection connect() throws SQLException {
    Properties p = new Properties();
    if (base.user() != null) {
      p.setProperty("user", base.user());
    }
    String pw = System.getenv(PASSWORD_ENV);
    if (pw != null) {
      p.setProperty("password", pw);
    }
    p.setProperty("connectTimeout", "3");
    return DriverManager.getConnection(base.jdbcUrl(), p);
  }

  /** A new empty schema; its name. */
  public String freshSchema() {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + name + ": " + e.getMessage(), e);
    }
    schemas.add(name);
    return name;
  }

  /** The store's location in a fresh schema. */
  public StoreLocation fresh(int poolSize) {
    String schema = freshSchema();
    return StoreLocation.postgres(withSchema(base.jdbcUrl(), schema), base.user(), PASSWORD_ENV, poolSize);
  }

  /** The {@code postgresql://} URL of {@code schema}, as a config's {@code store.url}. */
  public String url(String schema) {
    return withSchema(url, schema);
  }

  /** The user the tests connect as (null: the driver's default). */
  public String user() {
    return base.user();
  }

  private static String withSchema(String url, String schema) {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  public void close() {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    } catch (SQLException e) {
      System.err.println("PgTestDatabase: could not drop test schemas " + schemas + ": " + e.getMessage());
    }
    schemas.clear();
  }
}
