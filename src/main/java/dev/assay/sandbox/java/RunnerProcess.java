package dev.assay.sandbox.java;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import dev.assay.sandbox.isolation.CgroupSlot;
import dev.assay.sandbox.outcome.Verdicts;
import dev.assay.sandbox.pool.WarmPool;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One runner JVM as seen from the daemon: a child process inside the isolation and its slot's
 * cgroups, spoken to over its pipes ({@link Wire}); its stderr goes to a log file. Blocking
 * waits are guarded by a watchdog that kills the runner at the deadline; one run at a time, on a
 * worker thread. {@link #kill()} is safe from any thread.
 */
final class RunnerProcess implements WarmPool.Member {
  /** Time a runner gets to start and warm up its compilers. */
  static final long START_TIMEOUT_MS = 60_000;
  /** Extra time the daemon allows over the run's wall backstop, for compiling and reporting. */
  static final long COMPILE_BUDGET_MS = 15_000;
  private static final AtomicLong SEQ = new AtomicLong();
  private static final int STDERR_TAIL = 4096;
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "assay-java-watchdog");
        t.setDaemon(true);
        return t;
      });

  private final int slot;
  private final JavaSettings settings;
  private final Process process;
  private final CgroupSlot cgroup;
  private final Path hostBox;
  private final Path log;
  private final DataOutputStream in;
  private final DataInputStream out;
  private final int memoryMb;
  private final CgroupSlot.Counters atStart;
  private volatile int runs;
  private volatile boolean dead;
  private volatile boolean deadlineHit;
  private volatile boolean killed;

  private RunnerProcess(int slot, JavaSettings settings, Process p, CgroupSlot cgroup,
      Path hostBox, Path log, int memoryMb) {
    this.slot = slot;
    this.settings = settings;
    this.process = p;
    this.cgroup = cgroup;
    this.hostBox = hostBox;
    this.log = log;
    this.memoryMb = memoryMb;
    this.atStart = cgroup == null ? CgroupSlot.Counters.ZERO : cgroup.counters();
    this.in = new DataOutputStream(new BufferedOutputStream(p.getOutputStream()));
    this.out = new DataInputStream(new BufferedInputStream(p.getInputStream()));
  }

  /** Starts a runner in {@code cgroup} (may be null) and waits until it has warmed up. */
  static RunnerProcess start(RunnerLauncher launcher, JavaSettings settings, int slot,
      int memoryMb, CgroupSlot cgroup) throws IOException {
    Path hostBox = Files.createTempDirectory("assay-java-box-");
    Path log = launcher.tempDir().resolve("runner-" + slot + "-" + SEQ.incrementAndGet() + ".log");
    RunnerProcess r = null;
    try {
      if (cgroup != null) {
        cgroup.limitMemory(launcher.memoryLimitBytes(memoryMb));
        cgroup.resetPeak();
      }
      ProcessBuilder pb = new ProcessBuilder(launcher.command(memoryMb, cgroup, hostBox))
          .directory(hostBox.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().clear();
      r = new RunnerProcess(slot, settings, pb.start(), cgroup, hostBox, log, memoryMb);
      r.awaitReady();
      return r;
    } catch (IOException | RuntimeException e) {
      if (r != null) {
        r.close();
      }
      deleteTree(hostBox);
      throw e;
    }
  }

  private void awaitReady() throws IOException {
    ScheduledFuture<?> dog = WATCHDOG.schedule(this::kill, START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    try {
      int magic = out.readInt();
      if (magic != Wire.READY) {
        throw new IOException("runner spoke garbage: " + Integer.toHexString(magic));
      }
    } catch (IOException e) {
      kill();
      waitExit();
      throw new IOException("java runner did not start: " + stderrTail(), e);
    } finally {
      dog.cancel(false);
    }
  }

  @Override
  public int slot() {
    return slot;
  }

  @Override
  public boolean reusable() {
    return settings.options().warm() && !dead && runs < settings.options().recycleAfter()
        && process.isAlive();
  }

  int memoryMb() {
    return memoryMb;
  }

  CgroupSlot cgroup() {
    return cgroup;
  }

  /** The runner was gone before it got the request: the run never started, so it may go elsewhere. */
  static final class Gone extends RuntimeException {
    Gone(String message) {
      super("java runner gone before the run: " + message, null, false, false);
    }
  }

  /**
   * Compiles and runs one program; a candidate's failure is a result, never an exception.
   *
   * @throws Gone when the runner had died before the request reached it
   */
  SandboxResult run(SandboxSpec spec, long id) {
    long t0 = System.nanoTime();
    long wall = spec.wallBackstopMs();
    Wire.Request req = new Wire.Request(id, spec.source(), spec.files(), spec.stdin(),
        spec.timeoutMs(), wall, settings.options().cpus(), spec.outputCapBytes());
    runs++;
    deadlineHit = false;
    ScheduledFuture<?> dog = WATCHDOG.schedule(() -> {
      deadlineHit = true;
      kill();
    }, wall * SandboxSpec.STARVED_FACTOR + COMPILE_BUDGET_MS, TimeUnit.MILLISECONDS);
    try {
      Wire.write(in, req);
    } catch (IOException e) {
      dog.cancel(false);
      dead = true;
      throw new Gone(e.getMessage());
    }
    try {
      Wire.Response resp = Wire.readResponse(out);
      dead |= resp.dirty();
      return toResult(resp, spec);
    } catch (IOException e) {
      dead = true;
      kill();
      waitExit();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return died(ms, wall);
    } finally {
      dog.cancel(false);
    }
  }

  private SandboxResult toResult(Wire.Response r, SandboxSpec spec) {
    int f = r.flags();
    if ((f & Wire.STARVED) != 0 && (f & (Wire.MEMORY | Wire.OUTPUT_LIMIT)) == 0) {
      return SandboxResult.starved("the program", r.wallMs());
    }
    Verdicts.Evidence e = new Verdicts.Evidence((f & Wire.RUNNER_ERROR) != 0,
        (f & Wire.OUTPUT_LIMIT) != 0, (f & Wire.MEMORY) != 0, (f & Wire.CPU_LIMIT) != 0,
        (f & Wire.WALL_LIMIT) != 0, (f & Wire.COMPILE_ERROR) != 0, r.exitCode(), 0);
    String detail = r.compiler().isEmpty() ? r.detail()
        : r.compiler() + " " + r.compileMs() + " ms" + (r.detail().isEmpty() ? "" : "; " + r.detail());
    return new SandboxResult(Verdicts.status(e), r.exitCode(), r.stdout(), r.stderr(),
        r.truncated(), r.wallMs(), r.cpuMs(), peakKb(), detail);
  }

  /** The runner stopped answering mid-run: the cgroup OOM killer, the watchdog, or the program. */
  private SandboxResult died(long ms, long wall) {
    boolean oom = cgroup != null && cgroup.counters().minus(atStart).oomKills() > 0;
    String why = " (exit " + (process.isAlive() ? "?" : process.exitValue()) + "): " + stderrTail();
    if (oom) {
      return new SandboxResult(SandboxStatus.MEMORY, -1, "", "", false, ms, -1, peakKb(),
          "memory cgroup limit reached; runner killed");
    }
    if (deadlineHit) {
      return new SandboxResult(SandboxStatus.TIMEOUT, -1, "", "", false, ms, -1, -1,
          "runner did not answer within " + (wall + COMPILE_BUDGET_MS) + " ms");
    }
    return new SandboxResult(SandboxStatus.RUNTIME_ERROR, -1, "", "", false, ms, -1, -1,
        "the program brought its runner JVM down" + why);
  }

  private long peakKb() {
    return cgroup == null ? -1 : cgroup.peakKb();
  }

  /** Kills the runner and everything it started, at once; any thread. */
  void kill() {
    if (!killed) {
      killed = true;
      dead = true;
      if (!settings.isolation().namespaced()) { // bwrap --die-with-parent takes the rest
        process.descendants().forEach(ProcessHandle::destroyForcibly);
      }
    }
    process.destroyForcibly();
  }

  private void waitExit() {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the runner and removes its work dir and log; idempotent, never throws. */
  void close() {
    try {
      in.close();
    } catch (IOException e) {
      // already gone
    }
    kill();
    waitExit();
    deleteTree(hostBox);
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // removed with the sandbox's temp dir
    }
  }

  /** The end of the runner's stderr log, without the JDK's SecurityManager warnings. */
  String stderrTail() {
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.max(0, f.length() - STDERR_TAIL);
      byte[] b = new byte[(int) (f.length() - from)];
      f.seek(from);
      f.readFully(b);
      return new String(b, StandardCharsets.UTF_8)
          .replaceAll("(?m)^WARNING: .*(SecurityManager|terminally deprecated|maintainers of).*$", "")
          .strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // best effort
    }
  }
}
