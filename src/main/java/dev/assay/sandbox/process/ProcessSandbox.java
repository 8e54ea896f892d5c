package dev.assay.sandbox.process;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.isolation.CgroupTree;
import dev.assay.sandbox.isolation.Isolation;
import dev.assay.sandbox.outcome.Contention;
import dev.assay.sandbox.pool.WarmPool;
import dev.assay.sandbox.pool.Workers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process backend: Python programs run in bubblewrap (else unshare) namespaces with cgroup
 * v1 memory, pids and CPU limits, served by a {@link WarmPool} of fork-server runners (or a fresh
 * isolated process per run when {@code warm} is false). Runs wait for a free runner; beyond
 * {@code maxQueue} waiting runs, {@link #run} fails with SANDBOX_INFRA. Starting, running and
 * stopping runners block, so they go to this sandbox's named worker pool.
 */
public final class ProcessSandbox implements Sandbox {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessSandbox.class);

  /** What every runner needs to start. */
  record Setup(SandboxOptions options, Isolation isolation, Path script, Path tempDir) {}

  private final Vertx vertx;
  private final Setup setup;
  private final CgroupTree cgroups;
  private final Workers worker;
  private final WarmPool<PyRunner> pool;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Where results go for callers outside any Vert.x context (CLI, bench). */
  private final Context fallbackContext;

  private ProcessSandbox(Vertx vertx, Setup setup, CgroupTree cgroups) {
    this.vertx = vertx;
    this.setup = setup;
    this.cgroups = cgroups;
    SandboxOptions o = setup.options();
    this.worker = new Workers("assay-sandbox-" + o.runId(), o.poolSize() * 2 + 2);
    this.pool = new WarmPool<>("process sandbox " + o.runId(), new Factory(), o.poolSize(),
        o.maxQueue(), o.warm());
    this.fallbackContext = vertx.getOrCreateContext();
  }

  /**
   * Probes the isolation, creates the cgroups and starts the runners (they warm up in the
   * background). Blocking for the probe (~100 ms): call it from a worker or at startup.
   *
   * @throws AssayException CONFIG when the requested isolation is unavailable
   */
  public static ProcessSandbox create(Vertx vertx, SandboxOptions options) {
    options.validate();
    Isolation iso = Isolation.select(options.isolation(), options.pythonPath());
    Path temp;
    try {
      // traversable (not listable) so the unprivileged sandbox user can bind the runner script
      temp = Files.createTempDirectory("assay-sandbox-" + options.runId() + "-");
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (IOException e) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "cannot create sandbox temp dir", e);
    }
    Setup setup = new Setup(options, iso, RunnerScript.install(temp), temp);
    ProcessSandbox sb = new ProcessSandbox(vertx, setup, CgroupTree.create(iso, options.runId()));
    if (options.warm()) {
      sb.pool.warm().onFailure(e -> LOG.warn("process sandbox run={} warm-up: {}",
          options.runId(), e.getMessage()));
    }
    return sb;
  }

  @Override
  public Future<SandboxResult> run(SandboxSpec spec) {
    if (closed.get()) {
      return Future.failedFuture(new AssayException(ErrorKind.SANDBOX_INFRA, "sandbox closed"));
    }
    if (spec.language() != Language.PYTHON) {
      return Future.failedFuture(AssayException.invalid(
          "the process backend runs python only, not " + spec.language().wire()));
    }
    for (String name : spec.files().keySet()) {
      Path n = Path.of(name).normalize();
      if (name.isBlank() || n.isAbsolute() || n.startsWith("..") || n.toString().equals("main.py")) {
        return Future.failedFuture(AssayException.invalid(
            "extra file name must be relative, inside the work dir and not main.py: " + name));
      }
    }
    Context current = Vertx.currentContext();
    return WarmPool.deliverOn(current != null ? current : fallbackContext,
        Contention.rerunContendedTimeout(() -> attempt(spec, true)));
  }

  /** One run on one runner; a runner found dead before it got the run is replaced, once. */
  private Future<SandboxResult> attempt(SandboxSpec spec, boolean mayRetry) {
    return pool.acquire().compose(r -> worker.submit(() -> r.execute(spec))
        .andThen(ar -> pool.release(r))
        .recover(e -> !(e instanceof PyRunner.Gone) ? Future.failedFuture(e)
            : mayRetry ? attempt(spec, false)
            : Future.succeededFuture(SandboxResult.error(e.getMessage(), 0))));
  }

  /** Starts runners in their slot's cgroups and work dir; stops them on the worker pool. */
  private final class Factory implements WarmPool.Factory<PyRunner> {
    @Override
    public Future<PyRunner> start(int slot) {
      SandboxOptions o = setup.options();
      return worker.submit(() -> PyRunner.start(setup, slot,
          cgroups.slot("slot-" + slot, o.pidsLimit() + 4, o.cpus()), workDir(slot)));
    }

    @Override
    public Future<Void> stop(PyRunner r) {
      r.kill(); // at once, even while a worker waits on it: that run ends as a sandbox error
      return worker.submit(() -> {
        r.close();
        return null;
      });
    }
  }

  private Path workDir(int slot) throws IOException {
    Path d = Files.createDirectories(setup.tempDir().resolve("work-" + slot));
    if (setup.isolation().uid() >= 0) {
      Files.setAttribute(d, "unix:uid", setup.isolation().uid());
      Files.setAttribute(d, "unix:gid", setup.isolation().uid());
    }
    return d;
  }

  @Override
  public String describe() {
    return "process/" + setup.isolation().describe() + (setup.options().warm()
        ? " (warm, pool " + setup.options().poolSize() + ")" : " (fresh per run)");
  }

  /** Host pids of every process in this sandbox's cgroups (runners and whatever they run). */
  List<Long> processes() {
    return cgroups.pids();
  }

  /** CPU time used inside this sandbox so far (runners and runs), -1 when not accounted. */
  public long cpuNanos() {
    return cgroups.cpuNanos();
  }

  String runId() {
    return setup.options().runId();
  }

  /** The cgroup directory name of this sandbox under each controller. */
  String cgroupName() {
    return cgroups.name();
  }

  @Override
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return pool.close()
        .transform(ar -> vertx.<Void>executeBlocking(() -> {
          cgroups.destroy();
          deleteTree(setup.tempDir());
          return null;
        }, false))
        .eventually(worker::close)
        .otherwiseEmpty();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // leftovers in the temp dir are harmless
    }
  }
}
