package dev.assay.web;

import dev.assay.AssayException;
import dev.assay.config.AssayConfig;
import dev.assay.loop.Rounds;
import dev.assay.loop.Runs;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Deploys the daemon's own verticles on top of the loop's (store, model, sandbox, verifiers):
 * the round scheduler, then the HTTP server. The entry point of {@code assay serve}.
 */
public final class Daemon {
  private final Vertx vertx;
  private final HttpVerticle http;

  private Daemon(Vertx vertx, HttpVerticle http) {
    this.vertx = vertx;
    this.http = http;
  }

  /** The shortest bearer token the daemon accepts. */
  public static final int MIN_TOKEN_LENGTH = 16;

  /**
   * Refuses (CONFIG) to bind a non-loopback host without a token; with a token every endpoint but
   * {@code /health} requires it. {@code token} comes from the environment variable the config names.
   */
  public static Future<Daemon> deploy(Vertx vertx, AssayConfig cfg, Rounds.Services services, Runs.ModelSwitch models,
      String simulatorUrl, PrometheusMeterRegistry registry, String token) {
    AssayConfig.Web w = cfg.web();
    try {
      checkToken(w, token);
    } catch (AssayException e) {
      return Future.failedFuture(e);
    }
    EventsProgress progress = new EventsProgress(vertx.eventBus(), registry);
    InFlight inFlight = new InFlight(registry);
    HttpVerticle http = new HttpVerticle(w, token, registry);
    Rounds.Services counted = new Rounds.Services(services.store(), inFlight.wrap(services.model()),
        inFlight.wrap(services.verification()), services.sandboxDescription());
    Runs runs = new Runs(vertx, cfg, counted, models, simulatorUrl);
    return vertx.deployVerticle(new RoundScheduler(cfg, services.store(), runs, progress, inFlight))
        .compose(id -> vertx.deployVerticle(http).recover(e -> Future.failedFuture(AssayException.config(
            "cannot listen on " + w.host() + ":" + w.port() + " (web.host/web.port, --port): " + e.getMessage()))))
        .map(id -> new Daemon(vertx, http));
  }

  /**
   * Fails (CONFIG, naming the variable, never the token) when a non-loopback host has no token, or
   * when a token is shorter than {@link #MIN_TOKEN_LENGTH}. Empty counts as no token.
   */
  public static void checkToken(AssayConfig.Web w, String token) {
    if ((token == null || token.isEmpty()) && !loopback(w.host())) {
      throw AssayException.config("web.host " + w.host() + " is not a loopback address: binding to it needs a"
          + " bearer token in the environment variable $" + w.tokenEnv() + " (web.token_env)");
    }
    if (token != null && !token.isEmpty() && token.length() < MIN_TOKEN_LENGTH) {
      throw AssayException.config("$" + w.tokenEnv() + " (web.token_env): the bearer token is too short: it needs at"
          + " least " + MIN_TOKEN_LENGTH + " characters (e.g. openssl rand -hex 16)");
    }
  }

  /** Whether {@code host} names only this machine (127.0.0.0/8, ::1, localhost). */
  public static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw AssayException.config("web.host: unknown host '" + host + "'");
    }
  }

  public int port() {
    return http.port();
  }

  /**
   * Stops taking work; completes once the running round's in-flight attempts have finished and
   * are stored (the round stays open in the database and resumes at the next start).
   */
  public Future<JsonObject> drain(long timeoutMs) {
    return SchedulerClient.create(vertx, timeoutMs).shutdown();
  }
}
