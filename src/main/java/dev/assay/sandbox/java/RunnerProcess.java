package dev.assay.sandbox.java;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One warm runner JVM as seen from the daemon: a child process inside the isolation, spoken to
 * over its pipes. Every blocking wait has a watchdog that kills the runner at the deadline.
 */
final class RunnerProcess {
  private static final AtomicLong SEQ = new AtomicLong();
  private static final int STDERR_TAIL = 4096;

  private final String name;
  private final Process process;
  private final CgroupV1 cgroup;
  private final Path hostBox;
  private final DataOutputStream in;
  private final DataInputStream out;
  private final ScheduledExecutorService watchdog;
  private final StringBuilder stderrTail = new StringBuilder();
  private final AtomicBoolean killed = new AtomicBoolean();
  private final int memoryMb;
  private int runs;
  private boolean dead;

  private RunnerProcess(String name, Process p, CgroupV1 cgroup, Path hostBox, int memoryMb,
      ScheduledExecutorService watchdog) {
    this.name = name;
    this.process = p;
    this.cgroup = cgroup;
    this.hostBox = hostBox;
    this.memoryMb = memoryMb;
    this.watchdog = watchdog;
    this.in = new DataOutputStream(new BufferedOutputStream(p.getOutputStream()));
    this.out = new DataInputStream(new BufferedInputStream(p.getInputStream()));
    Thread drain = new Thread(() -> drain(p.getErrorStream()), name + "-stderr");
    drain.setDaemon(true);
    drain.start();
  }

  /** Starts a runner and waits until it has warmed up. */
  static RunnerProcess start(RunnerLauncher launcher, String runId, int memoryMb,
      ScheduledExecutorService watchdog, long startTimeoutMs) throws IOException {
    String name = runId + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    Path hostBox = Files.createTempDirectory("assay-java-box-");
    CgroupV1 cgroup = null;
    try {
      var cmd = launcher.command(memoryMb, hostBox);
      if (launcher.cgroups()) {
        cgroup = CgroupV1.create(name, launcher.memoryLimitBytes(memoryMb), launcher.pidsMax(),
            launcher.cpus());
        cmd = cgroup.wrap(cmd);
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(hostBox.toFile());
      pb.environment().clear();
      RunnerProcess r = new RunnerProcess(name, pb.start(), cgroup, hostBox, memoryMb, watchdog);
      r.awaitReady(startTimeoutMs);
      return r;
    } catch (IOException | RuntimeException e) {
      if (cgroup != null) {
        cgroup.remove();
      }
      deleteTree(hostBox);
      throw e;
    }
  }

  private void awaitReady(long timeoutMs) throws IOException {
    ScheduledFuture<?> dog = watchdog.schedule(this::kill, timeoutMs, TimeUnit.MILLISECONDS);
    try {
      int magic = out.readInt();
      if (magic != Wire.READY) {
        throw new IOException("runner spoke garbage: " + Integer.toHexString(magic));
      }
    } catch (IOException e) {
      close();
      throw new IOException("java runner did not start (" + (killed.get() ? "timed out" : "died")
          + "): " + stderrTail(), e);
    } finally {
      dog.cancel(false);
    }
  }

  /** Why a runner stopped answering in the middle of a run. */
  static final class Died extends Exception {
    final boolean timedOut;
    final boolean oomKilled;

    Died(String message, boolean timedOut, boolean oomKilled) {
      super(message, null, false, false);
      this.timedOut = timedOut;
      this.oomKilled = oomKilled;
    }
  }

  /** Sends one request and waits for its response until {@code deadlineMs} from now. */
  Wire.Response exec(Wire.Request req, long deadlineMs) throws Died {
    runs++;
    deadlineHit = false;
    ScheduledFuture<?> dog = watchdog.schedule(() -> {
      deadlineHit = true;
      kill();
    }, deadlineMs, TimeUnit.MILLISECONDS);
    try {
      Wire.write(in, req);
      Wire.Response resp = Wire.readResponse(out);
      if (resp.dirty()) {
        dead = true;
      }
      return resp;
    } catch (IOException e) {
      dead = true;
      kill();
      waitExit();
      boolean oom = cgroup != null && cgroup.oomKilled();
      throw new Died("java runner " + name + " stopped (" + exitDescription()
          + (cgroup == null ? "" : "; " + cgroup.summary()) + "): " + stderrTail(),
          deadlineHit && !oom, oom);
    } finally {
      dog.cancel(false);
    }
  }

  private volatile boolean deadlineHit;

  private void kill() {
    if (process.isAlive()) {
      killed.set(true);
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private void waitExit() {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String exitDescription() {
    return process.isAlive() ? "still running" : "exit " + process.exitValue();
  }

  boolean reusable(int recycleAfter) {
    return !dead && runs < recycleAfter && process.isAlive();
  }

  int memoryMb() {
    return memoryMb;
  }

  long peakKb() {
    return cgroup == null ? -1 : cgroup.peakKb();
  }

  /** Stops the runner and removes its cgroups and work dir; idempotent, never throws. */
  void close() {
    dead = true;
    try {
      in.close();
    } catch (IOException e) {
      // already gone
    }
    kill();
    waitExit();
    if (cgroup != null) {
      cgroup.remove();
    }
    deleteTree(hostBox);
  }

  private void drain(InputStream err) {
    byte[] buf = new byte[1024];
    try {
      int n;
      while ((n = err.read(buf)) > 0) {
        synchronized (stderrTail) {
          stderrTail.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          if (stderrTail.length() > STDERR_TAIL) {
            stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
          }
        }
      }
    } catch (IOException e) {
      // the runner is gone
    }
  }

  String stderrTail() {
    synchronized (stderrTail) {
      return stderrTail.toString()
          .replaceAll("(?m)^WARNING: .*(SecurityManager|terminally deprecated|maintainers of).*$",
              "")
          .strip();
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
