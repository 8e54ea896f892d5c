package dev.assay.sandbox.java;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A warm Java runner: started once inside the isolation (bwrap + cgroups), it reads requests
 * from stdin, compiles and runs each candidate in a fresh class loader, writes a response to
 * stdout, and exits after any run that may have left state behind (the daemon replaces it).
 *
 * <p>Usage: {@code java -Djava.security.manager=allow ... dev.assay.sandbox.java.JavaRunnerMain
 * BOX_DIR [warm-javac]}. BOX_DIR is the writable per-runner directory (the process cwd), emptied
 * before every run.
 */
public final class JavaRunnerMain {
  private JavaRunnerMain() {}

  public static void main(String[] args) throws Exception {
    Path box = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    PrintStream diag = System.err;
    System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
    System.setIn(InputStream.nullInputStream());
    CandidateCompiler compiler = new CandidateCompiler();
    compiler.warmUp(args.length > 1 && args[1].equals("warm-javac"));
    RunnerGuard guard = RunnerGuard.install();
    ThreadGroup runs = new ThreadGroup("runs");
    CandidateRun runner = new CandidateRun(guard, box, runs);
    Hygiene clean = Hygiene.capture();
    out.writeInt(Wire.READY);
    out.flush();
    try {
      loop(in, out, diag, compiler, runner, box, clean);
    } catch (Throwable t) {
      diag.println("java runner failed: " + t);
      t.printStackTrace(diag);
      diag.flush();
      Runtime.getRuntime().halt(3);
    }
  }

  private static void loop(DataInputStream in, DataOutputStream out, PrintStream diag,
      CandidateCompiler compiler, CandidateRun runner, Path box, Hygiene clean)
      throws IOException {
    while (true) {
      Wire.Request req;
      try {
        req = Wire.readRequest(in);
      } catch (EOFException e) {
        Runtime.getRuntime().halt(0);
        return;
      }
      Wire.Response resp;
      try {
        resp = serve(req, compiler, runner, box, clean);
      } catch (Throwable t) {
        t.printStackTrace(diag);
        resp = new Wire.Response(req.id(), Wire.RUNNER_ERROR, -1, "", "", false, 0, -1, 0, "",
            "runner failed: " + t + " at " + java.util.Arrays.toString(
                java.util.Arrays.copyOf(t.getStackTrace(), Math.min(4, t.getStackTrace().length))),
            true);
      }
      Wire.write(out, resp);
      if (resp.dirty()) {
        diag.flush();
        Runtime.getRuntime().halt(0);
      }
    }
  }

  private static Wire.Response serve(
      Wire.Request req, CandidateCompiler compiler, CandidateRun runner, Path box, Hygiene clean) {
    String prepareError = prepareBox(box, req.files());
    if (prepareError != null) {
      return new Wire.Response(req.id(), Wire.RUNNER_ERROR, -1, "", "", false, 0, -1, 0, "",
          prepareError, true);
    }
    long c0 = System.nanoTime();
    CandidateCompiler.Compiled compiled;
    try {
      compiled = compiler.compile(req.source());
    } catch (OutOfMemoryError e) {
      return new Wire.Response(req.id(), Wire.COMPILE_ERROR, -1, "", "", false, 0, -1,
          (System.nanoTime() - c0) / 1_000_000, "javac", "compiler ran out of memory", true);
    }
    long compileMs = (System.nanoTime() - c0) / 1_000_000;
    if (!compiled.ok()) {
      return new Wire.Response(req.id(), Wire.COMPILE_ERROR, -1, "", compiled.error(), false, 0, -1,
          compileMs, compiled.compiler(), compiled.error().strip(), clean.dirtyReason() != null);
    }
    CandidateRun.Outcome o = runner.execute(req, compiled);
    String dirty = o.dirtyReason() != null ? o.dirtyReason() : clean.dirtyReason();
    if (dirty == null) {
      dirty = prepareBox(box, Map.of());
    }
    String detail = o.detail();
    if (dirty != null) {
      detail = detail.isEmpty() ? "runner replaced: " + dirty
          : detail + "; runner replaced: " + dirty;
    }
    return new Wire.Response(req.id(), o.flags(), o.exitCode(), o.stdout(), o.stderr(),
        o.truncated(), o.wallMs(), o.cpuMs(), compileMs, compiled.compiler(), detail,
        dirty != null);
  }

  /** Empties the box and writes the run's files into it; null on success. */
  static String prepareBox(Path box, Map<String, String> files) {
    try (Stream<Path> walk = Files.walk(box)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(box)) {
          Files.delete(p);
        }
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path target = box.resolve(f.getKey()).normalize();
        if (!target.startsWith(box) || target.equals(box)) {
          return "file name outside the work dir: " + f.getKey();
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "could not prepare the work dir: " + e;
    }
  }
}
