package dev.assay.sandbox.docker;

import dev.assay.AssayException;
import java.util.UUID;

/**
 * Settings of the docker backend. Every container it creates is labelled with {@code runId}.
 *
 * @param image the sandbox image (built by {@code sandbox/image/build.sh})
 * @param runId the daemon's run id; containers are labelled and reaped by it
 * @param poolSize warm runners (containers) kept ready; also the parallelism
 * @param memoryMb memory limit of each container (swap limit is the same: no swap)
 * @param pidsLimit process limit of each container (the runner counts as one)
 * @param cpus CPU quota of each container, in CPUs
 * @param timeoutMs ceiling on one run's wall time; a spec asking for more gets this
 * @param outputCapBytes ceiling on a run's stdout/stderr cap; a spec asking for more gets this
 * @param recycleAfter runs after which a runner's container is replaced by a fresh one
 * @param dockerHost the engine's address, e.g. {@code unix:///var/run/docker.sock}
 * @param apiTimeoutMs timeout of every Docker API call (create, start, kill, remove)
 */
public record DockerSandboxOptions(
    String image,
    String runId,
    int poolSize,
    int memoryMb,
    int pidsLimit,
    double cpus,
    long timeoutMs,
    int outputCapBytes,
    int recycleAfter,
    String dockerHost,
    long apiTimeoutMs) {

  /** The tag {@code sandbox/image/build.sh} builds (its VERSION file). */
  public static final String DEFAULT_IMAGE = "assay-sandbox:1";
  public static final int DEFAULT_POOL_SIZE = 2;
  public static final int DEFAULT_MEMORY_MB = 512;
  public static final int DEFAULT_PIDS_LIMIT = 128;
  public static final double DEFAULT_CPUS = 1.0;
  public static final long DEFAULT_TIMEOUT_MS = 60_000;
  public static final int DEFAULT_OUTPUT_CAP_BYTES = 1024 * 1024;
  public static final int DEFAULT_RECYCLE_AFTER = 500;
  public static final long DEFAULT_API_TIMEOUT_MS = 30_000;
  /** Labels on every container the backend creates. */
  public static final String LABEL_SANDBOX = "dev.assay.sandbox";
  public static final String LABEL_RUN_ID = "dev.assay.run-id";
  public static final String LABEL_OWNER_PID = "dev.assay.owner-pid";

  /** Validates; throws {@link AssayException} of kind CONFIG on a bad value. */
  public DockerSandboxOptions {
    if (image == null || image.isBlank()) {
      throw AssayException.config("docker.image must not be empty");
    }
    if (runId == null || !runId.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw AssayException.config("docker run id must be 1-64 of [A-Za-z0-9_.-]: " + runId);
    }
    require(poolSize >= 1 && poolSize <= 64, "docker.poolSize must be 1..64");
    require(memoryMb >= 64, "docker.memoryMb must be >= 64");
    require(pidsLimit >= 8, "docker.pidsLimit must be >= 8");
    require(cpus > 0, "docker.cpus must be > 0");
    require(timeoutMs >= 100, "docker.timeoutMs must be >= 100");
    require(outputCapBytes >= 1024, "docker.outputCapBytes must be >= 1024");
    require(recycleAfter >= 1, "docker.recycleAfter must be >= 1");
    require(apiTimeoutMs >= 1000, "docker.apiTimeoutMs must be >= 1000");
    if (dockerHost == null || dockerHost.isBlank()) {
      dockerHost = defaultDockerHost();
    }
  }

  /**
   * The docker settings for the shared {@code sandbox:} config. Its per-run defaults (timeout,
   * memory, output cap) become ceilings no lower than this backend's defaults, and a container
   * gets the run's memory plus room for its runner; image, pool, pids, CPUs, recycling and run
   * id carry over as they are.
   */
  public static DockerSandboxOptions from(dev.assay.sandbox.SandboxOptions o) {
    return new DockerSandboxOptions(
        o.dockerImage(), o.runId(), o.poolSize(),
        Math.max(DEFAULT_MEMORY_MB, o.memoryMb() + 256), o.pidsLimit(), o.cpus(),
        Math.max(DEFAULT_TIMEOUT_MS, o.timeoutMs()),
        Math.max(DEFAULT_OUTPUT_CAP_BYTES, o.outputCapBytes()), o.recycleAfter(),
        defaultDockerHost(), DEFAULT_API_TIMEOUT_MS);
  }

  /** Defaults with a fresh random run id. */
  public static DockerSandboxOptions defaults() {
    return new DockerSandboxOptions(
        DEFAULT_IMAGE, newRunId(), DEFAULT_POOL_SIZE, DEFAULT_MEMORY_MB, DEFAULT_PIDS_LIMIT,
        DEFAULT_CPUS, DEFAULT_TIMEOUT_MS, DEFAULT_OUTPUT_CAP_BYTES, DEFAULT_RECYCLE_AFTER,
        defaultDockerHost(), DEFAULT_API_TIMEOUT_MS);
  }

  public DockerSandboxOptions withRunId(String id) {
    return new DockerSandboxOptions(image, id, poolSize, memoryMb, pidsLimit, cpus, timeoutMs,
        outputCapBytes, recycleAfter, dockerHost, apiTimeoutMs);
  }

  public DockerSandboxOptions withPoolSize(int n) {
    return new DockerSandboxOptions(image, runId, n, memoryMb, pidsLimit, cpus, timeoutMs,
        outputCapBytes, recycleAfter, dockerHost, apiTimeoutMs);
  }

  public DockerSandboxOptions withRecycleAfter(int n) {
    return new DockerSandboxOptions(image, runId, poolSize, memoryMb, pidsLimit, cpus, timeoutMs,
        outputCapBytes, n, dockerHost, apiTimeoutMs);
  }

  public DockerSandboxOptions withImage(String tag) {
    return new DockerSandboxOptions(tag, runId, poolSize, memoryMb, pidsLimit, cpus, timeoutMs,
        outputCapBytes, recycleAfter, dockerHost, apiTimeoutMs);
  }

  /** {@code $DOCKER_HOST}, else the local engine's unix socket. */
  public static String defaultDockerHost() {
    String env = System.getenv("DOCKER_HOST");
    return env == null || env.isBlank() ? "unix:///var/run/docker.sock" : env;
  }

  static String newRunId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw AssayException.config(message);
    }
  }
}
