package dev.assay.verify.code;

import dev.assay.sandbox.Language;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import dev.assay.sandbox.SandboxStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Test-only sandbox: runs {@code /usr/bin/python3} (or the single-file {@code java} launcher)
 * directly in a fresh temp dir with the spec's wall-clock backstop, at most two at a time. No isolation:
 * only for trusted or deliberately harmless programs.
 */
public final class LocalSandbox implements Sandbox {

  private final Vertx vertx;
  private final Semaphore slots = new Semaphore(2);

  public LocalSandbox(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<SandboxResult> run(SandboxSpec spec) {
    return vertx.executeBlocking(() -> runBlocking(spec), false);
  }

  SandboxResult runBlocking(SandboxSpec spec) throws Exception {
    slots.acquire();
    Path dir = Files.createTempDirectory("assay-local-sb");
    long t0 = System.nanoTime();
    try {
      String main = spec.language() == Language.JAVA ? "Main.java" : "main.py";
      Files.writeString(dir.resolve(main), spec.source());
      for (Map.Entry<String, String> f : spec.files().entrySet()) {
        Files.writeString(dir.resolve(f.getKey()), f.getValue());
      }
      List<String> cmd = spec.language() == Language.JAVA
          ? List.of("java", "-Xmx" + spec.memoryMb() + "m", "-Xss64m", main)
          : List.of("/usr/bin/python3", main);
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread to = pump(p.getInputStream(), out);
      Thread te = pump(p.getErrorStream(), err);
      try (OutputStream in = p.getOutputStream()) {
        in.write(spec.stdin().getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the program closed stdin early
      }
      // the Sandbox contract: timeoutMs is CPU time, stopped here only by the wall backstop
      boolean done = p.waitFor(spec.wallBackstopMs(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
      }
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      to.join(2000);
      te.join(2000);
      int cap = spec.outputCapBytes();
      boolean trunc = out.size() > cap || err.size() > cap;
      SandboxStatus st = !done ? SandboxStatus.TIMEOUT
          : p.exitValue() == 0 ? SandboxStatus.OK : SandboxStatus.RUNTIME_ERROR;
      if (spec.language() == Language.JAVA && st == SandboxStatus.RUNTIME_ERROR
          && err.toString(StandardCharsets.UTF_8).contains("error: compilation failed")) {
        st = SandboxStatus.COMPILE_ERROR;
      }
      return new SandboxResult(st, done ? p.exitValue() : -1, cut(out, cap), cut(err, cap), trunc,
          (System.nanoTime() - t0) / 1_000_000, -1, -1, done ? "" : "wall-time limit");
    } finally {
      slots.release();
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
      }
    }
  }

  private static String cut(ByteArrayOutputStream b, int cap) {
    String s = b.toString(StandardCharsets.UTF_8);
    return s.length() > cap ? s.substring(0, cap) : s;
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream to) {
    Thread t = new Thread(() -> {
      try {
        in.transferTo(to);
      } catch (IOException ignored) {
        // process killed
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public String describe() {
    return "local-test (no isolation)";
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
