package dev.assay.verify.code;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shared helpers for the code-verification tests: peer data, batch runs, plain python. */
public final class Fixtures {

  static final Path HUMANEVAL = Path.of("../shared/peer/humaneval.jsonl");
  static final Path MBPP = Path.of("../shared/peer/mbpp.jsonl");

  private Fixtures() {}

  static List<CodeTask> load(Path file, String format) throws IOException {
    List<CodeTask> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(CodeTask.fromJson(new JsonObject(line), format));
      }
    }
    return out;
  }

  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }

  /** Verifies candidates.get(i) against tasks.get(i), all submitted at once (sandbox caps 2). */
  static List<CodeVerdict> verifyAll(CodeVerifier v, List<CodeTask> tasks, List<String> cands)
      throws Exception {
    List<Future<CodeVerdict>> fs = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      fs.add(v.verify(tasks.get(i), cands.get(i)));
    }
    await(Future.all(fs));
    return fs.stream().map(Future::result).toList();
  }

  /** Exit code of {@code python3 -c program} in a fresh temp dir, or -1 on timeout. */
  static int plainPython(String program, long timeoutMs) throws Exception {
    Path dir = Files.createTempDirectory("assay-plain");
    Path f = dir.resolve("prog.py");
    Files.writeString(f, program);
    Process p = new ProcessBuilder("/usr/bin/python3", f.toString()).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream().close();
    boolean done = p.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    }
    return done ? p.exitValue() : -1;
  }
}
