package dev.assay.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;

/** What {@code assay doctor} says about the docker backend: engine reachable, image present. */
public final class DockerProbe {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  private DockerProbe() {}

  /** One line about the default engine and image; never throws. */
  public static String describe() {
    return describe(DockerSettings.defaultDockerHost(), dev.assay.sandbox.SandboxOptions.DEFAULT_DOCKER_IMAGE);
  }

  /** One line about {@code host} and {@code image}; never throws. */
  public static String describe(String host, String image) {
    try (DockerClient docker = DockerClients.api(host, PROBE_TIMEOUT)) {
      String version;
      try {
        version = docker.versionCmd().exec().getVersion();
      } catch (RuntimeException e) {
        return "docker: no Docker engine answers at " + host + " (" + rootMessage(e)
            + "); start one with: dockerd --iptables=false --ip-masq=false --bridge=none &";
      }
      try {
        InspectImageResponse img = docker.inspectImageCmd(image).exec();
        long mb = img.getSize() == null ? -1 : img.getSize() / (1024 * 1024);
        return "docker: engine " + version + " at " + host + "; image " + image + " present ("
            + mb + " MB)";
      } catch (NotFoundException e) {
        return "docker: engine " + version + " at " + host + "; image " + image
            + " missing: build it with sandbox/image/build.sh";
      }
    } catch (Exception e) {
      return "docker: probe failed at " + host + " (" + rootMessage(e) + ")";
    }
  }

  /** Whether an engine answers at {@code host} within a few seconds. */
  public static boolean engineAnswers(String host) {
    try (DockerClient docker = DockerClients.api(host, PROBE_TIMEOUT)) {
      docker.pingCmd().exec();
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** Whether {@code image} exists on the engine at {@code host}. */
  public static boolean imageExists(String host, String image) {
    try (DockerClient docker = DockerClients.api(host, PROBE_TIMEOUT)) {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }
}
