package dev.assay.cluster;

import dev.assay.config.AssayConfig;
import dev.assay.sandbox.SandboxClient;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxVerticle;
import dev.assay.verify.Verification;
import dev.assay.verify.VerifyVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.UUID;

/**
 * A cluster worker ({@code assay worker --cluster}, or the coordinator's own with
 * {@code cluster.coordinator_verifies}): the sandbox pool and the verifiers on a private, unclustered
 * Vert.x, exactly as on one machine, and a {@link WorkerVerticle} on the clustered one that serves
 * them to the coordinator and advertises the worker. No store, no model.
 */
public final class WorkerNode {
  private final Vertx cluster;
  private final String deployment;
  private final WorkerVerticle verticle;
  private final Heartbeat self;

  private WorkerNode(Vertx cluster, String deployment, WorkerVerticle verticle, Heartbeat self) {
    this.cluster = cluster;
    this.deployment = deployment;
    this.verticle = verticle;
    this.self = self;
  }

  /** Starts the sandbox and verifiers, then joins the work of {@code cluster} (a clustered Vert.x). */
  public static Future<WorkerNode> start(Vertx cluster, AssayConfig cfg, SandboxOptions sb) {
    Vertx local = Vertx.vertx(new VertxOptions().setWorkerPoolSize(16).setBlockedThreadCheckInterval(10_000));
    String id = UUID.randomUUID().toString().substring(0, 8);
    int capacity = cfg.cluster().capacity() > 0 ? cfg.cluster().capacity() : 2 * sb.poolSize();
    return local.deployVerticle(new SandboxVerticle(sb))
        .compose(x -> SandboxClient.create(local, 30_000).describe())
        .compose(desc -> local.deployVerticle(new VerifyVerticle(cfg.verify(), sb)).map(desc))
        .compose(desc -> {
          Heartbeat self = new Heartbeat(id, cfg.cluster().host(), sb.backend(), desc, capacity, sb.timeoutMs(), 0, false);
          Verification verifiers = Verification.client(local, ClusterVerification.longestMs(sb.timeoutMs()));
          WorkerVerticle v = new WorkerVerticle(verifiers, local, self);
          return cluster.deployVerticle(v).map(dep -> new WorkerNode(cluster, dep, v, self));
        })
        .recover(e -> local.close().transform(x -> Future.failedFuture(e)));
  }

  public String id() {
    return self.id();
  }

  public String description() {
    return self.sandbox() + ", capacity " + self.capacity();
  }

  /** Verifications this worker has answered. */
  public long served() {
    return verticle.served();
  }

  /** Says goodbye to the coordinator, then stops the verifiers and reaps the sandbox (also when the clustered Vert.x closes). */
  public Future<Void> stop() {
    return cluster.undeploy(deployment);
  }
}
