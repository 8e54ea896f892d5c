package dev.assay.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * The typed client of {@link RoundScheduler}. Failures are {@link ApiError}s carrying the HTTP
 * status the scheduler chose (400 bad overrides, 404 unknown id, 409 wrong state, 429 queue full,
 * 503 shutting down).
 */
public final class SchedulerClient {
  static final String SUBMIT = "assay.rounds.submit";
  static final String LIST = "assay.rounds.list";
  static final String GET = "assay.rounds.get";
  static final String CANCEL = "assay.rounds.cancel";
  static final String STATUS = "assay.rounds.status";
  static final String SHUTDOWN = "assay.rounds.shutdown";
  private final Vertx vertx;
  private final DeliveryOptions opts;

  private SchedulerClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.opts = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  public static SchedulerClient create(Vertx vertx, long timeoutMs) {
    return new SchedulerClient(vertx, timeoutMs);
  }

  /** Queues a round with these overrides (the request body); its {@code id}. */
  Future<JsonObject> submit(JsonObject overrides) {
    return call(SUBMIT, overrides);
  }

  Future<JsonObject> list() {
    return call(LIST, new JsonObject());
  }

  Future<JsonObject> get(String id) {
    return call(GET, id);
  }

  Future<JsonObject> cancel(String id) {
    return call(CANCEL, id);
  }

  Future<JsonObject> status() {
    return call(STATUS, new JsonObject());
  }

  /** Stops taking work and completes once the running round's in-flight work has finished and is stored. */
  public Future<JsonObject> shutdown() {
    return call(SHUTDOWN, new JsonObject());
  }

  private Future<JsonObject> call(String address, Object body) {
    return vertx.eventBus().<JsonObject>request(address, body, opts).map(m -> m.body())
        .recover(e -> Future.failedFuture(e instanceof ReplyException r && r.failureCode() > 0 ? switch (r.failureCode()) {
          case 400 -> ApiError.field(fieldOf(r.getMessage()), r.getMessage().substring(r.getMessage().indexOf(':') + 1).trim());
          case 404 -> ApiError.notFound(r.getMessage());
          case 409 -> ApiError.conflict(r.getMessage());
          default -> ApiError.status(r.failureCode(), r.getMessage());
        } : e));
  }

  private static String fieldOf(String message) {
    int i = message.indexOf(':');
    return i > 0 ? message.substring(0, i) : "body";
  }
}
