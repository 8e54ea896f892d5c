package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.cluster.WorkerNode;
import dev.assay.config.AssayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay worker --cluster --config FILE}: a sandbox and the verifiers, serving the cluster's
 * coordinator (sections {@code cluster}, {@code sandbox} and {@code verify} of the config; no store, no
 * model). Runs until SIGTERM or SIGINT: it tells the coordinator it leaves (its calls in flight go to
 * other workers), reaps its sandbox and exits 0; a second signal forces an exit with 130.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Run a cluster worker: sandbox and verifiers for the coordinator (assay serve --cluster).")
final class WorkerCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "Config file (YAML): sections cluster, sandbox, verify")
  Path config;

  @Option(names = "--cluster", description = "Join the cluster of the config's cluster section (required)")
  boolean cluster;

  @Option(names = "--verbose", description = "Stack traces on errors")
  boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    if (!cluster) {
      throw AssayException.invalid("assay worker serves a cluster: give --cluster (and the config's cluster section)");
    }
    AssayConfig cfg = dev.assay.config.ConfigLoader.loadWorker(config, System.getenv());
    CountDownLatch stop = StopSignals.install();
    Vertx vertx = Clusters.join(cfg, new VertxOptions().setWorkerPoolSize(8).setBlockedThreadCheckInterval(10_000),
        b -> b, false);
    try {
      WorkerNode node = await(WorkerNode.start(vertx, cfg, Stack.sandboxOptions(cfg)), 120_000);
      System.err.println("assay: worker " + node.id() + " ready: " + node.description());
      stop.await();
      System.err.println("assay: worker " + node.id() + " leaving after " + node.served() + " verifications");
      await(node.stop(), 60_000);
      return ExitCodes.OK;
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("assay: warning: shutdown did not complete cleanly: " + e);
      }
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f, long ms) throws InterruptedException {
    try {
      return f.toCompletionStage().toCompletableFuture().get(ms, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssayException(ErrorKind.UNEXPECTED_STATE, "timed out after " + ms + " ms");
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new AssayException(ErrorKind.INTERNAL, String.valueOf(e.getCause()), e.getCause());
    }
  }
}
