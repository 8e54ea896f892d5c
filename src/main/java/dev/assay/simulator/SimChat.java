package dev.assay.simulator;

import dev.assay.model.AssayHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code POST /v1/chat/completions}: the fault switch, random faults, the imitated server's checks
 * ({@link Behaviour}), then the answer built from the request's task and variables. Every request
 * gets a line in the request log. Runs on the server's event loop.
 */
final class SimChat {
  private static final int MAX_N = 128;

  private final Vertx vertx;
  private final SimulatorOptions options;
  private final SimAgent agent;
  private final SimFineTunes fineTunes;
  private final SimFaults faults;
  private final SimMetrics metrics;
  private final SimRequestLog log;
  private final Behaviour behaviour;

  SimChat(Vertx vertx, SimulatorOptions options, SimBrain brain, SimFineTunes fineTunes, SimFaults faults,
      SimMetrics metrics, SimRequestLog log) {
    this.vertx = vertx;
    this.options = options;
    this.agent = new SimAgent(options.seed(), brain, options.agent());
    this.fineTunes = fineTunes;
    this.faults = faults;
    this.metrics = metrics;
    this.log = log;
    this.behaviour = options.behaviour();
  }

  void handle(RoutingContext ctx) {
    metrics.request();
    if (faults.down()) {
      boolean close = faults.closeNext();
      logged(ctx, close ? 0 : 503, null, 0).onComplete(v -> {
        if (close) {
          ctx.request().connection().close();
        } else {
          SimulatedModelServer.error(ctx.response(), 503, "server_error", "simulated outage (fault switch down)");
        }
      });
      return;
    }
    SimFaults.Draw draw = faults.draw();
    if (options.latencyMs() > 0) {
      vertx.setTimer(options.latencyMs(), t -> answer(ctx, draw));
    } else {
      answer(ctx, draw);
    }
  }

  private void answer(RoutingContext ctx, SimFaults.Draw draw) {
    HttpServerResponse response = ctx.response();
    double f = draw.fault();
    if ((f -= options.fault5xx()) < 0) {
      fail(ctx, 503, "server_error", "simulated overload");
      return;
    }
    if ((f -= options.fault429()) < 0) {
      response.putHeader("Retry-After", Long.toString(draw.retryAfterSeconds()));
      fail(ctx, 429, "rate_limit_exceeded", "simulated rate limit");
      return;
    }
    if ((f -= options.faultMalformed()) < 0) {
      logged(ctx, 200, null, 0).onComplete(v -> response.setStatusCode(200).putHeader("Content-Type", "text/html")
          .end("<html><body>simulated proxy page</body></html>"));
      return;
    }
    JsonObject request;
    try {
      request = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      request = null;
    }
    String invalid = SimCompletion.invalid(request, MAX_N);
    invalid = invalid != null ? invalid : behaviour.reject(request, options.slots());
    SimTask task = invalid != null ? null : task(ctx, request);
    if (invalid != null || task == null) {
      fail(ctx, 400, "invalid_request_error", invalid != null ? invalid
          : AssayHeaders.VARS + " must be base64 of a JSON object");
      return;
    }
    String model = request.getValue("model") instanceof String m ? m : null;
    boolean tuned = fineTunes.isRegistered(model);
    SimCompletion.Built built = SimCompletion.build(agent, options.seed(), request, task, fineTunes.skill(model),
        tuned ? model : options.modelName(), behaviour, options.reasoning());
    metrics.generated(task.task(), built.promptTokens(), built.generated());
    String text = built.body().encode();
    String sent = (f - options.faultTruncated()) < 0 ? text.substring(0, text.length() / 2) : text;
    logged(ctx, 200, task, built.generated()).onComplete(v -> response.setStatusCode(200)
        .putHeader("Content-Type", "application/json").end(sent));
  }

  /** The task and variables from the headers; null when the variables header is not base64 JSON. */
  private static SimTask task(RoutingContext ctx, JsonObject request) {
    Long seed = request.getValue("seed") instanceof Number s ? s.longValue() : null;
    String raw = ctx.request().getHeader(AssayHeaders.VARS);
    JsonObject vars = new JsonObject();
    if (raw != null && !raw.isBlank()) {
      try {
        vars = new JsonObject(new String(Base64.getDecoder().decode(raw.trim()), StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        return null;
      }
    }
    return new SimTask(ctx.request().getHeader(AssayHeaders.TASK), vars, seed, SimCompletion.lastUser(request),
        SimMessages.toolOutput(request.getJsonArray("messages")));
  }

  private void fail(RoutingContext ctx, int status, String type, String message) {
    logged(ctx, status, null, 0).onComplete(v -> SimulatedModelServer.error(ctx.response(), status, type, message));
  }

  /** Appends the request's line (status 0 = connection closed) to the request log. */
  private io.vertx.core.Future<Void> logged(RoutingContext ctx, int status, SimTask task, int predicted) {
    JsonObject headers = new JsonObject();
    ctx.request().headers().forEach(h -> {
      if (h.getKey().regionMatches(true, 0, "X-Assay-", 0, 8)) {
        headers.put(h.getKey(), h.getValue());
      }
    });
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    JsonObject line = new JsonObject().put("task", ctx.request().getHeader(AssayHeaders.TASK))
        .put("status", status).put("headers", headers).put("vars", task == null ? null : task.vars())
        .put("body", body).put("tokens_predicted", predicted);
    return log.write(line).recover(e -> io.vertx.core.Future.succeededFuture());
  }
}
