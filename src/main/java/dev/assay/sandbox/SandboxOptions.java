package dev.assay.sandbox;

import dev.assay.AssayException;
import java.util.Locale;
import java.util.UUID;

/**
 * How the sandbox is built. The lead's config loader maps the YAML {@code sandbox:} section onto
 * this record; {@link #defaults()} names every default.
 *
 * @param backend {@code process} (embedded default), {@code docker} or {@code java}
 * @param isolation {@code auto} (bwrap, else unshare), {@code bwrap}, {@code unshare}, or
 *     {@code none} (runs code unisolated; only when explicitly configured)
 * @param warm keep a pool of warm runners (true) or start a fresh isolated process per run
 * @param poolSize number of runners (= runs in parallel)
 * @param maxQueue runs waiting for a free runner beyond which {@code run} fails fast
 * @param recycleAfter a runner is replaced after this many runs
 * @param timeoutMs default wall-time limit of a run (specs carry their own)
 * @param memoryMb default memory limit of a run; also sizes the sandbox tmpfs
 * @param outputCapBytes default cap on stdout and stderr of a run
 * @param pidsLimit processes/threads one runner and its runs may have at once
 * @param cpus CPU share of one runner (cgroup CFS quota), e.g. 1.0 = one core
 * @param pythonPath interpreter used inside the sandbox
 * @param dockerImage image of the docker backend
 * @param runId names this daemon's cgroups ({@code assay-<runId>}) so they can be cleaned up
 */
public record SandboxOptions(
    String backend,
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
    String pythonPath,
    String dockerImage,
    String runId) {

  public static final String DEFAULT_BACKEND = "process";
  public static final String DEFAULT_ISOLATION = "auto";
  public static final boolean DEFAULT_WARM = true;
  public static final int DEFAULT_POOL_SIZE = 2;
  public static final int DEFAULT_MAX_QUEUE = 1024;
  public static final int DEFAULT_RECYCLE_AFTER = 1000;
  public static final int DEFAULT_PIDS_LIMIT = 64;
  public static final double DEFAULT_CPUS = 1.0;
  public static final String DEFAULT_PYTHON = "/usr/bin/python3";
  public static final String DEFAULT_DOCKER_IMAGE = "assay-sandbox:1";

  public SandboxOptions {
    backend = lower(backend, DEFAULT_BACKEND);
    isolation = lower(isolation, DEFAULT_ISOLATION);
    pythonPath = pythonPath == null || pythonPath.isBlank() ? DEFAULT_PYTHON : pythonPath;
    dockerImage = dockerImage == null || dockerImage.isBlank() ? DEFAULT_DOCKER_IMAGE : dockerImage;
    runId = runId == null || runId.isBlank() ? newRunId() : runId;
  }

  /** Every field at its default; a fresh random {@code runId}. */
  public static SandboxOptions defaults() {
    return new SandboxOptions(
        DEFAULT_BACKEND, DEFAULT_ISOLATION, DEFAULT_WARM, DEFAULT_POOL_SIZE, DEFAULT_MAX_QUEUE,
        DEFAULT_RECYCLE_AFTER, SandboxSpec.DEFAULT_TIMEOUT_MS, SandboxSpec.DEFAULT_MEMORY_MB,
        SandboxSpec.DEFAULT_OUTPUT_CAP_BYTES, DEFAULT_PIDS_LIMIT, DEFAULT_CPUS, DEFAULT_PYTHON,
        DEFAULT_DOCKER_IMAGE, newRunId());
  }

  /** Throws {@link AssayException} (CONFIG) naming the first invalid field. */
  public SandboxOptions validate() {
    require(switch (backend) { case "process", "docker", "java" -> true; default -> false; },
        "sandbox.backend must be process, docker or java, not " + backend);
    require(switch (isolation) { case "auto", "bwrap", "unshare", "none" -> true; default -> false; },
        "sandbox.isolation must be auto, bwrap, unshare or none, not " + isolation);
    require(poolSize >= 1, "sandbox.poolSize must be >= 1");
    require(maxQueue >= 0, "sandbox.maxQueue must be >= 0");
    require(recycleAfter >= 1, "sandbox.recycleAfter must be >= 1");
    require(timeoutMs >= 1, "sandbox.timeoutMs must be >= 1");
    require(memoryMb >= 16, "sandbox.memoryMb must be >= 16");
    require(outputCapBytes >= 1, "sandbox.outputCapBytes must be >= 1");
    require(pidsLimit >= 4, "sandbox.pidsLimit must be >= 4");
    require(cpus > 0, "sandbox.cpus must be > 0");
    require(runId.matches("[A-Za-z0-9_-]{1,40}"), "sandbox.runId must match [A-Za-z0-9_-]{1,40}");
    return this;
  }

  /** A spec for {@code source} with this configuration's default limits. */
  public SandboxSpec python(String source) {
    return new SandboxSpec(Language.PYTHON, source, null, "", timeoutMs, memoryMb, outputCapBytes);
  }

  public SandboxOptions withWarm(boolean w) {
    return new SandboxOptions(backend, isolation, w, poolSize, maxQueue, recycleAfter, timeoutMs,
        memoryMb, outputCapBytes, pidsLimit, cpus, pythonPath, dockerImage, runId);
  }

  public SandboxOptions withPool(int size, int queue, int recycle) {
    return new SandboxOptions(backend, isolation, warm, size, queue, recycle, timeoutMs,
        memoryMb, outputCapBytes, pidsLimit, cpus, pythonPath, dockerImage, runId);
  }

  public SandboxOptions withBackend(String b, String iso) {
    return new SandboxOptions(b, iso, warm, poolSize, maxQueue, recycleAfter, timeoutMs,
        memoryMb, outputCapBytes, pidsLimit, cpus, pythonPath, dockerImage, runId);
  }

  public SandboxOptions withLimits(long timeout, int memory) {
    return new SandboxOptions(backend, isolation, warm, poolSize, maxQueue, recycleAfter, timeout,
        memory, outputCapBytes, pidsLimit, cpus, pythonPath, dockerImage, runId);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw AssayException.config(message);
    }
  }

  private static String lower(String s, String dflt) {
    return s == null || s.isBlank() ? dflt : s.trim().toLowerCase(Locale.ROOT);
  }

  private static String newRunId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
