package dev.assay.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.assay.AssayException;
import dev.assay.config.AssayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.util.function.UnaryOperator;

/**
 * Makes a clustered Vert.x: the Hazelcast cluster manager with TCP/IP discovery over the configured
 * members (multicast, auto-detection and phoning home off), Hazelcast and the event bus bound to
 * {@code cluster.host} on {@code cluster.port} and {@code cluster.bus_port}, and, with a token, the
 * cluster name and the event bus's mutual TLS from {@link ClusterIdentity}. A member whose host is not
 * a loopback address must have a token.
 */
public final class ClusterNode {
  /** Hazelcast declares a member dead after this long without a heartbeat (its default is 60 s). */
  static final int MAX_NO_HEARTBEAT_SECONDS = 10;

  private ClusterNode() {}

  /** The identity of this member: from the token in {@code cluster.token_env}, else open (loopback only). */
  public static ClusterIdentity identity(AssayConfig.Cluster c) {
    String token = System.getenv(c.tokenEnv());
    if (token == null || token.isEmpty()) {
      if (!loopback(c.host())) {
        throw AssayException.config("cluster.host " + c.host() + " is not a loopback address: a cluster reachable from"
            + " other machines needs a token in the environment variable " + c.tokenEnv() + " (cluster.token_env)");
      }
      return ClusterIdentity.open();
    }
    return ClusterIdentity.of(token);
  }

  /** Joins (or forms) the cluster; {@code builder} may add metrics to the Vert.x being built. */
  public static Future<Vertx> start(AssayConfig.Cluster c, ClusterIdentity id, VertxOptions options,
      UnaryOperator<VertxBuilder> builder) {
    EventBusOptions bus = options.getEventBusOptions()
        .setHost(c.host()).setPort(c.busPort()).setClusterPublicHost(c.host())
        .setClusterPingInterval(2_000).setClusterPingReplyInterval(4_000);
    if (id.tls()) {
      bus.setSsl(true).setKeyCertOptions(id.keyCert()).setTrustOptions(id.trust()).setClientAuth(ClientAuth.REQUIRED)
          .setSslHandshakeTimeout(10).setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(c, id));
    return builder.apply(Vertx.builder().with(options).withClusterManager(manager)).buildClustered();
  }

  static Config hazelcast(AssayConfig.Cluster c, ClusterIdentity id) {
    Config cfg = ConfigUtil.loadConfig();
    cfg.setClusterName(id.name());
    cfg.setProperty("hazelcast.phone.home.enabled", "false");
    cfg.setProperty("hazelcast.logging.type", "slf4j");
    cfg.setProperty("hazelcast.socket.bind.any", "false");
    cfg.setProperty("hazelcast.local.localAddress", c.host());
    cfg.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    cfg.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(MAX_NO_HEARTBEAT_SECONDS));
    // join and leave in seconds, not Hazelcast's tens of seconds: a cluster of a few members on a LAN
    cfg.setProperty("hazelcast.wait.seconds.before.join", "1");
    cfg.setProperty("hazelcast.max.wait.seconds.before.join", "2");
    cfg.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
    cfg.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    cfg.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    NetworkConfig net = cfg.getNetworkConfig();
    net.setPort(c.port()).setPortAutoIncrement(false).setPublicAddress(c.host() + ":" + c.port());
    net.getInterfaces().setEnabled(true).addInterface(address(c.host()));
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(c.members()).setConnectionTimeoutSeconds(2);
    return cfg;
  }

  private static String address(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw AssayException.config("cluster.host: unknown host '" + host + "'");
    }
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
