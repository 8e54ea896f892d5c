package dev.assay.store;

import dev.assay.Bus;
import dev.assay.ErrorKind;
import io.vertx.core.Vertx;

/**
 * Everything a round persists, as it happens, so that a round killed at any moment resumes without
 * asking the model again for what it already answered and without losing or duplicating a verified
 * sample: six typed repositories over one database. {@link StoreVerticle} owns the database and
 * serves them on {@code assay.store.<repository>.<method>} with JSON messages; {@link #client} is
 * how every other feature reaches them. Failures are {@code AssayException(STORE)} (the database
 * failed), {@code UNEXPECTED_STATE} (no such round) or {@code INVALID_INPUT}.
 */
public record Store(RoundStore rounds, ProblemStore problems, AttemptStore attempts, SampleStore samples,
    ModelStore models, TrajectoryStore trajectories) {

  static final String PREFIX = "assay.store";
  /** Longer than the slowest store call (a report's aggregate queries over a million rows). */
  public static final long SEND_TIMEOUT_MS = 300_000;

  /** The typed clients of the store served on this Vert.x (locally or across a cluster). */
  public static Store client(Vertx vertx) {
    return new Store(
        Bus.client(vertx, RoundStore.class, PREFIX + ".rounds", SEND_TIMEOUT_MS, ErrorKind.STORE),
        Bus.client(vertx, ProblemStore.class, PREFIX + ".problems", SEND_TIMEOUT_MS, ErrorKind.STORE),
        Bus.client(vertx, AttemptStore.class, PREFIX + ".attempts", SEND_TIMEOUT_MS, ErrorKind.STORE),
        Bus.client(vertx, SampleStore.class, PREFIX + ".samples", SEND_TIMEOUT_MS, ErrorKind.STORE),
        Bus.client(vertx, ModelStore.class, PREFIX + ".models", SEND_TIMEOUT_MS, ErrorKind.STORE),
        Bus.client(vertx, TrajectoryStore.class, PREFIX + ".trajectories", SEND_TIMEOUT_MS, ErrorKind.STORE));
  }
}
