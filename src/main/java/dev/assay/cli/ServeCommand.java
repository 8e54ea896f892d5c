package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.config.AssayConfig;
import dev.assay.web.Daemon;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assay serve}: the daemon. Deploys the loop, the round scheduler and the HTTP server, then
 * waits for SIGTERM (or SIGINT): the first stops taking work, lets in-flight attempts finish and
 * store (the round stays open and resumes at the next start), closes Vert.x (sandboxes reaped,
 * database closed) and exits 0; a second forces an exit with 130.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the daemon: HTTP API, dashboard, metrics; rounds on request or continuously.")
final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOptions options = new ConfigOptions();
  static final long DRAIN_TIMEOUT_MS = 30 * 60_000;


  @Option(names = "--port", description = "Port (overrides web.port; 0 picks a free one)")
  Integer port;

  @Option(names = "--cluster", description = "Coordinate a cluster (config section cluster): the loop, the store and"
      + " the HTTP API here, verification on the workers (assay worker --cluster)")
  boolean cluster;




  @Override
  public Integer call() throws InterruptedException {
    AssayConfig cfg = options.load();
    if (port != null) {
      if (port < 0 || port > 65535) {
        throw AssayException.invalid("--port must be in 0..65535, got " + port);
      }
      cfg = cfg.withWeb(cfg.web().withPort(port));
    }
    String token = System.getenv(cfg.web().tokenEnv());
    Daemon.checkToken(cfg.web(), token); // a missing or short token fails here, before anything starts
    dev.assay.loop.Rounds.check(cfg); // bad seed files or filter expressions fail here, before anything starts
    CountDownLatch stop = StopSignals.install();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions vo = new VertxOptions().setWorkerPoolSize(16).setBlockedThreadCheckInterval(10_000)
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    Vertx vertx = cluster ? Clusters.join(cfg, vo, b -> b.withMetrics(new MicrometerMetricsFactory(registry)), true)
        : Vertx.builder().with(vo).withMetrics(new MicrometerMetricsFactory(registry)).build();
    try {
      AssayConfig c = cfg;
      Stack stack = await(Stack.deploy(vertx, c, cluster), 120_000);
      Daemon daemon = await(Daemon.deploy(vertx, c, stack.services, stack::useModel,
          c.model().simulated() ? stack.modelUrl : null, registry, token), 60_000);
      if (c.model().simulated()) {
        System.err.println("assay: model is SIMULATED (built-in simulated model server at " + stack.modelUrl
            + "), not a real LLM");
      }
      System.err.println("assay: sandbox " + stack.services.sandboxDescription() + "; database " + c.store().location(c.run().db()).describe() + "; mode " + c.web().mode());
      System.err.println("assay: serving on http://" + c.web().host() + ":" + daemon.port() + "/");
      stop.await();
      System.err.println("assay: stopping: no new work; waiting for in-flight attempts (signal again to force)");
      await(daemon.drain(DRAIN_TIMEOUT_MS), DRAIN_TIMEOUT_MS + 5_000);
      System.err.println("assay: in-flight work stored; closing");
      return ExitCodes.OK;
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("assay: warning: shutdown did not complete cleanly: " + e);
      }
    }
  }

  private static <T> T await(Future<T> f, long timeoutMs) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssayException(ErrorKind.INTERNAL, "interrupted");
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssayException(ErrorKind.UNEXPECTED_STATE, "timed out after " + timeoutMs + " ms");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssayException(ErrorKind.INTERNAL, String.valueOf(e.getCause()), e.getCause());
    }
  }
}
