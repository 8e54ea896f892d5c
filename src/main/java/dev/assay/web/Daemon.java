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

  /**
   * Refuses (CONFIG) to bind a non-loopback host without a token; with a token every endpoint but
   * {@code /health} requires it. {@code token} comes from the environment variable the config names.
   */
  public static Future<Daemon> deploy(Vertx vertx, AssayConfig cfg, Rounds.Services services, Runs.ModelSwitch models,
      String simulatorUrl, PrometheusMeterRegistry registry, String token) {
    AssayConfig.Web w = cfg.web();
    if ((token == null || token.isEmpty()) && !loopback(w.host())) {
      return Future.failedFuture(AssayException.config("web.host " + w.host() + " is not a loopback address: binding"
          + " to it needs a bearer token in the environment variable $" + w.tokenEnv() + " (web.token_env)"));
    }
    EventsProgress progress = new EventsProgress(vertx.eventBus(), registry);
    InFlight inFlight = new InFlight(registry);
    HttpVerticle http = new HttpVerticle(w.host(), w.port(), token, registry);
    Rounds.Services counted = new Rounds.Services(services.store(), inFlight.wrap(services.model()),
        inFlight.wrap(services.verification()), services.sandboxDescription());
    Runs runs = new Runs(vertx, cfg, counted, models, simulatorUrl);
    return vertx.deployVerticle(new RoundScheduler(cfg, services.store(), runs, progress, inFlight))
        .compose(id -> vertx.deployVerticle(http).recover(e -> Future.failedFuture(AssayException.config(
            "cannot listen on " + w.host() + ":" + w.port() + " (web.host/web.port, --port): " + e.getMessage()))))
        .map(id -> new Daemon(vertx, http));
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
