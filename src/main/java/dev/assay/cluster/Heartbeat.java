package dev.assay.cluster;

import io.vertx.core.json.JsonObject;

/**
 * What a worker publishes on {@value #ADDRESS} every {@value #EVERY_MS} ms (and once with {@code leaving}
 * when it stops): who it is, where its verifiers are served ({@link #prefix}), its sandbox backend and
 * description, how many verifications it runs at once, its sandbox's wall-time limit (the coordinator
 * derives its send timeouts from it) and how many it has served. It travels over the event bus, so
 * only a member holding the cluster token can send one that arrives.
 */
record Heartbeat(String id, String host, String backend, String sandbox, int capacity, long timeoutMs, long served,
    boolean leaving) {
  static final String ADDRESS = "assay.cluster.workers";
  static final long EVERY_MS = 1_000;

  /** Where this worker serves {@code Verification}: {@code assay.cluster.worker.<id>.verify.<method>}. */
  String prefix() {
    return prefix(id);
  }

  static String prefix(String id) {
    return "assay.cluster.worker." + id + ".verify";
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("host", host).put("backend", backend).put("sandbox", sandbox)
        .put("capacity", capacity).put("timeout_ms", timeoutMs).put("served", served).put("leaving", leaving);
  }

  static Heartbeat fromJson(JsonObject j) {
    return new Heartbeat(j.getString("id"), j.getString("host", ""), j.getString("backend", ""), j.getString("sandbox", ""),
        j.getInteger("capacity", 1), j.getLong("timeout_ms", 5_000L), j.getLong("served", 0L), j.getBoolean("leaving", false));
  }
}
