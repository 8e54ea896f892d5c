package dev.assay.web;

import dev.assay.config.AssayConfig;
import dev.assay.store.RoundInfo;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One round the scheduler was asked to run (or found unfinished at start). Its id ({@code q<N>})
 * is issued when it is queued; {@code dbId} is the database round once the round opens. Fields
 * are written on the scheduler's context and read by the JSON views.
 */
final class RoundJob {
  final String id;
  final RoundRequest request;
  final AssayConfig cfg;
  final boolean resumed;
  final long queuedAt = System.currentTimeMillis();
  final Promise<Void> ended = Promise.promise();
  volatile String state = "queued";
  volatile long dbId;
  volatile int roundNo;
  volatile String error;
  volatile JsonObject report;
  volatile boolean cancelRequested;
  volatile long startedAt;
  volatile long finishedAt;

  RoundJob(String id, RoundRequest request, AssayConfig cfg, boolean resumed) {
    this.id = id;
    this.request = request;
    this.cfg = cfg;
    this.resumed = resumed;
  }

  boolean finished() {
    return switch (state) {
      case "done", "failed", "cancelled", "interrupted" -> true;
      default -> false;
    };
  }

  JsonObject toJson(boolean withReport) {
    JsonObject j = new JsonObject()
        .put("id", id)
        .put("round_id", dbId == 0 ? null : dbId)
        .put("run", cfg.run().name())
        .put("round", roundNo == 0 ? null : roundNo)
        .put("state", state)
        .put("overrides", request.toJson())
        .put("resumed", resumed)
        .put("queued_at", queuedAt)
        .put("started_at", startedAt == 0 ? null : startedAt)
        .put("finished_at", finishedAt == 0 ? null : finishedAt);
    if (error != null) {
      j.put("error", error);
    }
    return withReport ? j.put("report", report) : j.put("summary", summary(report));
  }

  /** A stored round that no job of this process ran (an earlier daemon's, or a CLI round). */
  static JsonObject stored(RoundInfo r, boolean withReport) {
    JsonObject j = new JsonObject()
        .put("id", String.valueOf(r.id()))
        .put("round_id", r.id())
        .put("run", r.run())
        .put("round", r.roundNo())
        .put("state", r.state())
        .put("stage", r.stage());
    return withReport ? j.put("report", r.report()) : j.put("summary", summary(r.report()));
  }

  /**
   * Every stored round (as its job when this process ran it), then the jobs not yet in the
   * database; oldest first.
   */
  static JsonArray list(Collection<RoundJob> jobs, List<RoundInfo> rounds) {
    JsonArray out = new JsonArray();
    Map<Long, RoundJob> byDb = new HashMap<>();
    jobs.stream().filter(j -> j.dbId != 0).forEach(j -> byDb.put(j.dbId, j));
    for (RoundInfo r : rounds) {
      RoundJob j = byDb.get(r.id());
      out.add(j == null ? stored(r, false)
          : j.report != null || r.report() == null ? j.toJson(false) : j.toJson(false).put("summary", summary(r.report())));
    }
    jobs.stream().filter(j -> j.dbId == 0 && !j.finished()).forEach(j -> out.add(j.toJson(false)));
    return out;
  }

  /** The figures of a report that a listing and the yield-over-time chart need. */
  static JsonObject summary(JsonObject report) {
    if (report == null) {
      return null;
    }
    JsonObject stages = report.getJsonObject("stages", new JsonObject());
    JsonObject tokens = report.getJsonObject("tokens", new JsonObject());
    return new JsonObject()
        .put("kept", stages.getLong("kept", 0L))
        .put("attempts", stages.getLong("attempts", 0L))
        .put("yield", report.getDouble("yield", 0.0))
        .put("pass_at_1", report.getDouble("pass_at_1", 0.0))
        .put("tokens", tokens.getLong("total", 0L))
        .put("tokens_per_kept_sample", tokens.getValue("per_kept_sample"))
        .put("wall_seconds", report.getDouble("wall_seconds", 0.0));
  }
}
