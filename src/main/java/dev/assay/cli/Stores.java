package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.store.StoreLocation;
import java.nio.file.Path;

/** The store a command that reads stored rounds opens: {@code --store URL} (PostgreSQL) or the {@code --db} file. */
final class Stores {
  /** The variable {@code --store}'s password is read from. */
  static final String PASSWORD_ENV = "ASSAY_PG_PASSWORD";

  private Stores() {}

  static StoreLocation location(String storeUrl, Path db) {
    if (storeUrl == null) {
      return StoreLocation.sqlite(db);
    }
    try {
      return StoreLocation.fromUrl(storeUrl, null, PASSWORD_ENV, 2);
    } catch (IllegalArgumentException e) {
      throw AssayException.invalid("--store " + e.getMessage());
    }
  }
}
