package dev.assay.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import java.util.List;
import java.util.Map;

/** The hardened container a runner lives in: every limit and label in one place. */
final class ContainerSpec {
  /**
   * The runner (sandbox/runners/pyrunner.py, shared with the process backend) is the entrypoint,
   * so it is PID 1 of the container's PID namespace: only as PID 1 does it wipe /tmp and /dev/shm.
   */
  static final List<String> RUNNER_COMMAND =
      List.of("/usr/bin/python3", "-I", "/opt/assay/pyrunner.py", "--full-preload");
  /** The unprivileged user (nobody) the runner and every program run as. */
  static final String USER = "65534:65534";
  static final String TMPFS_OPTIONS = "rw,nosuid,nodev,noexec,size=64m,mode=1777";
  private static final long MB = 1024L * 1024L;
  private static final long CPU_PERIOD_US = 100_000;

  private ContainerSpec() {}

  static HostConfig hostConfig(DockerSettings o) {
    long memory = o.memoryMb() * MB;
    return HostConfig.newHostConfig()
        .withNetworkMode("none")
        .withMemory(memory)
        .withMemorySwap(memory)
        .withMemorySwappiness(0L)
        .withPidsLimit((long) o.pidsLimit())
        .withCpuPeriod(CPU_PERIOD_US)
        .withCpuQuota(Math.max(1_000L, Math.round(o.cpus() * CPU_PERIOD_US)))
        .withReadonlyRootfs(true)
        .withTmpFs(Map.of("/tmp", TMPFS_OPTIONS))
        .withShmSize(16 * MB)
        .withIpcMode("private")
        .withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges"))
        .withUlimits(List.of(new Ulimit("nofile", 1024L, 1024L), new Ulimit("core", 0L, 0L)))
        .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
        .withInit(false)
        .withAutoRemove(false);
  }

  static Map<String, String> labels(DockerSettings o) {
    return Map.of(
        DockerSettings.LABEL_SANDBOX, "true",
        DockerSettings.LABEL_RUN_ID, o.runId(),
        DockerSettings.LABEL_OWNER_PID, Long.toString(ProcessHandle.current().pid()));
  }

  /** A create command for runner number {@code n}; nothing of the daemon's environment leaks. */
  static CreateContainerCmd create(DockerClient docker, DockerSettings o, int n) {
    return docker.createContainerCmd(o.image())
        .withName("assay-sbx-" + o.runId() + "-" + n)
        .withLabels(labels(o))
        .withHostConfig(hostConfig(o))
        .withUser(USER)
        .withNetworkDisabled(true)
        .withEntrypoint(RUNNER_COMMAND)
        .withCmd(List.of())
        .withEnv(List.of("LANG=C.UTF-8", "PATH=/usr/local/bin:/usr/bin:/bin"))
        .withWorkingDir("/tmp")
        .withTty(false)
        .withStdinOpen(true)
        .withStdInOnce(false)
        .withAttachStdin(true)
        .withAttachStdout(true)
        .withAttachStderr(true);
  }
}
