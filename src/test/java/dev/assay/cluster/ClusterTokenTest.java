package dev.assay.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.config.AssayConfig;
import dev.assay.config.ConfigLoader;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.verify.SampleCheck;
import dev.assay.verify.Verdict;
import dev.assay.verify.Verification;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member without the cluster token neither joins nor receives work: without it, it forms a cluster
 * of its own (the cluster name derives from the token); knowing the name (it travels in Hazelcast's
 * plain traffic) but not the token, it joins Hazelcast, yet no TLS handshake with it succeeds, so its
 * heartbeats never arrive, it is never a worker, and a message sent to it is never delivered. A
 * worker holding the token joins and verifies. Members are Vert.x instances in this JVM on loopback.
 */
@Tag("e2e")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterTokenTest {
  private static final String TOKEN = "a-cluster-token-for-tests-0001";
  @TempDir Path dir;
  private final List<Vertx> started = new ArrayList<>();

  @AfterEach
  void leave() {
    for (int i = started.size() - 1; i >= 0; i--) {
      await(started.get(i).close(), 60);
    }
  }

  @Test
  void aMemberWithoutTheTokenNeitherJoinsNorReceivesWorkAndOneWithItDoes() throws Exception {
    int[] p = freePorts(8);
    String members = "127.0.0.1:" + p[0] + ",127.0.0.1:" + p[2] + ",127.0.0.1:" + p[4] + ",127.0.0.1:" + p[6];
    ClusterIdentity real = ClusterIdentity.of(TOKEN);
    Vertx coordinator = member(config(p[0], p[1], members), real);
    Workers workers = new Workers();
    await(coordinator.deployVerticle(workers), 30);
    Verification verification = workers.verification(1, 4_000);

    // no token: another cluster name, so Hazelcast never merges it with ours
    AssayConfig plain = config(p[2], p[3], members);
    Vertx outsider = member(plain, ClusterIdentity.open());
    WorkerNode outsiderWorker = await(WorkerNode.start(outsider, plain, sandbox()), 60);
    // the cluster name without the token: it joins Hazelcast, but holds another TLS key
    AssayConfig named = config(p[4], p[5], members);
    Vertx impostor = member(named, ClusterIdentity.of("another-token-not-the-cluster-one").named(real.name()));
    WorkerNode impostorWorker = await(WorkerNode.start(impostor, named, sandbox()), 60);

    waitFor(() -> nodes(coordinator) == 2, 30_000);
    Thread.sleep(Workers.EXPIRY_MS); // several heartbeats' time
    assertThat(nodes(coordinator)).as("the impostor is in Hazelcast; the outsider is not").isEqualTo(2);
    assertThat(workers.live()).as("no heartbeat of a member without the token arrives").isEmpty();
    assertThat(workers.capacity()).isZero();
    assertThatThrownBy(() -> await(verification.sample(SampleCheck.math("4", "\\boxed{4}", "boxed")), 30))
        .hasRootCauseInstanceOf(AssayException.class).rootCause().hasMessageContaining("no cluster worker");
    Future<Object> direct = coordinator.eventBus().request(Heartbeat.prefix(impostorWorker.id()) + ".sample", "x",
        new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(3_000)).map(m -> m.body());
    assertThatThrownBy(() -> await(direct, 30)).as("a message sent to it is never delivered").isNotNull();

    AssayConfig good = config(p[6], p[7], members);
    Vertx member = member(good, real);
    WorkerNode worker = await(WorkerNode.start(member, good, sandbox()), 60);
    waitFor(() -> workers.capacity() == 2, 30_000);
    Verdict v = await(verification.sample(SampleCheck.math("4", "so \\boxed{4}", "boxed")), 60);
    assertThat(v.reason().wire()).isEqualTo("ok");
    assertThat(worker.served()).isEqualTo(1);
    assertThat(impostorWorker.served()).isZero();
    assertThat(outsiderWorker.served()).isZero();
    assertThat(workers.live()).extracting(j -> j.getString("id")).containsExactly(worker.id());
  }

  private Vertx member(AssayConfig c, ClusterIdentity id) {
    Vertx v = await(ClusterNode.start(c.cluster(), id, new VertxOptions().setWorkerPoolSize(4), b -> b), 120);
    started.add(v);
    return v;
  }

  private AssayConfig config(int port, int bus, String members) throws Exception {
    Path f = dir.resolve("c" + port + ".yaml");
    Files.writeString(f, "model: {simulated: true}\nsandbox: {pool_size: 1}\ncluster:\n  host: 127.0.0.1\n  port: " + port
        + "\n  bus_port: " + bus + "\n  capacity: 2\n  members: \"" + members + "\"\n");
    return ConfigLoader.load(f);
  }

  private static SandboxOptions sandbox() {
    SandboxOptions d = SandboxOptions.defaults();
    return d.withPool(1, 16, d.recycleAfter());
  }

  private static int nodes(Vertx v) {
    return ((VertxInternal) v).clusterManager().getNodes().size();
  }

  static int[] freePorts(int n) throws Exception {
    int[] out = new int[n];
    List<ServerSocket> open = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
      open.add(s);
      out[i] = s.getLocalPort();
    }
    for (ServerSocket s : open) {
      s.close();
    }
    return out;
  }

  static void waitFor(java.util.function.BooleanSupplier ok, long ms) throws InterruptedException {
    long end = System.currentTimeMillis() + ms;
    while (!ok.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("condition not met within " + ms + " ms");
      }
      Thread.sleep(200);
    }
  }

  static <T> T await(Future<T> f, int seconds) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
