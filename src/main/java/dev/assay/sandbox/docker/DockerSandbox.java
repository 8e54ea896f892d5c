package dev.assay.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.outcome.Contention;
import dev.assay.sandbox.pool.WarmPool;
import dev.assay.sandbox.pool.Workers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The docker backend: a pool of warm fork-server runners, each PID 1 of a hardened container
 * (network none, memory = swap limit, pids limit, CPU quota, read-only root fs with a tmpfs
 * /tmp, all capabilities dropped, no-new-privileges, uid 65534), talked to over the container's
 * attached stdin/stdout. Each run is a fresh process with its own limits and temp dir; after it
 * the runner kills every other process in the container and wipes the temp dirs, and a runner
 * that is not clean is replaced. Containers are labelled with the run id and reaped at start,
 * at close and from a shutdown hook. All docker-java calls run on a named worker pool.
 */
public final class DockerSandbox implements Sandbox {
  private static final Logger LOG = LoggerFactory.getLogger(DockerSandbox.class);

  private final DockerSettings options;
  private final DockerClient api;
  private final DockerClient streams;
  private final Workers workers;
  private final Reaper reaper;
  private final WarmPool<DockerRunner> pool;
  private final AtomicInteger containers = new AtomicInteger();
  private final Context fallbackContext;
  private final Future<Void> ready;
  private Future<Void> closing;

  private DockerSandbox(Vertx vertx, DockerSettings o) {
    this.options = o;
    this.api = DockerClients.api(o.dockerHost(), Duration.ofMillis(o.apiTimeoutMs()));
    this.streams = DockerClients.streams(o.dockerHost(), o.poolSize() * 2 + 4);
    this.workers = new Workers("assay-docker-" + o.runId(), o.poolSize() * 3 + 2);
    this.reaper = new Reaper(api, o.runId());
    this.pool = new WarmPool<>("docker sandbox " + o.runId(), new Factory(), o.poolSize(),
        o.maxQueue(), o.warm());
    this.fallbackContext = vertx.getOrCreateContext();
    Future<Void> prepared = workers.submit(this::prepare);
    this.ready = o.warm() ? prepared.compose(v -> pool.warm()) : prepared;
    ready.onFailure(t -> LOG.warn("docker sandbox not ready run={}: {}", o.runId(), t.getMessage()));
  }

  /**
   * Creates the backend from the shared {@code sandbox:} options and starts warming its runners
   * in the background; runs wait for them. If the engine does not answer or the image is
   * missing, every run fails with an {@link AssayException} of kind SANDBOX_INFRA saying so.
   */
  public static Sandbox create(Vertx vertx, SandboxOptions options) {
    return new DockerSandbox(vertx, DockerSettings.from(options));
  }

  /** {@link #create} with settings made directly (tests: another engine). */
  static DockerSandbox create(Vertx vertx, DockerSettings settings) {
    return new DockerSandbox(vertx, settings);
  }

  /** Like {@link #create} but completes only once the pool is warm (or fails why not). */
  public static Future<Sandbox> start(Vertx vertx, SandboxOptions options) {
    DockerSandbox s = new DockerSandbox(vertx, DockerSettings.from(options));
    return s.ready.<Sandbox>map(s).recover(t -> s.close().compose(v -> Future.failedFuture(t)));
  }

  @Override
  public Future<SandboxResult> run(SandboxSpec spec) {
    Context current = Vertx.currentContext();
    return WarmPool.deliverOn(current != null ? current : fallbackContext, ready
        .compose(v -> Contention.rerunContendedTimeout(() -> attempt(spec, true)))
        .recover(DockerSandbox::asInfra));
  }

  /** The one boundary where anything unexpected becomes a SANDBOX_INFRA failure. */
  private static Future<SandboxResult> asInfra(Throwable t) {
    return Future.failedFuture(t instanceof AssayException ? t
        : new AssayException(ErrorKind.SANDBOX_INFRA, "docker sandbox failed: " + t, t));
  }

  /** One run on one runner; a runner found dead before it answered is retried once. */
  private Future<SandboxResult> attempt(SandboxSpec spec, boolean mayRetry) {
    return pool.acquire().compose(r -> workers.submit(() -> runOn(r, spec))
        .andThen(ar -> {
          if (ar.failed() || !ar.result().reusable()) {
            r.markDirty();
          }
          pool.release(r);
        })
        .compose(o -> o.runnerDied() && mayRetry ? attempt(spec, false)
            : Future.succeededFuture(o.result())));
  }

  /** Starts containers on the worker pool and removes them through the API. */
  private final class Factory implements WarmPool.Factory<DockerRunner> {
    @Override
    public Future<DockerRunner> start(int slot) {
      int n = containers.incrementAndGet();
      return workers.submit(() -> DockerRunner.start(api, streams, options, slot, n));
    }

    @Override
    public Future<Void> stop(DockerRunner r) {
      return workers.submit(() -> {
        r.destroy();
        return null;
      });
    }
  }

  @Override
  public String describe() {
    return "docker/" + options.image() + " (warm x" + options.poolSize()
        + ", network none, read-only root, caps dropped, uid 65534)";
  }

  @Override
  public synchronized Future<Void> close() {
    if (closing == null) {
      // wait for the warm-up to settle first: a container being created now must not escape the reap
      closing = ready.transform(warm -> pool.close()).transform(ignored -> workers.submit(() -> {
        reaper.reapRun();
        reaper.removeShutdownHook();
        closeQuietly(api);
        closeQuietly(streams);
        return (Void) null;
      })).recover(t -> Future.<Void>succeededFuture()).eventually(workers::close);
    }
    return closing;
  }

  /** Pool statistics for logs and tests: live, idle, waiting, starting, started, replaced. */
  String stats() {
    return pool.stats();
  }

  String runId() {
    return options.runId();
  }

  private Void prepare() {
    try {
      api.pingCmd().exec();
    } catch (RuntimeException e) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA,
          "no Docker engine answers at " + options.dockerHost() + ": " + e.getMessage(), e);
    }
    try {
      api.inspectImageCmd(options.image()).exec();
    } catch (NotFoundException e) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "docker image " + options.image()
          + " is missing: build it with sandbox/image/build.sh");
    }
    reaper.reapOrphans();
    reaper.reapRun();
    reaper.installShutdownHook();
    return null;
  }

  private Outcome runOn(DockerRunner r, SandboxSpec spec) {
    long t0 = System.nanoTime();
    try {
      JsonObject reply = r.call(Replies.request(spec, options), Replies.waitMs(spec, options));
      return new Outcome(Replies.toResult(reply, r.shortId()), reply.getBoolean("clean", false), false);
    } catch (RunnerFailure f) {
      long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      LOG.warn("docker runner failed container={} run={}: {}", r.shortId(), options.runId(), f.getMessage());
      if (f.unresponsive()) {
        r.destroy(); // kill through the API: the runner can no longer be trusted to
        return new Outcome(Replies.unresponsive(wall, r.shortId()), false, false);
      }
      if (r.oomKilled()) {
        return new Outcome(Replies.containerOom(wall, r.shortId()), false, false);
      }
      return new Outcome(
          SandboxResult.error("docker " + r.shortId() + ": " + f.getMessage(), wall), false, true);
    }
  }

  private static void closeQuietly(DockerClient c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("docker client close: {}", e.toString());
    }
  }

  /** A run's result, whether its runner may serve again, and whether the runner died under it. */
  private record Outcome(SandboxResult result, boolean reusable, boolean runnerDied) {}
}
