package dev.assay.simulator;

import io.vertx.core.json.JsonObject;
import java.util.SplittableRandom;

/**
 * The simulator's faults: random ones drawn per request (from their own RNG, so they never change
 * content), and the test switch {@code POST /v1/simulator/faults} ({@code {"down": true|false}} or
 * {@code {"down_for_ms": N}}) or the down file's existence, under which every request to the model fails, alternately with the
 * connection closed and HTTP 503. Thread-safe.
 */
final class SimFaults {
  /** One request's random draw: {@code fault} in [0, 1) against the configured probabilities. */
  record Draw(double fault, long retryAfterSeconds) {}

  private final SplittableRandom random;
  private boolean downForever;
  private long downUntilNanos;
  private long downAnswers;
  private volatile boolean fileDown;

  SimFaults(long seed) {
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  synchronized Draw draw() {
    return new Draw(random.nextDouble(), random.nextInt(2));
  }

  synchronized boolean down() {
    return fileDown || downForever || downUntilNanos - System.nanoTime() > 0;
  }

  /** While down: true = close the connection, false = answer 503 (they alternate). */
  synchronized boolean closeNext() {
    return downAnswers++ % 2 == 0;
  }

  /** The down file exists (true) or not; true when that changed. */
  synchronized boolean fileDown(boolean exists) {
    boolean changed = exists != fileDown;
    fileDown = exists;
    return changed;
  }

  synchronized void down(boolean down) {
    downForever = down;
    downUntilNanos = System.nanoTime();
  }

  synchronized void downFor(long ms) {
    downForever = false;
    downUntilNanos = System.nanoTime() + ms * 1_000_000L;
  }

  /** Applies a switch body; false when it is not {@code {"down": bool}} or {@code {"down_for_ms": N >= 0}}. */
  synchronized boolean apply(JsonObject body) {
    if (body != null && body.getValue("down") instanceof Boolean b && body.size() == 1) {
      down(b);
      return true;
    }
    if (body != null && body.getValue("down_for_ms") instanceof Number n && n.longValue() >= 0 && body.size() == 1) {
      downFor(n.longValue());
      return true;
    }
    return false;
  }

  synchronized JsonObject state() {
    long left = downForever ? -1 : Math.max(0, (downUntilNanos - System.nanoTime()) / 1_000_000L);
    return new JsonObject().put("down", down()).put("down_for_ms", left);
  }
}
