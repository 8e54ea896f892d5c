package dev.assay.sandbox.process;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The process backend: Python programs run in bubblewrap (else unshare) namespaces with cgroup
 * v1 memory, pids and CPU limits, served by a pool of warm fork-server runners (or a fresh
 * isolated process per run when {@code warm} is false). Runs wait in a bounded queue for a free
 * runner; beyond {@code maxQueue} waiting runs, {@link #run} fails with SANDBOX_INFRA.
 */
public final class ProcessSandbox implements Sandbox {
  /** What every slot needs to start runners. */
  record Setup(SandboxOptions options, Isolation isolation, Path script, Path tempDir) {}

  private final Vertx vertx;
  private final Setup setup;
  private final CgroupTree cgroups;
  private final BlockingQueue<Job> queue;
  private final List<RunnerSlot> slots = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Where results go for callers outside any Vert.x context (CLI, bench). */
  private final Context fallbackContext;

  private ProcessSandbox(Vertx vertx, Setup setup, CgroupTree cgroups) {
    this.vertx = vertx;
    this.setup = setup;
    this.cgroups = cgroups;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, setup.options().maxQueue()));
    this.fallbackContext = vertx.getOrCreateContext();
  }

  /**
   * Probes the isolation, creates the cgroups and starts the runner threads (runners warm up in
   * the background). Blocking for the probe (~100 ms): call it from a worker or at startup.
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
    CgroupTree tree = new CgroupTree(iso, options.runId());
    ProcessSandbox sb = new ProcessSandbox(vertx, setup, tree);
    try {
      for (int i = 0; i < options.poolSize(); i++) {
        CgroupSlot cg = tree.slot(i, options.pidsLimit() + 4, options.cpus());
        sb.slots.add(new RunnerSlot(i, setup, cg, sb.queue));
      }
    } catch (IOException e) {
      tree.destroy();
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "cannot create sandbox cgroups: "
          + e.getMessage(), e);
    }
    sb.slots.forEach(s -> s.thread.start());
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
      java.nio.file.Path n = java.nio.file.Path.of(name).normalize();
      if (name.isBlank() || n.isAbsolute() || n.startsWith("..") || n.toString().equals("main.py")) {
        return Future.failedFuture(AssayException.invalid(
            "extra file name must be relative, inside the work dir and not main.py: " + name));
      }
    }
    Context current = Vertx.currentContext();
    Context ctx = current != null ? current : fallbackContext;
    Promise<SandboxResult> p = Promise.promise();
    if (!queue.offer(new Job(spec, p, ctx))) {
      return Future.failedFuture(new AssayException(ErrorKind.SANDBOX_INFRA,
          "sandbox queue full"));
    }
    return p.future();
  }

  @Override
  public String describe() {
    return "process/" + setup.isolation().describe()
        + (setup.options().warm() ? " (warm, pool " + slots.size() + ")" : " (fresh per run)");
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

  int poolSize() {
    return slots.size();
  }

  @Override
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      shutdown();
      return null;
    });
  }

  private void shutdown() {
    List<Job> pending = new ArrayList<>();
    queue.drainTo(pending);
    pending.forEach(j -> j.fail(new AssayException(ErrorKind.SANDBOX_INFRA, "sandbox closed")));
    slots.forEach(RunnerSlot::stop);
    for (RunnerSlot s : slots) {
      try {
        s.thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    cgroups.destroy();
    try (Stream<Path> files = Files.walk(setup.tempDir())) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // leftovers in the temp dir are harmless
    }
  }
}
