package dev.assay.sandbox.process;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One runner process (pyrunner.py inside the isolation), spoken to with length-prefixed JSON
 * frames over its stdin/stdout. Every call is blocking and guarded by a watchdog that kills the
 * runner if it does not answer in time; use it from one thread only.
 */
final class Runner implements AutoCloseable {
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "assay-runner-watchdog");
        t.setDaemon(true);
        return t;
      });
  private static final int MAX_FRAME = 64 * 1024 * 1024;

  private final Process process;
  private final DataInputStream in;
  private final OutputStream out;
  private int runs;

  private Runner(Process process) {
    this.process = process;
    this.in = new DataInputStream(process.getInputStream());
    this.out = process.getOutputStream();
  }

  /** Starts the runner and waits for its ready frame (at most {@code readyMs}). */
  static Runner start(List<String> command, Path log, long readyMs) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().clear();
    pb.environment().putAll(RunnerCommand.CHILD_ENV);
    Runner r = new Runner(pb.start());
    try {
      JsonObject ready = r.guarded(readyMs, r::readFrame);
      if (!ready.getBoolean("ready", false)) {
        throw new IOException("runner did not say ready: " + ready.encode());
      }
      return r;
    } catch (IOException e) {
      r.close();
      throw new IOException("runner failed to start (see " + log + "): " + e.getMessage(), e);
    }
  }

  /** Sends one request and waits for its reply at most {@code waitMs}. */
  JsonObject call(JsonObject request, long waitMs) throws IOException {
    runs++;
    return guarded(waitMs, () -> {
      writeFrame(request);
      return readFrame();
    });
  }

  int runs() {
    return runs;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Host pid of the process we started (the cgroup-joining shell, exec'ed into bwrap). */
  long pid() {
    return process.pid();
  }

  /** Kills the runner process at once; safe from any thread. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Kills the runner (and with it its PID namespace); never throws. */
  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException ignored) {
      // the runner may already be gone
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface Io<T> {
    T get() throws IOException;
  }

  private <T> T guarded(long waitMs, Io<T> io) throws IOException {
    ScheduledFuture<?> dog = WATCHDOG.schedule(process::destroyForcibly, waitMs,
        TimeUnit.MILLISECONDS);
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

  private JsonObject readFrame() throws IOException {
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
