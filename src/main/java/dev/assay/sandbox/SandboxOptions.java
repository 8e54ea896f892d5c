package dev.assay.sandbox;

import dev.assay.AssayException;
import java.util.Locale;
import java.util.UUID;

/**
 * How the sandbox is built, for every backend. The lead's config loader maps the YAML
 * {@code sandbox:} section onto this record; {@link #defaults()} and {@link Defaults} name every
 * default. The backends read their settings from here (the docker and java backends derive their
 * own views from it); nothing else holds a default.
 *
 * <p>{@code recycleAfter} and {@code pidsLimit} given as 0 mean the backend's default from
 * {@link Defaults}; their accessors return the resolved value, so changing the backend with
 * {@link #withBackend} changes those defaults with it.
 *
 * @param backend {@code process} (embedded default), {@code docker} or {@code java}
 * @param isolation {@code auto} (bwrap, else unshare; the java backend needs bwrap), {@code bwrap},
 *     {@code unshare}, or {@code none} (runs code unisolated; only when explicitly configured)
 * @param warm keep a pool of warm runners (true) or start a fresh isolated process per run
 * @param poolSize number of runners (= runs in parallel)
 * @param maxQueue runs waiting for a free runner beyond which {@code run} fails fast
 * @param recycleAfter a runner is replaced after this many runs; 0 = the backend's default
 * @param timeoutMs default CPU-time limit of a run (specs carry their own); the wall-clock
 *     backstop is {@link SandboxSpec#WALL_BACKSTOP_FACTOR} times it
 * @param memoryMb default memory limit of a run; also sizes the sandbox tmpfs
 * @param outputCapBytes default cap on stdout and stderr of a run
 * @param pidsLimit processes/threads a run may have at once; 0 = the backend's default
 * @param cpus CPU share of one runner (cgroup CFS quota), e.g. 1.0 = one core
 * @param pythonPath interpreter used inside the sandbox
 * @param dockerImage image of the docker backend
 * @param runId names this daemon's cgroups and containers so they can be cleaned up
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

  /**
   * The per-backend defaults, the one place they are set.
   *
   * <ul>
   *   <li>process: a Python fork-server is cheap to restart and checks itself clean after every
   *       run, so it is recycled only now and then (1000 runs); 64 processes per run.
   *   <li>java: a runner JVM keeps JIT code and metaspace of every candidate class it loaded;
   *       recycled every 200 runs; 64 threads per run on top of the JVM's own
   *       ({@code java.RunnerLauncher.JVM_THREADS}).
   *   <li>docker: a container start costs ~0.3 s; recycled every 500 runs; 128 processes per
   *       container, which also holds the runner and, for Java programs, a whole JVM.
   * </ul>
   */
  public enum Defaults {
    PROCESS(1000, 64),
    JAVA(200, 64),
    DOCKER(500, 128);

    public final int recycleAfter;
    public final int pidsLimit;

    Defaults(int recycleAfter, int pidsLimit) {
      this.recycleAfter = recycleAfter;
      this.pidsLimit = pidsLimit;
    }

    /** The defaults of {@code backend}; an unknown name gets the process backend's. */
    public static Defaults of(String backend) {
      return switch (backend) {
        case "java" -> JAVA;
        case "docker" -> DOCKER;
        default -> PROCESS;
      };
    }
  }

  public static final String DEFAULT_BACKEND = "process";
  public static final String DEFAULT_ISOLATION = "auto";
  public static final boolean DEFAULT_WARM = true;
  public static final int DEFAULT_POOL_SIZE = 2;
  public static final int DEFAULT_MAX_QUEUE = 1024;
  public static final double DEFAULT_CPUS = 1.0;
  public static final String DEFAULT_PYTHON = "/usr/bin/python3";
  /** The tag {@code sandbox/image/build.sh} builds (its VERSION file). */
  public static final String DEFAULT_DOCKER_IMAGE = "assay-sandbox:2";

  public SandboxOptions {
    backend = lower(backend, DEFAULT_BACKEND);
    isolation = lower(isolation, DEFAULT_ISOLATION);
    pythonPath = pythonPath == null || pythonPath.isBlank() ? DEFAULT_PYTHON : pythonPath;
    dockerImage = dockerImage == null || dockerImage.isBlank() ? DEFAULT_DOCKER_IMAGE : dockerImage;
    runId = runId == null || runId.isBlank() ? newRunId() : runId;
  }

  /** Every field at its default (the process backend's); a fresh random {@code runId}. */
  public static SandboxOptions defaults() {
    return new SandboxOptions(
        DEFAULT_BACKEND, DEFAULT_ISOLATION, DEFAULT_WARM, DEFAULT_POOL_SIZE, DEFAULT_MAX_QUEUE,
        0, SandboxSpec.DEFAULT_TIMEOUT_MS, SandboxSpec.DEFAULT_MEMORY_MB,
        SandboxSpec.DEFAULT_OUTPUT_CAP_BYTES, 0, DEFAULT_CPUS, DEFAULT_PYTHON,
        DEFAULT_DOCKER_IMAGE, newRunId());
  }

  /** Runs a runner serves before it is replaced; the backend's default when configured as 0. */
  @Override
  public int recycleAfter() {
    return recycleAfter > 0 ? recycleAfter : Defaults.of(backend).recycleAfter;
  }

  /** Processes/threads a run may have; the backend's default when configured as 0. */
  @Override
  public int pidsLimit() {
    return pidsLimit > 0 ? pidsLimit : Defaults.of(backend).pidsLimit;
  }

  /** Throws {@link AssayException} (CONFIG) naming the first invalid field. */
  public SandboxOptions validate() {
    require(switch (backend) { case "process", "docker", "java" -> true; default -> false; },
        "sandbox.backend must be process, docker or java, not " + backend);
    require(switch (isolation) { case "auto", "bwrap", "unshare", "none" -> true; default -> false; },
        "sandbox.isolation must be auto, bwrap, unshare or none, not " + isolation);
    require(poolSize >= 1, "sandbox.poolSize must be >= 1");
    require(maxQueue >= 0, "sandbox.maxQueue must be >= 0");
    require(recycleAfter >= 0, "sandbox.recycleAfter must be >= 1 (or 0 for the default)");
    require(timeoutMs >= 1, "sandbox.timeoutMs must be >= 1");
    require(memoryMb >= 16, "sandbox.memoryMb must be >= 16");
    require(outputCapBytes >= 1, "sandbox.outputCapBytes must be >= 1");
    require(pidsLimit == 0 || pidsLimit >= 4, "sandbox.pidsLimit must be >= 4 (or 0 for the default)");
    require(cpus > 0, "sandbox.cpus must be > 0");
    require(runId.matches("[A-Za-z0-9_-]{1,40}"), "sandbox.runId must match [A-Za-z0-9_-]{1,40}");
    return this;
  }

  /** A spec for {@code source} with this configuration's default limits. */
  public SandboxSpec python(String source) {
    return new SandboxSpec(Language.PYTHON, source, null, "", timeoutMs, memoryMb, outputCapBytes);
  }

  /** A Java spec for {@code source} with this configuration's default limits. */
  public SandboxSpec java(String source, String stdin) {
    return new SandboxSpec(Language.JAVA, source, null, stdin, timeoutMs, memoryMb, outputCapBytes);
  }

  public SandboxOptions withWarm(boolean w) {
    return new SandboxOptions(backend, isolation, w, poolSize, maxQueue, recycleAfter, timeoutMs,
        memoryMb, outputCapBytes, pidsLimit, cpus, pythonPath, dockerImage, runId);
  }

  /** Pool size, queue bound and recycling ({@code recycle} 0 = the backend's default). */
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

  public SandboxOptions withRunId(String id) {
    return new SandboxOptions(backend, isolation, warm, poolSize, maxQueue, recycleAfter,
        timeoutMs, memoryMb, outputCapBytes, pidsLimit, cpus, pythonPath, dockerImage, id);
  }

  public SandboxOptions withDockerImage(String image) {
    return new SandboxOptions(backend, isolation, warm, poolSize, maxQueue, recycleAfter,
        timeoutMs, memoryMb, outputCapBytes, pidsLimit, cpus, pythonPath, image, runId);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw AssayException.config(message);
    }
  }

  private static String lower(String s, String dflt) {
    return s == null || s.isBlank() ? dflt : s.trim().toLowerCase(Locale.ROOT);
  }

  /** A fresh random run id (12 hex digits). */
  public static String newRunId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
