package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.cluster.ClusterIdentity;
import dev.assay.cluster.ClusterNode;
import dev.assay.cluster.CoordinatorLock;
import dev.assay.config.AssayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** How {@code serve --cluster} and {@code worker --cluster} join their cluster, at the CLI's edge. */
final class Clusters {
  private Clusters() {}

  /**
   * Joins the cluster of {@code cfg.cluster}; a coordinator then waits for the coordinator lock, so one
   * coordinator runs per cluster. Fails CONFIG before joining when the token is missing off loopback.
   */
  static Vertx join(AssayConfig cfg, VertxOptions options, UnaryOperator<VertxBuilder> builder, boolean coordinator) {
    AssayConfig.Cluster c = cfg.cluster();
    ClusterIdentity id = ClusterNode.identity(c);
    Vertx vertx = await(ClusterNode.start(c, id, options, builder), 120_000, "joining the cluster at " + c.members());
    System.err.println("assay: joined cluster " + id.name() + " as " + c.host() + ":" + c.port() + " (event bus "
        + c.host() + ":" + c.busPort() + (id.tls() ? ", TLS key " + id.fingerprint() : ", no token: plain TCP on loopback")
        + "); members " + c.members());
    if (coordinator) {
      try {
        await(CoordinatorLock.acquire(vertx, waited -> System.err.println("assay: another coordinator holds the"
            + " cluster's coordinator lock; waiting (" + waited / 1000 + " s)")), Long.MAX_VALUE / 4, "the coordinator lock");
      } catch (RuntimeException e) {
        vertx.close();
        throw e;
      }
    }
    return vertx;
  }

  private static <T> T await(io.vertx.core.Future<T> f, long ms, String what) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssayException(ErrorKind.INTERNAL, "interrupted");
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssayException(ErrorKind.UNEXPECTED_STATE, what + ": timed out after " + ms + " ms");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof AssayException a) {
        throw a;
      }
      throw new AssayException(ErrorKind.UNEXPECTED_STATE, what + ": " + e.getCause().getMessage(), e.getCause());
    }
  }
}
