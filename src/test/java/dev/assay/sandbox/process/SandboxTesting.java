package dev.assay.sandbox.process;

import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Shared helpers of the process-sandbox tests. */
final class SandboxTesting {
  private SandboxTesting() {}

  static SandboxOptions options(int pool, boolean warm) {
    return new SandboxOptions("process", "auto", warm, pool, 64, 1000, 2_000, 128, 4096, 32, 1.0,
        null, null, null);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future failed: " + e, e);
    }
  }

  static SandboxSpec py(String source) {
    return new SandboxSpec(dev.assay.sandbox.Language.PYTHON, source, null, "", 2_000, 128, 4096);
  }

  static SandboxResult run(ProcessSandbox sb, String source) {
    return await(sb.run(py(source)));
  }

  /** Processes in the sandbox's cgroups beyond its idle runners, polled briefly. */
  static List<Long> strays(ProcessSandbox sb, int idle) {
    List<Long> p = sb.processes();
    for (int i = 0; i < 100 && p.size() > idle; i++) {
      sleep(20);
      p = sb.processes();
    }
    return p.size() > idle ? p : List.of();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
