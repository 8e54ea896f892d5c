package dev.assay.store;

import io.vertx.core.json.JsonArray;
import java.util.List;

/**
 * One solver answer to store: its key (a problem id, or {@code star:<id>} for a rationalization),
 * what it cost, its attempts and the messages it was asked with; a {@code failure} with no attempts
 * records a request given up on.
 */
public record Solve(String key, Usage usage, String failure, List<Attempt> attempts, JsonArray messages) {
  public Solve {
    attempts = List.copyOf(attempts);
  }
}
