package dev.assay.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code cluster:} (used by {@code serve --cluster} and {@code worker --cluster}).
 * {@code members}: where to find the cluster, {@code host[:port]} entries (TCP/IP discovery, never
 * multicast; the port defaults to {@code port}); {@code host}: the interface address Hazelcast and the
 * event bus bind to and advertise (default 127.0.0.1); {@code port}: Hazelcast's member port (default
 * 5701); {@code bus_port}: the event bus's TLS port (default 5710); {@code token_env}: the variable
 * holding the cluster token (default {@code ASSAY_MEMBER_TOKEN}; required off loopback);
 * {@code capacity}: verifications a worker runs at once (0: twice its sandbox pool);
 * {@code retries}: how often a verification whose worker vanished is sent to another one (default 3);
 * {@code worker_wait_ms}: how long a verification waits for a worker when there is none (default 300000);
 * {@code coordinator_verifies}: the coordinator runs a worker of its own too (default false).
 */
final class ClusterSection {
  private static final String HOST = "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)";

  private ClusterSection() {}

  static AssayConfig.Cluster read(Node n) {
    String host = n.string("host", "127.0.0.1");
    if (!host.matches(HOST)) {
      throw n.error("host", "must be a host name or IPv4 address of this machine, got '" + host + "'");
    }
    int port = n.integer("port", 5701, 1, 65535);
    int busPort = n.integer("bus_port", 5710, 0, 65535);
    if (busPort == port) {
      throw n.error("bus_port", "must differ from cluster.port (" + port + ")");
    }
    List<String> raw = n.strings("members", List.of(host + ":" + port));
    List<String> members = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      for (String m : raw.get(i).split(",")) {
        String s = m.trim();
        if (!s.matches(HOST + "(:[0-9]{1,5})?")) {
          throw n.error("members[" + i + "]", "must be host or host:port, got '" + s + "'");
        }
        members.add(s.contains(":") ? s : s + ":" + port);
      }
    }
    var c = new AssayConfig.Cluster(List.copyOf(members), host, port, busPort,
        n.envName("token_env", "ASSAY_MEMBER_TOKEN"),
        n.integer("capacity", 0, 0, 4096),
        n.integer("retries", 3, 0, 100),
        n.integer("worker_wait_ms", 300_000L, 1_000, 86_400_000L),
        n.bool("coordinator_verifies", false));
    n.rejectUnknown();
    return c;
  }
}
