package dev.assay.web;

import dev.assay.config.AssayConfig;
import dev.assay.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP server: the JSON API, server-sent events, Prometheus metrics and the
 * dashboard. Every request first passes the {@link Guard} (Host, Origin, Content-Type, escapes).
 * With a token configured every endpoint but {@code /health} needs
 * {@code Authorization: Bearer <token>} (the dashboard page may pass it as {@code ?token=}).
 * Failures are mapped to status codes and JSON errors in one place, {@link #failure}; an unknown
 * route is 404 and a known one with the wrong method 405 (with {@code Allow}).
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(HttpVerticle.class);
  /** The most of a refused request's body read (and dropped) before answering. */
  static final long DRAIN_LIMIT = 1 << 20;
  private final AssayConfig.Web web;
  private final String token;
  private final PrometheusMeterRegistry registry;
  private final Guard guard;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private SchedulerClient rounds;
  private Store store;
  private HttpServer server;

  /** A route's method and path pattern, for the {@code Allow} header of a 405. */
  private record Endpoint(HttpMethod method, Pattern path) {}

  /** {@code token}: null or empty for none; {@code web.port()} 0 picks a free port (see {@link #port()}). */
  public HttpVerticle(AssayConfig.Web web, String token, PrometheusMeterRegistry registry) {
    this.web = web;
    this.token = token == null || token.isEmpty() ? null : token;
    this.registry = registry;
    this.guard = new Guard(web, this::port);
  }

  /** The bound port once started. */
  public int port() {
    return server == null ? web.port() : server.actualPort();
  }

  @Override
  public Future<?> start() {
    rounds = SchedulerClient.create(vertx, 60_000);
    store = dev.assay.store.Store.client(vertx);
    Router r = Router.router(vertx);
    r.route().handler(guard::check);
    on(r, HttpMethod.GET, "/health").handler(this::health);
    r.route().handler(this::authorize);
    on(r, HttpMethod.GET, "/").handler(ctx -> Assets.serve(ctx, "web/index.html"));
    on(r, HttpMethod.GET, "/dashboard.js").handler(ctx -> Assets.serve(ctx, "web/dashboard.js"));
    on(r, HttpMethod.GET, "/charts.js").handler(ctx -> Assets.serve(ctx, "web/charts.js"));
    on(r, HttpMethod.GET, "/assets/chart.umd.js").handler(Assets::chartJs);
    on(r, HttpMethod.GET, "/metrics").handler(PrometheusScrapingHandler.create(registry));
    on(r, HttpMethod.GET, "/api/status").handler(this::status);
    on(r, HttpMethod.GET, "/api/events").handler(this::events);
    on(r, HttpMethod.POST, "/api/rounds").handler(BodyHandler.create().setBodyLimit(65_536)).handler(this::launch);
    on(r, HttpMethod.GET, "/api/rounds").handler(this::list);
    on(r, HttpMethod.GET, "/api/rounds/:id").handler(this::get);
    on(r, HttpMethod.POST, "/api/rounds/:id/cancel").handler(this::cancel);
    on(r, HttpMethod.GET, "/api/samples").handler(this::samples);
    r.route().failureHandler(this::failure);
    r.errorHandler(404, this::failure);
    r.errorHandler(405, this::failure);
    return vertx.createHttpServer(new HttpServerOptions().setHost(web.host()).setPort(web.port())).requestHandler(r).listen()
        .onSuccess(s -> {
          server = s;
          log.info("http listening on {}:{}{}", web.host(), s.actualPort(), token == null ? "" : " (bearer token required)");
        });
  }

  private Route on(Router r, HttpMethod method, String path) {
    endpoints.add(new Endpoint(method, Pattern.compile(path.replaceAll(":[a-z]+", "[^/]+") + "/?")));
    Route route = r.route(method, path);
    // a security-policy handler, so Vert.x lets it run before the body is read
    return Guard.changesState(method) ? route.handler((SecurityPolicyHandler) guard::stateChange) : route;
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

  /** The scheduler parses the overrides (it knows the seed directories) and answers 400 naming the field. */
  private void launch(RoutingContext ctx) {
    JsonObject body;
    try {
      String text = ctx.body().asString();
      body = text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
    } catch (RuntimeException e) {
      ctx.fail(ApiError.field("body", "not a JSON object"));
      return;
    }
    rounds.submit(body).onSuccess(j -> json(ctx, 202, j)).onFailure(ctx::fail);
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
    int status = t instanceof HttpException h ? h.getStatusCode() : t == null ? ctx.statusCode() : ApiError.statusOf(t);
    JsonObject body = new JsonObject().put("status", status);
    if (status == 405) {
      ctx.response().putHeader("Allow", allowed(ctx.normalizedPath()));
    }
    if (t == null || t instanceof HttpException) {
      body.put("error", switch (status) {
        case 400 -> "bad request";
        case 401 -> "missing or wrong bearer token";
        case 404 -> "no such endpoint: " + ctx.request().method() + " " + Guard.brief(ctx.request().path());
        case 405 -> ctx.request().method() + " is not allowed here (allowed: " + allowed(ctx.normalizedPath()) + ")";
        case 413 -> "request body too large";
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
    if (ctx.response().ended() || ctx.response().headWritten()) {
      return;
    }
    HttpServerRequest req = ctx.request();
    if (req.isEnded() || status == 413) {
      json(ctx, status, body);
      return;
    }
    // Refused before its body was read: read (and drop) the rest first, or closing the connection
    // with it unread can reset it and the client never sees this answer. At most DRAIN_LIMIT bytes.
    long[] seen = {0};
    req.handler(b -> {
      seen[0] += b.length();
      if (seen[0] > DRAIN_LIMIT && !ctx.response().ended()) {
        ctx.response().putHeader("Connection", "close");
        json(ctx, status, body);
      }
    });
    req.endHandler(v -> {
      if (!ctx.response().ended()) {
        json(ctx, status, body);
      }
    });
    req.resume();
  }

  private String allowed(String path) {
    return endpoints.stream().filter(e -> e.path().matcher(path == null ? "" : path).matches())
        .map(e -> e.method().name()).distinct().collect(Collectors.joining(", "));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
