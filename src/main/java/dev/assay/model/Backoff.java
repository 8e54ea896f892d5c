package dev.assay.model;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/** Retry delays: exponential with "equal jitter", and the server's Retry-After header. */
final class Backoff {
  private Backoff() {}

  /** Delay before retry number {@code attempt} (1-based): in [d/2, d], d = min(max, base * 2^(attempt-1)). */
  static long delayMs(ModelOptions o, int attempt) {
    long d = o.backoffBaseMs();
    for (int i = 1; i < attempt && d < o.backoffMaxMs(); i++) {
      d *= 2;
    }
    d = Math.min(d, o.backoffMaxMs());
    if (d <= 1) {
      return d;
    }
    long half = d / 2;
    return half + ThreadLocalRandom.current().nextLong(d - half + 1);
  }

  /** Retry-After as delta-seconds or an HTTP date; -1 when absent or unreadable. */
  static long retryAfterMs(String header) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String value = header.trim();
    try {
      return Math.max(0, Math.round(Double.parseDouble(value) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
      } catch (DateTimeParseException notDate) {
        return -1;
      }
    }
  }
}
