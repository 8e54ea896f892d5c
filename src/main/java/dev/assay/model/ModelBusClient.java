package dev.assay.model;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * Typed client of {@link ModelVerticle} over the event bus. Give it a send timeout longer than
 * the verticle's worst case ({@link ModelOptions#worstCaseMs()} plus queue wait).
 */
public final class ModelBusClient implements ModelClient {
  private final Vertx vertx;
  private final DeliveryOptions delivery;

  private ModelBusClient(Vertx vertx, long sendTimeoutMs) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(sendTimeoutMs);
  }

  public static ModelBusClient create(Vertx vertx, long sendTimeoutMs) {
    return new ModelBusClient(vertx, sendTimeoutMs);
  }

  @Override
  public Future<Completion> complete(ChatRequest request) {
    return vertx.eventBus()
        .<JsonObject>request(ModelVerticle.ADDRESS, ChatJson.busRequest(request), delivery)
        .map(reply -> ChatJson.busReply(reply.body()))
        .recover(ModelBusClient::toAssay);
  }

  private static Future<Completion> toAssay(Throwable failure) {
    if (!(failure instanceof ReplyException reply)) {
      return Future.failedFuture(failure);
    }
    return Future.failedFuture(switch (reply.failureType()) {
      case NO_HANDLERS -> new AssayException(ErrorKind.MODEL_UNAVAILABLE,
          "no model verticle is deployed at " + ModelVerticle.ADDRESS);
      case TIMEOUT -> new AssayException(ErrorKind.MODEL_UNAVAILABLE,
          "model verticle did not answer: " + reply.getMessage());
      default -> new AssayException(kind(reply.failureCode()), reply.getMessage());
    });
  }

  private static ErrorKind kind(int code) {
    ErrorKind[] kinds = ErrorKind.values();
    return code >= 0 && code < kinds.length ? kinds[code] : ErrorKind.INTERNAL;
  }
}
