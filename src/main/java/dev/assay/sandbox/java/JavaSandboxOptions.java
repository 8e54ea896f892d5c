package dev.assay.sandbox.java;

import java.util.List;

/**
 * Settings of the Java sandbox backend. Field names follow {@code dev.assay.sandbox.SandboxOptions}
 * of the process backend so the two map one to one.
 *
 * @param isolation {@code bwrap} (namespaces + read-only view + cgroups v1 when writable) or
 *     {@code none} (plain child JVM, for machines without bubblewrap; the in-JVM guard still
 *     applies); default bwrap
 * @param warm keep runners started ahead of demand; default true
 * @param poolSize runners (and concurrent runs); default 2
 * @param maxQueue runs allowed to wait for a runner beyond poolSize; more fail fast; default 256
 * @param recycleAfter runs after which a clean runner is replaced anyway; default 200
 * @param timeoutMs default wall limit of a run (the spec's own limit wins); default 5000
 * @param memoryMb heap of a runner and so the candidate's memory limit; a spec asking another
 *     size gets a one-off runner; default 256
 * @param outputCapBytes default cap on each of stdout/stderr; default 65536
 * @param pidsLimit threads a candidate may add on top of the JVM's own; default 64
 * @param cpus CPU quota of a runner (cgroup cpu.cfs_quota_us), 0 for none; default 1.0
 * @param runId labels cgroups and worker threads so leftovers can be found; default "assay"
 * @param javaPath the java launcher for runners; default the daemon's own java.home
 * @param runnerClasspath the runner classpath; empty means the jars holding this class and Janino
 * @param warmJavac also warm javac when a runner starts (costs ~1 s CPU per runner start, saves
 *     it on the first fallback compile); default true
 */
public record JavaSandboxOptions(
    String isolation,
    boolean warm,
    int poolSize,
    int maxQueue,
    int recycleAfter,
    long timeoutMs,
    int memoryMb,
    int outputCapBytes,
    int pidsLimit,
    double cpus,
    String runId,
    String javaPath,
    List<String> runnerClasspath,
    boolean warmJavac) {

  public static final String DEFAULT_ISOLATION = "bwrap";
  public static final int DEFAULT_POOL_SIZE = 2;
  public static final int DEFAULT_MAX_QUEUE = 256;
  public static final int DEFAULT_RECYCLE_AFTER = 200;
  public static final long DEFAULT_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_MEMORY_MB = 256;
  public static final int DEFAULT_OUTPUT_CAP_BYTES = 64 * 1024;
  public static final int DEFAULT_PIDS_LIMIT = 64;
  public static final double DEFAULT_CPUS = 1.0;

  public JavaSandboxOptions {
    isolation = isolation == null || isolation.isBlank() ? DEFAULT_ISOLATION : isolation;
    if (!isolation.equals("bwrap") && !isolation.equals("none")) {
      throw new IllegalArgumentException("isolation must be bwrap or none: " + isolation);
    }
    if (poolSize < 1 || recycleAfter < 1 || memoryMb < 16 || timeoutMs < 1) {
      throw new IllegalArgumentException("poolSize, recycleAfter, timeoutMs >= 1, memoryMb >= 16");
    }
    runId = runId == null || runId.isBlank() ? "assay" : runId.replaceAll("[^A-Za-z0-9_.-]", "_");
    javaPath = javaPath == null || javaPath.isBlank()
        ? System.getProperty("java.home") + "/bin/java" : javaPath;
    runnerClasspath = runnerClasspath == null ? List.of() : List.copyOf(runnerClasspath);
  }

  /**
   * Maps the shared sandbox section: isolation {@code auto} means bwrap (the java backend has
   * no unshare mode); {@code none} runs runners as plain child JVMs.
   *
   * @throws dev.assay.AssayException CONFIG when bwrap is asked for (or auto) and absent
   */
  public static JavaSandboxOptions from(dev.assay.sandbox.SandboxOptions o) {
    String iso = switch (o.isolation()) {
      case "none" -> "none";
      case "auto", "bwrap" -> "bwrap";
      default -> throw dev.assay.AssayException.config(
          "the java sandbox supports isolation auto, bwrap or none, not " + o.isolation());
    };
    if (iso.equals("bwrap") && !java.nio.file.Files.isExecutable(java.nio.file.Path.of(
        "/usr/bin/bwrap"))) {
      throw dev.assay.AssayException.config("the java sandbox needs /usr/bin/bwrap"
          + " (or isolation: none to run unisolated)");
    }
    return new JavaSandboxOptions(iso, o.warm(), o.poolSize(), o.maxQueue(), o.recycleAfter(),
        o.timeoutMs(), o.memoryMb(), o.outputCapBytes(), o.pidsLimit(), o.cpus(), o.runId(),
        null, List.of(), true);
  }

  public static JavaSandboxOptions defaults() {
    return new JavaSandboxOptions(DEFAULT_ISOLATION, true, DEFAULT_POOL_SIZE, DEFAULT_MAX_QUEUE,
        DEFAULT_RECYCLE_AFTER, DEFAULT_TIMEOUT_MS, DEFAULT_MEMORY_MB, DEFAULT_OUTPUT_CAP_BYTES,
        DEFAULT_PIDS_LIMIT, DEFAULT_CPUS, "assay", null, List.of(), true);
  }

  public JavaSandboxOptions withIsolation(String v) {
    return new JavaSandboxOptions(v, warm, poolSize, maxQueue, recycleAfter, timeoutMs, memoryMb,
        outputCapBytes, pidsLimit, cpus, runId, javaPath, runnerClasspath, warmJavac);
  }

  public JavaSandboxOptions withPool(int size, boolean warmRunners) {
    return new JavaSandboxOptions(isolation, warmRunners, size, maxQueue, recycleAfter, timeoutMs,
        memoryMb, outputCapBytes, pidsLimit, cpus, runId, javaPath, runnerClasspath, warmJavac);
  }

  public JavaSandboxOptions withRecycleAfter(int runs) {
    return new JavaSandboxOptions(isolation, warm, poolSize, maxQueue, runs, timeoutMs, memoryMb,
        outputCapBytes, pidsLimit, cpus, runId, javaPath, runnerClasspath, warmJavac);
  }

  public JavaSandboxOptions withMemoryMb(int mb) {
    return new JavaSandboxOptions(isolation, warm, poolSize, maxQueue, recycleAfter, timeoutMs, mb,
        outputCapBytes, pidsLimit, cpus, runId, javaPath, runnerClasspath, warmJavac);
  }

  public JavaSandboxOptions withRunId(String id) {
    return new JavaSandboxOptions(isolation, warm, poolSize, maxQueue, recycleAfter, timeoutMs,
        memoryMb, outputCapBytes, pidsLimit, cpus, id, javaPath, runnerClasspath, warmJavac);
  }

  public JavaSandboxOptions withWarmJavac(boolean v) {
    return new JavaSandboxOptions(isolation, warm, poolSize, maxQueue, recycleAfter, timeoutMs,
        memoryMb, outputCapBytes, pidsLimit, cpus, runId, javaPath, runnerClasspath, v);
  }
}
