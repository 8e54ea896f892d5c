package dev.assay.model;

import io.vertx.core.json.JsonObject;

/**
 * An endpoint's health as one client sees it: down since the first retryable failure (no response,
 * 5xx, 429) after the last success, with the last failure. It counts as an outage worth showing once
 * at least {@value #SHOWN_AFTER_FAILURES} failures in a row span {@value #SHOWN_AFTER_MS} ms, so a
 * single transient 503 among successes never does. Thread-safe.
 *
 * <p>Events, for {@value ModelVerticle#EVENTS}: while shown and requests wait,
 * {@code {endpoint, outage: true, down_ms, waiting, last_error}}; once when it ends (a success, or
 * nothing left waiting), {@code {endpoint, outage: false, down_ms, recovered}}.
 */
final class Outage {
  static final int SHOWN_AFTER_FAILURES = 2;
  static final long SHOWN_AFTER_MS = 1_000;

  private final String endpoint;
  private long downSince = -1;
  private int failures;
  private String lastError = "";
  private boolean announced;

  Outage(String endpoint) {
    this.endpoint = endpoint;
  }

  synchronized void failed(String why) {
    if (downSince < 0) {
      downSince = System.currentTimeMillis();
    }
    failures++;
    lastError = why;
  }

  /** A request succeeded: the outage (if any) is over; returns the event to publish, or null. */
  synchronized JsonObject succeeded() {
    JsonObject end = announced ? ended(true) : null;
    downSince = -1;
    failures = 0;
    announced = false;
    return end;
  }

  /** How long the endpoint has been failing, 0 when it is up. */
  synchronized long downMs() {
    return downSince < 0 ? 0 : Math.max(0, System.currentTimeMillis() - downSince);
  }

  synchronized boolean degraded() {
    return failures >= SHOWN_AFTER_FAILURES && downMs() >= SHOWN_AFTER_MS;
  }

  synchronized String lastError() {
    return lastError;
  }

  /** The event for this moment with {@code waiting} requests waiting, or null when there is nothing to say. */
  synchronized JsonObject tick(int waiting) {
    if (degraded() && waiting > 0) {
      announced = true;
      return new JsonObject().put("endpoint", endpoint).put("outage", true).put("down_ms", downMs())
          .put("waiting", waiting).put("last_error", lastError);
    }
    if (announced) {
      announced = false;
      return ended(false);
    }
    return null;
  }

  private JsonObject ended(boolean recovered) {
    return new JsonObject().put("endpoint", endpoint).put("outage", false).put("down_ms", downMs())
        .put("waiting", 0).put("recovered", recovered).put("last_error", lastError);
  }
}
