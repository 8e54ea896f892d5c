package dev.assay.web;

import dev.assay.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP server: the JSON API, server-sent events, Prometheus metrics and the
 * dashboard. With a token configured every endpoint but {@code /health} needs
 * {@code Authorization: Bearer <token>} (the dashboard page may pass it as {@code ?token=}).
 * Failures are mapped to status codes in one place, {@link #failure}.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(HttpVerticle.class);
  private final String host;
  private final int port;
  private final String token;
  private final PrometheusMeterRegistry registry;
  private SchedulerClient rounds;
  private Store store;
  private HttpServer server;

  /** {@code token}: null or empty for none; {@code port} 0 picks a free port (see {@link #port()}). */
  public HttpVerticle(String host, int port, String token, PrometheusMeterRegistry registry) {
    this.host = host;
    this.port = port;
    this.token = token == null || token.isEmpty() ? null : token;
    this.registry = registry;
  }

  /** The bound port once started. */
  public int port() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    rounds = SchedulerClient.create(vertx, 60_000);
    store = dev.assay.store.Store.client(vertx);
    Router r = Router.router(vertx);
    r.get("/health").handler(this::health);
    r.route().handler(this::authorize);
    r.get("/").handler(ctx -> Assets.serve(ctx, "web/index.html"));
    r.get("/dashboard.js").handler(ctx -> Assets.serve(ctx, "web/dashboard.js"));
    r.get("/charts.js").handler(ctx -> Assets.serve(ctx, "web/charts.js"));
    r.get("/assets/chart.umd.js").handler(Assets::chartJs);
    r.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    r.get("/api/status").handler(this::status);
    r.get("/api/events").handler(this::events);
    r.post("/api/rounds").handler(BodyHandler.create().setBodyLimit(65_536)).handler(this::launch);
    r.get("/api/rounds").handler(this::list);
    r.get("/api/rounds/:id").handler(this::get);
    r.post("/api/rounds/:id/cancel").handler(this::cancel);
    r.get("/api/samples").handler(this::samples);
    r.route().failureHandler(this::failure);
    r.route().last().handler(ctx -> ctx.fail(404));
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(r).listen()
        .onSuccess(s -> {
          server = s;
          log.info("http listening on {}:{}{}", host, s.actualPort(), token == null ? "" : " (bearer token required)");
        });
  }

  private void health(RoutingContext ctx) {
    json(ctx, 200, new JsonObject().put("status", "ok"));
  }

  private void authorize(RoutingContext ctx) {
    if (token == null) {
      ctx.next();
      return;
    }
    String h = ctx.request().getHeader("Authorization");
    String given = h != null && h.startsWith("Bearer ") ? h.substring(7).trim() : ctx.request().getParam("token");
    if (given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
    } else {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(401);
    }
  }

  private void status(RoutingContext ctx) {
    rounds.status().onSuccess(s -> json(ctx, 200, s)).onFailure(ctx::fail);
  }

  private void launch(RoutingContext ctx) {
    JsonObject body;
    try {
      String text = ctx.body().asString();
      body = text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
    } catch (RuntimeException e) {
      ctx.fail(ApiError.field("body", "not a JSON object: " + e.getMessage()));
      return;
    }
    rounds.submit(RoundRequest.parse(body).toJson()).onSuccess(j -> json(ctx, 202, j)).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    rounds.list().onSuccess(j -> json(ctx, 200, j)).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    rounds.get(ctx.pathParam("id")).onSuccess(j -> json(ctx, 200, j)).onFailure(ctx::fail);
  }

  private void cancel(RoutingContext ctx) {
    rounds.cancel(ctx.pathParam("id")).onSuccess(j -> json(ctx, 200, j)).onFailure(ctx::fail);
  }

  private void samples(RoutingContext ctx) {
    SamplesQuery q = SamplesQuery.parse(ctx.queryParams());
    Future<Long> roundId = q.round() == null ? Future.succeededFuture(0L)
        : q.round().matches("[0-9]{1,18}") ? Future.succeededFuture(Long.parseLong(q.round()))
        : rounds.get(q.round()).map(j -> j.getLong("round_id", -1L));
    roundId.compose(id -> store.samples().list(new dev.assay.store.SampleFilter(id, q.domain(), q.verdict(), q.limit(), q.cursor())))
        .onSuccess(page -> json(ctx, 200, SamplesQuery.toJson(page)))
        .onFailure(ctx::fail);
  }

  /** Server-sent events: the scheduler's snapshot every half second, plus round state changes. */
  private void events(RoutingContext ctx) {
    var res = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
    res.write(": assay events\n\n");
    MessageConsumer<JsonObject> snap = vertx.eventBus().consumer(EventsProgress.PREFIX + "snapshot",
        m -> res.write("event: snapshot\ndata: " + m.body().encode() + "\n\n"));
    MessageConsumer<JsonObject> state = vertx.eventBus().consumer(EventsProgress.PREFIX + "round_state",
        m -> res.write("event: round_state\ndata: " + m.body().encode() + "\n\n"));
    res.closeHandler(v -> {
      snap.unregister();
      state.unregister();
    });
  }

  /** The one place where failures become HTTP statuses and JSON errors. */
  private void failure(RoutingContext ctx) {
    Throwable t = ctx.failure();
    int status = t == null ? ctx.statusCode() : ApiError.statusOf(t);
    JsonObject body = new JsonObject().put("status", status);
    if (t == null) {
      body.put("error", switch (status) {
        case 401 -> "missing or wrong bearer token";
        case 404 -> "no such endpoint: " + ctx.request().method() + " " + ctx.request().path();
        case 405 -> "method not allowed";
        default -> "request failed";
      });
    } else {
      body.put("error", String.valueOf(t.getMessage()));
      if (t instanceof ApiError a && a.field != null) {
        body.put("field", a.field);
      }
      if (status >= 500) {
        log.error("{} {} failed", ctx.request().method(), ctx.request().path(), t);
      }
    }
    if (!ctx.response().ended() && !ctx.response().headWritten()) {
      json(ctx, status, body);
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
