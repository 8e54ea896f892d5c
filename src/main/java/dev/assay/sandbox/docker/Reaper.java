package dev.assay.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the backend's containers by label, as Testcontainers does: at start (also leftovers
 * of earlier daemons whose process is gone), at close, and from a JVM shutdown hook. Every method
 * is idempotent and never throws: cleanup must not turn into a failure of its own.
 */
final class Reaper {
  private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

  private final DockerClient docker;
  private final String runId;
  private Thread hook;

  Reaper(DockerClient docker, String runId) {
    this.docker = docker;
    this.runId = runId;
  }

  /**
   * Force-removes every container labelled with this run id and waits (up to ~5 s) until none is
   * listed any more, since a removal already in progress elsewhere answers 409; returns how many
   * it removed itself.
   */
  int reapRun() {
    Map<String, String> mine = Map.of(DockerSettings.LABEL_RUN_ID, runId);
    int removed = 0;
    for (int attempt = 0; attempt < 50; attempt++) {
      List<Container> left = list(mine);
      if (left.isEmpty()) {
        break;
      }
      if (attempt > 0) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      removed += removeAll(left);
    }
    return removed;
  }

  /**
   * Force-removes sandbox containers of other runs whose owning process no longer exists on this
   * machine (a daemon that was killed before its hook ran). Containers of live daemons stay.
   */
  int reapOrphans() {
    List<Container> all = list(Map.of(DockerSettings.LABEL_SANDBOX, "true"));
    return removeAll(all.stream().filter(Reaper::ownerIsGone).toList());
  }

  /** Registers a shutdown hook that reaps this run; idempotent. */
  synchronized void installShutdownHook() {
    if (hook == null) {
      hook = new Thread(this::reapRun, "assay-docker-reaper-" + runId);
      Runtime.getRuntime().addShutdownHook(hook);
    }
  }

  /** Unregisters the hook (after a normal close); never throws, also during shutdown. */
  synchronized void removeShutdownHook() {
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: it reaps the same containers, harmlessly
      }
      hook = null;
    }
  }

  private List<Container> list(Map<String, String> labels) {
    try {
      return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    } catch (RuntimeException e) {
      LOG.warn("docker reaper could not list containers labels={}: {}", labels, e.toString());
      return List.of();
    }
  }

  private int removeAll(List<Container> containers) {
    int removed = 0;
    for (Container c : containers) {
      try {
        docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        removed++;
      } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
        removed++;
      } catch (com.github.dockerjava.api.exception.ConflictException inProgress) {
        LOG.debug("docker reaper: removal of container={} already in progress", c.getId());
      } catch (RuntimeException e) {
        LOG.warn("docker reaper could not remove container={}: {}", c.getId(), e.toString());
      }
    }
    if (removed > 0) {
      LOG.info("docker reaper removed {} container(s) run={}", removed, runId);
    }
    return removed;
  }

  private static boolean ownerIsGone(Container c) {
    String pid = c.getLabels() == null ? null : c.getLabels().get(DockerSettings.LABEL_OWNER_PID);
    if (pid == null) {
      return true;
    }
    try {
      return ProcessHandle.of(Long.parseLong(pid)).isEmpty();
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
