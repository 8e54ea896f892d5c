package dev.assay.sandbox.process;

import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import dev.assay.sandbox.isolation.CgroupSlot;
import dev.assay.sandbox.isolation.IsolatedCommand;
import dev.assay.sandbox.isolation.Isolation;
import dev.assay.sandbox.outcome.PyProtocol;
import dev.assay.sandbox.pool.WarmPool;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One runner process (pyrunner.py inside the isolation, in its slot's cgroups), spoken to with
 * length-prefixed JSON frames over its stdin/stdout. {@link #start} and {@link #execute} block
 * and are guarded by a watchdog that kills the runner if it does not answer in time; one run at
 * a time, on a worker thread. {@link #kill()} is safe from any thread.
 */
final class PyRunner implements WarmPool.Member {
  static final String INNER_SCRIPT = "/runner/pyrunner.py";
  static final long READY_MS = 20_000;
  private static final long MEMORY_SLACK = 16L << 20;
  private static final int MAX_FRAME = 64 * 1024 * 1024;
  private static final AtomicLong IDS = new AtomicLong();
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "assay-runner-watchdog");
        t.setDaemon(true);
        return t;
      });

  private final int slot;
  private final ProcessSandbox.Setup setup;
  private final CgroupSlot cgroup;
  private final Process process;
  private final DataInputStream in;
  private final OutputStream out;
  private final long idleUsage;
  /** Counters as of the end of the last run (they only move while something runs). */
  private CgroupSlot.Counters last;
  private int runs;
  private volatile boolean dirty;
  private volatile boolean killed;

  private PyRunner(int slot, ProcessSandbox.Setup setup, CgroupSlot cgroup, Process process) {
    this.slot = slot;
    this.setup = setup;
    this.cgroup = cgroup;
    this.process = process;
    this.in = new DataInputStream(process.getInputStream());
    this.out = process.getOutputStream();
    this.idleUsage = cgroup == null ? 0 : cgroup.usage();
    this.last = counters();
  }

  /** Starts a runner in {@code slot} and waits for its ready frame (at most {@link #READY_MS}). */
  static PyRunner start(ProcessSandbox.Setup setup, int slot, CgroupSlot cgroup, Path workDir)
      throws IOException {
    Path log = setup.tempDir().resolve("runner-" + slot + ".log");
    ProcessBuilder pb = new ProcessBuilder(command(setup, cgroup, workDir))
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().clear();
    pb.environment().putAll(IsolatedCommand.CHILD_ENV);
    Process p = pb.start();
    PyRunner r;
    try {
      JsonObject ready = guarded(p, READY_MS, () -> readFrame(new DataInputStream(p.getInputStream())));
      if (!ready.getBoolean("ready", false)) {
        throw new IOException("runner did not say ready: " + ready.encode());
      }
      r = new PyRunner(slot, setup, cgroup, p);
    } catch (IOException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IOException("runner failed to start (see " + log + "): " + e.getMessage(), e);
    }
    return r;
  }

  /** The runner's command line: the one isolation builder, the interpreter, runner flags. */
  static List<String> command(ProcessSandbox.Setup setup, CgroupSlot cgroup, Path workDir) {
    Isolation iso = setup.isolation();
    boolean bwrap = iso.kind().equals("bwrap");
    IsolatedCommand c = new IsolatedCommand(iso).cgroup(cgroup)
        .tmp((long) Math.max(64, setup.options().memoryMb()) << 20);
    String script = c.expose(setup.script(), INNER_SCRIPT);
    List<String> inner = new ArrayList<>(List.of(setup.options().pythonPath(), "-I", script));
    if (bwrap) {
      inner.addAll(List.of("--work", "/tmp", "--scratch", "/tmp", "--scratch", "/dev/shm",
          "--devcheck"));
    } else {
      inner.addAll(List.of("--work", workDir.toString(), "--scratch", workDir.toString()));
    }
    if (iso.kind().equals("unshare")) {
      inner.add("--drop-caps"); // unshare leaves the mapped root its capabilities
    }
    if (iso.namespaced()) {
      inner.add("--pidns");
    }
    if (!iso.memoryCgroup()) {
      inner.add("--rlimit-mem");
    }
    if (!setup.options().warm()) {
      inner.addAll(List.of("--oneshot", "--no-preload"));
    }
    return c.wrap(inner);
  }

  @Override
  public int slot() {
    return slot;
  }

  @Override
  public boolean reusable() {
    return setup.options().warm() && !dirty && process.isAlive()
        && runs < setup.options().recycleAfter();
  }

  /** The runner was gone before it got the request: the run never started, so it may go elsewhere. */
  static final class Gone extends RuntimeException {
    Gone(String message) {
      super("runner gone before the run: " + message, null, false, false);
    }
  }

  /**
   * Runs one spec; a candidate's failure is a result, a runner lost during the run a
   * sandbox_error.
   *
   * @throws Gone when the runner had died before the request reached it
   */
  SandboxResult execute(SandboxSpec spec) {
    long t0 = System.nanoTime();
    String iso = setup.isolation().describe();
    try {
      if (cgroup != null) {
        cgroup.limitMemory(idleUsage + MEMORY_SLACK + ((long) spec.memoryMb() << 20));
      }
    } catch (IOException e) {
      dirty = true;
      return SandboxResult.error("sandbox setup failed: " + e.getMessage() + "; " + iso, 0);
    }
    CgroupSlot.Counters before = last;
    JsonObject req = PyProtocol.request(spec, spec.timeoutMs(), spec.memoryMb(),
        spec.outputCapBytes(), Math.max(16, setup.options().memoryMb() / 2), cpus())
        .put("id", IDS.incrementAndGet());
    runs++;
    try {
      writeFrame(req); // a small frame: only fails when the runner is already gone
    } catch (IOException e) {
      dirty = true;
      throw new Gone(e.getMessage());
    }
    try {
      JsonObject reply = guarded(process, PyProtocol.waitMs(spec.timeoutMs()), () -> readFrame(in));
      dirty |= !reply.getBoolean("clean", false);
      last = counters();
      CgroupSlot.Counters d = last.minus(before);
      List<String> notes = new ArrayList<>();
      if (d.pidsMaxHits() > 0) {
        notes.add("process limit hit");
      }
      notes.add(iso);
      return PyProtocol.result(reply, d.oomKills() > 0 ? "memory limit: killed by cgroup OOM" : null,
          notes);
    } catch (IOException e) {
      dirty = true;
      long ms = (System.nanoTime() - t0) / 1_000_000;
      last = counters();
      if (last.minus(before).oomKills() > 0) {
        return new SandboxResult(SandboxStatus.MEMORY, -1, "", "", false, ms, -1, -1,
            "memory limit: runner killed by cgroup OOM; " + iso);
      }
      return SandboxResult.error("runner lost: " + e.getMessage() + "; " + iso, ms);
    }
  }

  /** CPU-seconds per second the runner's tree can get: its quota, else the cores. */
  private double cpus() {
    return cgroup != null && setup.isolation().cpuCgroup() ? setup.options().cpus()
        : Runtime.getRuntime().availableProcessors();
  }

  private CgroupSlot.Counters counters() {
    return cgroup == null ? CgroupSlot.Counters.ZERO : cgroup.counters();
  }

  /**
   * Kills the runner process at once; any thread. In a namespace that takes everything with it
   * (bwrap's --die-with-parent, unshare's --kill-child); unisolated, its descendants are
   * found by walking /proc.
   */
  void kill() {
    if (!killed) {
      killed = true;
      dirty = true;
      if (!setup.isolation().namespaced()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
      }
    }
    process.destroyForcibly();
  }

  /** Kills the runner and waits briefly for it to go; never throws. */
  void close() {
    try {
      out.close();
    } catch (IOException ignored) {
      // the runner may already be gone
    }
    kill();
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface Io<T> {
    T get() throws IOException;
  }

  private static <T> T guarded(Process p, long waitMs, Io<T> io) throws IOException {
    ScheduledFuture<?> dog = WATCHDOG.schedule(() -> {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }, waitMs, TimeUnit.MILLISECONDS);
    try {
      return io.get();
    } finally {
      dog.cancel(false);
    }
  }

  private void writeFrame(JsonObject o) throws IOException {
    byte[] body = o.encode().getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[4 + body.length];
    frame[0] = (byte) (body.length >>> 24);
    frame[1] = (byte) (body.length >>> 16);
    frame[2] = (byte) (body.length >>> 8);
    frame[3] = (byte) body.length;
    System.arraycopy(body, 0, frame, 4, body.length);
    out.write(frame);
    out.flush();
  }

  private static JsonObject readFrame(DataInputStream in) throws IOException {
    int n;
    try {
      n = in.readInt();
    } catch (EOFException e) {
      throw new IOException("runner exited", e);
    }
    if (n < 0 || n > MAX_FRAME) {
      throw new IOException("bad frame length " + n);
    }
    byte[] body = new byte[n];
    in.readFully(body);
    return new JsonObject(new String(body, StandardCharsets.UTF_8));
  }
}
