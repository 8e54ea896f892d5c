package dev.assay.sandbox.java;

import dev.assay.sandbox.SandboxOptions;

/** Shared by the java-backend tests. */
final class JavaTesting {
  private JavaTesting() {}

  /** Java options with {@code pool} warm runners and the java backend's defaults. */
  static SandboxOptions options(int pool) {
    return SandboxOptions.defaults().withBackend("java", "auto")
        .withPool(pool, SandboxOptions.DEFAULT_MAX_QUEUE, 0);
  }

  /** {@link #options} with a run id unique to this test run, prefixed by {@code name}. */
  static SandboxOptions options(int pool, String name) {
    return options(pool).withRunId(name + "-" + SandboxOptions.newRunId().substring(0, 6));
  }
}
