package dev.assay.store;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the store keeps its data: an SQLite file (the default, one machine) or a PostgreSQL
 * database shared by a cluster. For PostgreSQL, {@code jdbcUrl} is {@code jdbc:postgresql://...}
 * without credentials, {@code user} may be null (the URL's or the driver's default), the password is
 * read from the environment variable {@code passwordEnv} when the store opens (never from a file, never
 * logged), and {@code poolSize} connections are served by as many store workers, one transaction per call.
 */
public record StoreLocation(Path file, String jdbcUrl, String user, String passwordEnv, int poolSize) {

  /** The SQLite file {@code file}. */
  public static StoreLocation sqlite(Path file) {
    return new StoreLocation(file, null, null, null, 1);
  }

  /** The PostgreSQL database at {@code jdbcUrl}. */
  public static StoreLocation postgres(String jdbcUrl, String user, String passwordEnv, int poolSize) {
    return new StoreLocation(null, jdbcUrl, user, passwordEnv, Math.max(1, poolSize));
  }

  private static final Pattern URL = Pattern.compile(
      "(?:jdbc:)?postgres(?:ql)?://(?:([^@/:?]+)(:[^@/?]*)?@)?([^/?@]+)/([^/?]+)(\\?.*)?");

  /**
   * The PostgreSQL database named by {@code url} ({@code postgresql://[user@]host[:port]/database[?params]},
   * {@code postgres://} and {@code jdbc:postgresql://} too). {@code user} (may be null) wins over the
   * URL's. A URL holding a password is refused (IllegalArgumentException, without repeating it): the
   * password comes only from the environment variable {@code passwordEnv}.
   */
  public static StoreLocation fromUrl(String url, String user, String passwordEnv, int poolSize) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("must be postgresql://[user@]host[:port]/database[?parameters]");
    }
    if (m.group(2) != null) {
      throw new IllegalArgumentException("must not hold a password; put it in the environment variable named by "
          + "store.password_env");
    }
    String who = user != null ? user : m.group(1);
    String jdbc = "jdbc:postgresql://" + m.group(3) + "/" + m.group(4) + (m.group(5) == null ? "" : m.group(5));
    return postgres(jdbc, who, passwordEnv, poolSize);
  }

  public boolean postgres() {
    return jdbcUrl != null;
  }

  /** How messages name it: the file, or the URL (which holds no password). */
  public String describe() {
    return postgres() ? jdbcUrl.substring("jdbc:".length()) : String.valueOf(file);
  }
}
