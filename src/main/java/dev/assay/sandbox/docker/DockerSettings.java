package dev.assay.sandbox.docker;

import dev.assay.AssayException;
import dev.assay.sandbox.SandboxOptions;

/**
 * The docker backend's view of {@link SandboxOptions}: nothing here is configured separately.
 * Each container gets the run's memory plus room for its runner (and, for Java programs, a
 * JVM); the per-run timeout and output cap of the options become ceilings no lower than
 * {@link #MIN_TIMEOUT_CEILING_MS} and {@link #MIN_OUTPUT_CEILING}.
 *
 * @param image the sandbox image (built by {@code sandbox/image/build.sh})
 * @param runId the daemon's run id; containers are labelled and reaped by it
 * @param poolSize warm runners (containers); also the parallelism
 * @param maxQueue runs that may wait for a runner
 * @param warm start containers ahead of demand (else one per waiting run)
 * @param memoryMb memory limit of each container (swap limit is the same: no swap)
 * @param pidsLimit process limit of each container (the runner counts as one)
 * @param cpus CPU quota of each container, in CPUs
 * @param timeoutMs ceiling on one run's CPU-time limit
 * @param outputCapBytes ceiling on a run's stdout/stderr cap
 * @param recycleAfter runs after which a runner's container is replaced by a fresh one
 * @param dockerHost the engine's address, e.g. {@code unix:///var/run/docker.sock}
 * @param apiTimeoutMs timeout of every Docker API call (create, start, kill, remove)
 */
record DockerSettings(
    String image,
    String runId,
    int poolSize,
    int maxQueue,
    boolean warm,
    int memoryMb,
    int pidsLimit,
    double cpus,
    long timeoutMs,
    int outputCapBytes,
    int recycleAfter,
    String dockerHost,
    long apiTimeoutMs) {

  static final int MIN_CONTAINER_MB = 512;
  /** Room in a container beyond the run's own memory: the runner, a JVM for Java programs. */
  static final int RUNNER_HEADROOM_MB = 256;
  static final long MIN_TIMEOUT_CEILING_MS = 60_000;
  static final int MIN_OUTPUT_CEILING = 1024 * 1024;
  static final long API_TIMEOUT_MS = 30_000;
  /** Labels on every container the backend creates. */
  static final String LABEL_SANDBOX = "dev.assay.sandbox";
  static final String LABEL_RUN_ID = "dev.assay.run-id";
  static final String LABEL_OWNER_PID = "dev.assay.owner-pid";

  DockerSettings {
    if (image == null || image.isBlank()) {
      throw AssayException.config("sandbox.docker_image must not be empty");
    }
    if (runId == null || !runId.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw AssayException.config("docker run id must be 1-64 of [A-Za-z0-9_.-]: " + runId);
    }
    require(poolSize >= 1 && poolSize <= 64, "sandbox.pool_size must be 1..64 for docker");
    require(memoryMb >= 64, "docker container memory must be >= 64 MB");
    require(pidsLimit >= 8, "sandbox.pids_limit must be >= 8 for docker");
    require(cpus > 0, "sandbox.cpus must be > 0");
    require(timeoutMs >= 100, "docker timeout ceiling must be >= 100 ms");
    require(recycleAfter >= 1, "sandbox.recycle_after must be >= 1");
    require(apiTimeoutMs >= 1000, "docker API timeout must be >= 1000 ms");
    if (dockerHost == null || dockerHost.isBlank()) {
      dockerHost = defaultDockerHost();
    }
  }

  /** The docker settings for the shared {@code sandbox:} options. */
  static DockerSettings from(SandboxOptions o) {
    SandboxOptions d = o.withBackend("docker", o.isolation());
    return new DockerSettings(
        d.dockerImage(), d.runId(), d.poolSize(), d.maxQueue(), d.warm(),
        Math.max(MIN_CONTAINER_MB, d.memoryMb() + RUNNER_HEADROOM_MB), d.pidsLimit(), d.cpus(),
        Math.max(MIN_TIMEOUT_CEILING_MS, d.timeoutMs()),
        Math.max(MIN_OUTPUT_CEILING, d.outputCapBytes()), d.recycleAfter(),
        defaultDockerHost(), API_TIMEOUT_MS);
  }

  /** The same settings against another engine (tests). */
  DockerSettings withHost(String host) {
    return new DockerSettings(image, runId, poolSize, maxQueue, warm, memoryMb, pidsLimit, cpus,
        timeoutMs, outputCapBytes, recycleAfter, host, apiTimeoutMs);
  }

  /** {@code $DOCKER_HOST}, else the local engine's unix socket. */
  static String defaultDockerHost() {
    String env = System.getenv("DOCKER_HOST");
    return env == null || env.isBlank() ? "unix:///var/run/docker.sock" : env;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw AssayException.config(message);
    }
  }
}
