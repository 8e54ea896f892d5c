package dev.assay.config;

import dev.assay.store.StoreLocation;
import java.nio.file.Path;

/**
 * Reads {@code store:}. Without {@code url} the store is the SQLite file {@code run.db} (or
 * {@code --db}); {@code url: postgresql://[user@]host[:port]/database[?parameters]} selects a shared
 * PostgreSQL database. {@code user} names the role (or the URL does); the password is read only from
 * the environment variable named by {@code password_env} (default {@code ASSAY_PG_PASSWORD}), never
 * from the file or the URL (a name outside {@code ASSAY_<SECTION>_<FIELD>}, which would be read as a field); {@code pool_size} connections (default 8) are served by as many store workers.
 */
final class StoreSection {
  private StoreSection() {}

  static AssayConfig.Store read(Node n) {
    String url = n.string("url", null);
    String user = n.string("user", null);
    String passwordEnv = n.envName("password_env", "ASSAY_PG_PASSWORD");
    int pool = n.integer("pool_size", 8, 1, 256);
    if (url != null) {
      try {
        StoreLocation.fromUrl(url, user, passwordEnv, pool);
      } catch (IllegalArgumentException e) {
        // the message never repeats the URL: it may hold a password
        throw n.error("url", e.getMessage());
      }
    }
    n.rejectUnknown();
    return new AssayConfig.Store(url, user, passwordEnv, pool);
  }

  /** Where the store is: the PostgreSQL database of {@code store.url}, else the SQLite file {@code db}. */
  static StoreLocation location(AssayConfig.Store s, Path db) {
    return s.url() == null ? StoreLocation.sqlite(db) : StoreLocation.fromUrl(s.url(), s.user(), s.passwordEnv(), s.poolSize());
  }
}
