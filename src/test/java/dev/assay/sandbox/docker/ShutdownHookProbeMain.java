package dev.assay.sandbox.docker;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link DockerReaperTest}: warms a docker sandbox under the given run id,
 * says so, then exits without closing it, so only the shutdown hook can remove its containers.
 */
public final class ShutdownHookProbeMain {
  private ShutdownHookProbeMain() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    dev.assay.sandbox.SandboxOptions o = DockerTestSupport.options(2).withRunId(args[0]);
    DockerSandbox.start(vertx, o).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    System.out.println("WARM " + o.runId());
    System.out.flush();
    System.exit(0);
  }
}
