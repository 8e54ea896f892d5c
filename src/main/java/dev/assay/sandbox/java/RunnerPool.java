package dev.assay.sandbox.java;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm Java runners: hands one to each run, takes it back if it is still clean and young,
 * otherwise closes it and (when warm) starts a replacement in the background. Blocking; called
 * from the sandbox's worker pool only.
 */
final class RunnerPool {
  private static final Logger LOG = LoggerFactory.getLogger(RunnerPool.class);
  /** Time a runner gets to start and warm up its compilers. */
  static final long START_TIMEOUT_MS = 60_000;
  /** Extra time the daemon allows over the run's own limit, for compiling and reporting. */
  static final long COMPILE_BUDGET_MS = 15_000;

  private final JavaSandboxOptions options;
  private final RunnerLauncher launcher;
  private final LinkedBlockingDeque<RunnerProcess> idle = new LinkedBlockingDeque<>();
  private final AtomicInteger starting = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong started = new AtomicLong();
  private final ScheduledExecutorService watchdog;
  private final ExecutorService spawner;
  private final Set<RunnerProcess> live = ConcurrentHashMap.newKeySet();
  private final Thread shutdownHook = new Thread(this::closeLive, "assay-java-shutdown");
  private volatile boolean closed;

  RunnerPool(JavaSandboxOptions options, RunnerLauncher launcher) {
    this.options = options;
    this.launcher = launcher;
    this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("assay-java-watchdog"));
    this.spawner = Executors.newSingleThreadExecutor(daemon("assay-java-spawner"));
    if (launcher.cgroups()) {
      CgroupV1.removeStale();
    }
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  void prestart() {
    if (options.warm()) {
      for (int i = 0; i < options.poolSize(); i++) {
        spawnInBackground();
      }
    }
  }

  /** Compiles and runs one program; throws {@link AssayException} only when no runner starts. */
  SandboxResult run(SandboxSpec spec) {
    long t0 = System.nanoTime();
    boolean dedicated = spec.memoryMb() != options.memoryMb();
    RunnerProcess r = dedicated ? startRunner(spec.memoryMb()) : acquire();
    Wire.Request req = new Wire.Request(ids.incrementAndGet(), spec.source(), spec.files(),
        spec.stdin(), spec.timeoutMs(), spec.outputCapBytes());
    try {
      Wire.Response resp = r.exec(req, spec.timeoutMs() + COMPILE_BUDGET_MS);
      return toResult(resp, r.peakKb());
    } catch (RunnerProcess.Died d) {
      long wall = (System.nanoTime() - t0) / 1_000_000;
      LOG.debug("java runner died: {}", d.getMessage());
      if (d.oomKilled) {
        return new SandboxResult(SandboxStatus.MEMORY, -1, "", "", false, wall, -1, r.peakKb(),
            "memory cgroup limit reached; runner killed");
      }
      if (d.timedOut) {
        return new SandboxResult(SandboxStatus.TIMEOUT, -1, "", "", false, wall, -1, -1,
            "runner did not answer within " + (spec.timeoutMs() + COMPILE_BUDGET_MS) + " ms");
      }
      return new SandboxResult(SandboxStatus.RUNTIME_ERROR, -1, "", "", false, wall, -1, -1,
          "the program brought its runner JVM down: " + d.getMessage());
    } finally {
      release(r, dedicated);
    }
  }

  private SandboxResult toResult(Wire.Response r, long peakKb) {
    String detail = r.compiler().isEmpty() ? r.detail()
        : r.compiler() + " " + r.compileMs() + " ms"
            + (r.detail().isEmpty() ? "" : "; " + r.detail());
    return new SandboxResult(SandboxStatus.parse(r.status()), r.exitCode(), r.stdout(), r.stderr(),
        r.truncated(), r.wallMs(), r.cpuMs(), peakKb, detail);
  }

  private RunnerProcess acquire() {
    while (!closed) {
      RunnerProcess r;
      try {
        r = idle.poll(starting.get() > 0 ? 50 : 0, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (r != null && r.reusable(options.recycleAfter())) {
        return r;
      }
      if (r != null) {
        r.close();
        live.remove(r);
        continue;
      }
      if (starting.get() == 0) {
        return startRunner(options.memoryMb());
      }
    }
    throw new AssayException(ErrorKind.SANDBOX_INFRA, "java sandbox is closed");
  }

  private void release(RunnerProcess r, boolean dedicated) {
    if (!dedicated && !closed && r.reusable(options.recycleAfter())) {
      idle.offer(r);
      return;
    }
    r.close();
    live.remove(r);
    if (!dedicated && options.warm() && !closed) {
      spawnInBackground();
    }
  }

  private RunnerProcess startRunner(int memoryMb) {
    try {
      RunnerProcess r =
          RunnerProcess.start(launcher, options.runId(), memoryMb, watchdog, START_TIMEOUT_MS);
      live.add(r);
      started.incrementAndGet();
      return r;
    } catch (IOException | RuntimeException e) {
      throw new AssayException(ErrorKind.SANDBOX_INFRA, "cannot start a java runner: "
          + e.getMessage(), e);
    }
  }

  private void spawnInBackground() {
    starting.incrementAndGet();
    try {
      spawner.execute(() -> {
        try {
          if (!closed) {
            RunnerProcess r = startRunner(options.memoryMb());
            idle.offer(r);
            if (closed) {
              closeIdle();
            }
          }
        } catch (RuntimeException e) {
          LOG.warn("java runner failed to start: {}", e.getMessage());
        } finally {
          starting.decrementAndGet();
        }
      });
    } catch (RuntimeException e) {
      starting.decrementAndGet();
    }
  }

  /** Runner JVMs started so far (warm-up, replacements, one-off runners). */
  long started() {
    return started.get();
  }

  /** Stops every runner; idempotent, never throws. */
  void close() {
    closed = true;
    spawner.shutdownNow();
    try {
      spawner.awaitTermination(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeIdle();
    closeLive();
    watchdog.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
  }

  private void closeLive() {
    for (RunnerProcess r : live) {
      r.close();
      live.remove(r);
    }
  }

  private void closeIdle() {
    RunnerProcess r;
    while ((r = idle.poll()) != null) {
      r.close();
      live.remove(r);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      return t;
    };
  }
}
