package dev.assay.sandbox.java;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.isolation.CgroupSlot;
import dev.assay.sandbox.isolation.CgroupTree;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java sandbox backend: candidates compiled with Janino (javac when Janino rejects the
 * source) and run in a {@link WarmPool} of runner JVMs, each inside the same bubblewrap view and
 * cgroup tree as every backend's runners. Starting and running block, so they go to this
 * sandbox's named worker pool, never an event loop. A spec asking for another memory size than
 * the configured one gets a one-off runner of that size.
 *
 * <p>A candidate's failure is a {@link SandboxResult} status. A failed future means the backend
 * is broken (no runner can start: {@link ErrorKind#SANDBOX_INFRA}), the queue is full, or the
 * spec is not Java ({@link ErrorKind#INVALID_INPUT}).
 */
public final class JavaSandbox implements Sandbox {
  private static final Logger LOG = LoggerFactory.getLogger(JavaSandbox.class);
  private final Vertx vertx;
  private final JavaSettings settings;
  private final Path tempDir;
  private final RunnerLauncher launcher;
  private final CgroupTree cgroups;
  private final Workers worker;
  private final WarmPool<RunnerProcess> pool;
  private final Context fallbackContext;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger oneOffs = new AtomicInteger();
  private volatile Future<Void> closing;

  private JavaSandbox(Vertx vertx, JavaSettings settings) throws IOException {
    this.vertx = vertx;
    this.settings = settings;
    SandboxOptions o = settings.options();
    this.tempDir = Files.createTempDirectory("assay-java-" + o.runId() + "-");
    Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
    this.launcher = new RunnerLauncher(settings, tempDir);
    this.cgroups = CgroupTree.create(settings.isolation(), o.runId());
    this.worker = new Workers("assay-java-sandbox-" + o.runId(), o.poolSize() * 2 + 2);
    this.pool = new WarmPool<>("java sandbox " + o.runId(), new Factory(), o.poolSize(),
        o.maxQueue(), o.warm());
    this.fallbackContext = vertx.getOrCreateContext();
  }

  /**
   * Creates the backend from the shared sandbox options (as backend {@code java}, with its
   * defaults); with {@code warm} its runners start in the background right away. Blocking
   * (probes the isolation, writes the runner jar).
   *
   * @throws AssayException CONFIG when the requested isolation is not available
   */
  public static JavaSandbox create(Vertx vertx, SandboxOptions options) {
    return create(vertx, JavaSettings.from(options));
  }

  static JavaSandbox create(Vertx vertx, JavaSettings settings) {
    JavaSandbox sb;
    try {
      sb = new JavaSandbox(vertx, settings);
    } catch (IOException e) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "cannot prepare the java sandbox: "
          + e.getMessage(), e);
    }
    if (settings.options().warm()) {
      sb.pool.warm().onFailure(e -> LOG.warn("java sandbox run={} warm-up: {}",
          settings.options().runId(), e.getMessage()));
    }
    return sb;
  }

  @Override
  public Future<SandboxResult> run(SandboxSpec spec) {
    if (spec.language() != Language.JAVA) {
      return Future.failedFuture(AssayException.invalid("the java sandbox runs only java, got "
          + spec.language().wire()));
    }
    if (closing != null) {
      return Future.failedFuture(new AssayException(ErrorKind.SANDBOX_INFRA, "sandbox closed"));
    }
    Context current = Vertx.currentContext();
    return WarmPool.deliverOn(current != null ? current : fallbackContext,
        Contention.rerunContendedTimeout(() -> attempt(spec, true)));
  }

  /** One run on one runner; a runner found dead before it got the run is replaced, once. */
  private Future<SandboxResult> attempt(SandboxSpec spec, boolean mayRetry) {
    if (spec.memoryMb() != settings.options().memoryMb()) {
      return worker.submit(() -> oneOff(spec));
    }
    return pool.acquire().compose(r -> worker.submit(() -> r.run(spec, ids.incrementAndGet()))
        .andThen(ar -> pool.release(r))
        .recover(e -> !(e instanceof RunnerProcess.Gone) ? Future.failedFuture(e)
            : mayRetry ? attempt(spec, false)
            : Future.succeededFuture(SandboxResult.error(e.getMessage(), 0))));
  }

  /** A runner of the spec's own memory size for one run, in a slot of its own. */
  private SandboxResult oneOff(SandboxSpec spec) throws IOException {
    int n = oneOffs.incrementAndGet();
    CgroupSlot cg = cgroups.slot("oneoff-" + n, launcher.pidsMax(), settings.options().cpus());
    RunnerProcess r = null;
    try {
      r = RunnerProcess.start(launcher, settings, -n, spec.memoryMb(), cg);
      return r.run(spec, ids.incrementAndGet());
    } finally {
      if (r != null) {
        r.close();
      }
      cgroups.remove(cg);
    }
  }

  /** Starts runner JVMs in their slot's cgroups; stops them on the worker pool. */
  private final class Factory implements WarmPool.Factory<RunnerProcess> {
    @Override
    public Future<RunnerProcess> start(int slot) {
      return worker.submit(() -> RunnerProcess.start(launcher, settings, slot,
          settings.options().memoryMb(),
          cgroups.slot("slot-" + slot, launcher.pidsMax(), settings.options().cpus())));
    }

    @Override
    public Future<Void> stop(RunnerProcess r) {
      r.kill(); // at once, even while a worker waits on it: that run ends as a failure
      return worker.submit(() -> {
        r.close();
        return null;
      });
    }
  }

  /** A spec with this backend's default limits. */
  public SandboxSpec spec(String source, String stdin) {
    return settings.options().java(source, stdin);
  }

  /** Runner JVMs started so far (warm-up, replacements, one-off runners); tests and the bench. */
  long runnersStarted() {
    return pool.started() + oneOffs.get();
  }

  /** CPU time used inside this sandbox's cgroups so far, -1 when not accounted. */
  public long cpuNanos() {
    return cgroups.cpuNanos();
  }

  /** The cgroup directory name of this sandbox under each controller. */
  String cgroupName() {
    return cgroups.name();
  }

  @Override
  public String describe() {
    SandboxOptions o = settings.options();
    return "java/" + launcher.describe() + (o.warm() ? " (warm" : " (cold")
        + ", pool=" + o.poolSize() + ", janino+javac)";
  }

  @Override
  public synchronized Future<Void> close() {
    if (closing == null) {
      closing = pool.close()
          .transform(ar -> vertx.<Void>executeBlocking(() -> {
            cgroups.destroy();
            deleteTree(tempDir);
            return null;
          }, false))
          .eventually(worker::close)
          .otherwiseEmpty();
    }
    return closing;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // best effort
    }
  }
}
