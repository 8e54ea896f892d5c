package dev.assay.web;

import dev.assay.config.AssayConfig;
import dev.assay.loop.Rounds;
import dev.assay.loop.Runs;
import dev.assay.loop.SeedLoader;
import dev.assay.store.RoundInfo;
import dev.assay.store.Store;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the rounds of the daemon: a bounded queue of requested rounds run one at a time through the
 * run policy ({@link Runs}: model registry, model switching, fine-tune hook), their states,
 * cancellation, continuous mode (round after round, the fine-tune hook between them, until a
 * target or budget is met, backing off while rounds fail or the model is out), the resume of an
 * unfinished round found in the database at start, and a graceful stop. Serves the
 * {@code assay.rounds.*} addresses; use {@link SchedulerClient}.
 */
public final class RoundScheduler extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(RoundScheduler.class);
  public static final int DEFAULT_MAX_QUEUED = 16;
  static final long SNAPSHOT_EVERY_MS = 500;
  private final AssayConfig cfg;
  private final Store store;
  private final Runs runs;
  private final EventsProgress progress;
  private final InFlight inFlight;
  private final Map<String, RoundJob> jobs = new LinkedHashMap<>();
  private final Deque<RoundJob> queue = new ArrayDeque<>();
  private final long startedAt = System.currentTimeMillis();
  private RoundJob current;
  private boolean stopping;
  private boolean continuing;
  private String continuous = "";
  private int failuresInARow;
  private int seq;

  RoundScheduler(AssayConfig cfg, Store store, Runs runs, EventsProgress progress, InFlight inFlight) {
    this.cfg = cfg;
    this.store = store;
    this.runs = runs;
    this.progress = progress;
    this.inFlight = inFlight;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    bus.<JsonObject>consumer(SchedulerClient.SUBMIT, this::submit);
    bus.<JsonObject>consumer(SchedulerClient.LIST, this::list);
    bus.<String>consumer(SchedulerClient.GET, this::get);
    bus.<String>consumer(SchedulerClient.CANCEL, this::cancel);
    bus.<JsonObject>consumer(SchedulerClient.STATUS, m -> m.reply(status()));
    bus.<JsonObject>consumer(SchedulerClient.SHUTDOWN, this::shutdown);
    vertx.setPeriodic(SNAPSHOT_EVERY_MS, t -> bus.publish(EventsProgress.PREFIX + "snapshot", status()));
    return runs.registerBase().compose(v -> resume()).onSuccess(v -> pump());
  }

  /** Queues the newest unfinished round of this run, as it was configured, to run first. */
  private Future<Void> resume() {
    return store.rounds().list().compose(rounds -> {
      RoundInfo open = rounds.stream().filter(r -> r.state().equals("running") && r.run().equals(cfg.run().name()))
          .reduce((a, b) -> b).orElse(null);
      if (open == null) {
        return Future.succeededFuture();
      }
      return store.rounds().config(open.id()).map(c -> {
        RoundRequest req = RoundRequest.fromStoredConfig(c);
        RoundJob job = new RoundJob("q" + (++seq), req, req.apply(cfg), true);
        job.dbId = open.id();
        job.roundNo = open.roundNo();
        jobs.put(job.id, job);
        queue.addFirst(job);
        log.info("resuming round={} of run={} (stage {}) as {}", open.roundNo(), open.run(), open.stage(), job.id);
        return null;
      });
    });
  }

  private void submit(Message<JsonObject> m) {
    if (stopping) {
      m.fail(503, "the daemon is shutting down");
      return;
    }
    if (queue.size() >= DEFAULT_MAX_QUEUED) {
      m.fail(429, "round queue full (" + DEFAULT_MAX_QUEUED + " queued)");
      return;
    }
    RoundRequest req;
    try {
      req = RoundRequest.parse(cfg.web().seedDirs(), m.body());
    } catch (ApiError e) {
      m.fail(400, e.getMessage());
      return;
    }
    checkSeeds(req).compose(v -> req.model() == null ? Future.succeededFuture(true) : runs.knows(req.model()))
        .onSuccess(known -> {
      if (!known) {
        m.fail(400, ApiError.field("model", "unknown model '" + req.model() + "': neither the configured model '"
            + cfg.model().name() + "' nor one registered for run '" + cfg.run().name() + "'").getMessage());
        return;
      }
      RoundJob job = enqueue(req);
      m.reply(new JsonObject().put("id", job.id).put("state", job.state));
    }).onFailure(e -> m.fail(e instanceof ApiError ? 400 : 500, e.getMessage()));
  }

  /** Loads the seed files a request names (off the event loop): a bad one is a 400 that says where, not what. */
  private Future<Void> checkSeeds(RoundRequest req) {
    if (req.seeds() == null) {
      return Future.succeededFuture();
    }
    return vertx.<Void>executeBlocking(() -> {
      req.seeds().forEach(SeedLoader::load);
      return null;
    }, false).recover(e -> {
      log.warn("round request refused: {}", e.getMessage());
      return Future.failedFuture(ApiError.field("seeds", req.redact(e.getMessage())));
    });
  }

  private RoundJob enqueue(RoundRequest req) {
    RoundJob job = new RoundJob("q" + (++seq), req, req.apply(cfg), false);
    jobs.put(job.id, job);
    queue.addLast(job);
    pump();
    return job;
  }

  private void pump() {
    if (current != null || stopping) {
      return;
    }
    RoundJob job = queue.pollFirst();
    if (job == null) {
      maybeContinue();
      return;
    }
    current = job;
    job.state = "running";
    job.startedAt = System.currentTimeMillis();
    log.info("round job={} starting (overrides {})", job.id, job.request.toJson().encode());
    runs.round(job.cfg, job.request.model(), new JobProgress(job, progress), () -> job.cancelRequested || stopping)
        .onComplete(ar -> ended(job, ar.succeeded() ? ar.result() : null, ar.cause()));
  }

  private void ended(RoundJob job, Rounds.Result result, Throwable failure) {
    job.finishedAt = System.currentTimeMillis();
    Future<Void> db = Future.succeededFuture();
    if (result != null) {
      job.report = result.report();
      job.state = "done";
      boolean modelOut = result.kept() == 0 && progress.modelOutage();
      failuresInARow = modelOut ? failuresInARow + 1 : 0;
    } else if (job.cancelRequested) {
      job.state = "cancelled";
    } else if (stopping) {
      // shutdown: in-flight work finished and is stored; keep the round open so a restart resumes it
      job.state = "interrupted";
      db = job.dbId == 0 ? db : store.rounds().state(job.dbId, "running");
    } else {
      job.state = "failed";
      job.error = job.request.redact(String.valueOf(failure.getMessage()));
      failuresInARow++;
      log.warn("round job={} failed: {}", job.id, failure.getMessage());
      db = job.dbId == 0 ? db : store.rounds().state(job.dbId, "failed");
    }
    log.info("round job={} round={} {}", job.id, job.roundNo, job.state);
    vertx.eventBus().publish(EventsProgress.PREFIX + "round_state", job.toJson(false));
    db.onComplete(v -> {
      current = null;
      job.ended.tryComplete();
      pump();
    });
  }

  /**
   * Continuous mode: runs the fine-tune hook for the round that just finished (when configured),
   * then queues the next round unless a target or budget is met; backs off after failures.
   */
  private void maybeContinue() {
    AssayConfig.Web w = cfg.web();
    if (!w.mode().equals("continuous") || continuing || stopping) {
      return;
    }
    continuing = true;
    long delay = failuresInARow == 0 ? 1 : Math.min(60_000, 1_000L << Math.min(6, failuresInARow - 1));
    continuous = failuresInARow == 0 ? "" : "backing off " + delay + " ms after " + failuresInARow + " failed round(s)";
    vertx.setTimer(delay, t -> runs.fineTuneIfDue().compose(made -> runs.stopReason(startedAt)).onComplete(ar -> {
      continuing = false;
      if (ar.failed()) {
        log.warn("continuous mode: {}", ar.cause().getMessage());
        continuous = "fine-tune hook or store failed: " + ar.cause().getMessage();
        failuresInARow++;
      }
      if (ar.failed() || stopping || current != null || !queue.isEmpty()) {
        pump();
        return;
      }
      String met = ar.result();
      continuous = met == null ? "" : met;
      if (met == null) {
        enqueue(RoundRequest.NONE);
      } else {
        log.info("continuous mode stops: {}", met);
      }
    }));
  }

  private void list(Message<JsonObject> m) {
    store.rounds().list().onSuccess(rounds -> m.reply(new JsonObject().put("rounds", RoundJob.list(jobs.values(), rounds))))
        .onFailure(e -> m.fail(500, e.getMessage()));
  }

  private void get(Message<String> m) {
    RoundJob job = find(m.body());
    if (job != null && (job.dbId == 0 || !job.finished() || job.report != null)) {
      m.reply(job.toJson(true));
      return;
    }
    long dbId = job != null ? job.dbId : parseDbId(m.body());
    if (dbId <= 0) {
      m.fail(404, "no round with id '" + m.body() + "'");
      return;
    }
    store.rounds().list().onSuccess(rounds -> rounds.stream().filter(r -> r.id() == dbId).findFirst().ifPresentOrElse(
        r -> m.reply(job != null ? job.toJson(true).put("report", r.report()) : RoundJob.stored(r, true)),
        () -> m.fail(404, "no round with id '" + m.body() + "'"))).onFailure(e -> m.fail(500, e.getMessage()));
  }

  private void cancel(Message<String> m) {
    RoundJob job = find(m.body());
    if (job == null) {
      m.fail(404, "no queued or running round with id '" + m.body() + "' in this daemon");
      return;
    }
    if (job.finished()) {
      m.fail(409, "round " + m.body() + " is already " + job.state);
      return;
    }
    job.cancelRequested = true;
    if (queue.remove(job)) {
      job.state = "cancelled";
      job.finishedAt = System.currentTimeMillis();
      job.ended.tryComplete();
    }
    m.reply(job.toJson(false));
  }

  private RoundJob find(String id) {
    RoundJob j = jobs.get(id);
    if (j != null) {
      return j;
    }
    long dbId = parseDbId(id);
    return jobs.values().stream().filter(x -> x.dbId == dbId && dbId > 0).reduce((a, b) -> b).orElse(null);
  }

  private static long parseDbId(String id) {
    return id != null && id.matches("[0-9]{1,18}") ? Long.parseLong(id) : -1;
  }

  /** First signal: take no new work, let the running round's in-flight work finish and store, then reply. */
  private void shutdown(Message<JsonObject> m) {
    stopping = true;
    log.info("shutdown: taking no new work; {} queued round(s) dropped, {} running", queue.size(),
        current == null ? "none" : current.id);
    Future<Void> waiting = current == null ? Future.succeededFuture() : current.ended.future();
    waiting.onComplete(v -> m.reply(new JsonObject().put("interrupted", current == null ? null : current.id)));
  }

  private JsonObject status() {
    JsonObject snap = progress.snapshot();
    JsonObject stageTotals = snap.getJsonObject("stage_totals");
    JsonObject stageDone = snap.getJsonObject("stage_done");
    String stage = snap.getString("stage");
    long pending = current == null ? 0 : Math.max(0, stageTotals.getLong(stage, 0L) - stageDone.getLong(stage, 0L));
    return new JsonObject()
        .put("state", stopping ? "stopping" : current != null ? "running" : continuing ? "waiting" : "idle")
        .put("mode", cfg.web().mode())
        .put("continuous", continuous)
        .put("uptime_seconds", (System.currentTimeMillis() - startedAt) / 1000)
        .put("current", current == null ? null : current.toJson(false))
        .put("round", current == null ? null : snap.getInteger("round"))
        .put("stage", current == null ? null : stage)
        .put("in_flight", new JsonObject().put("model_requests", inFlight.model.get())
            .put("verifications", inFlight.verifications.get()))
        .put("queues", new JsonObject().put("rounds_queued", queue.size()).put("rounds_max", DEFAULT_MAX_QUEUED)
            .put("stage_pending", pending))
        .put("progress", snap);
  }
}
