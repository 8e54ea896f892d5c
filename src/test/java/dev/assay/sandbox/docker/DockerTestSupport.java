package dev.assay.sandbox.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.assay.sandbox.SandboxOptions;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shared by the docker tests: skip without an engine, build the image when it is missing. */
final class DockerTestSupport {
  static final String HOST = DockerSettings.defaultDockerHost();
  static final String IMAGE = dev.assay.sandbox.SandboxOptions.DEFAULT_DOCKER_IMAGE;
  private static Boolean imageReady;

  static {
    // docker-java's transport logs every wire byte at DEBUG; keep test output readable
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.github.dockerjava"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
  }

  private DockerTestSupport() {}

  /** Skips the calling test class (with the reason printed) unless engine and image are there. */
  static synchronized void assumeEngineAndImage() throws Exception {
    boolean engine = DockerProbe.engineAnswers(HOST);
    if (!engine) {
      System.out.println("SKIPPED docker tests: no Docker engine answers at " + HOST);
    }
    assumeTrue(engine, "no Docker engine answers at " + HOST + "; docker tests skipped");
    if (imageReady == null) {
      imageReady = DockerProbe.imageExists(HOST, IMAGE) || build();
    }
    if (!imageReady) {
      System.out.println("SKIPPED docker tests: image " + IMAGE + " missing and build.sh failed");
    }
    assumeTrue(imageReady, "image " + IMAGE + " missing and sandbox/image/build.sh failed");
  }

  private static boolean build() throws Exception {
    Path script = Path.of("sandbox/image/build.sh");
    if (!Files.isRegularFile(script)) {
      return false;
    }
    System.out.println("building " + IMAGE + " with " + script + " (first time: a few minutes)");
    Process p = new ProcessBuilder("bash", script.toString()).inheritIO().start();
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0 && DockerProbe.imageExists(HOST, IMAGE);
  }

  /** Docker options of a fresh test run with {@code pool} runners and the default recycling. */
  static SandboxOptions options(int pool) {
    return options(pool, 0);
  }

  static SandboxOptions options(int pool, int recycleAfter) {
    return SandboxOptions.defaults().withBackend("docker", "auto")
        .withRunId("test-" + SandboxOptions.newRunId()).withPool(pool, 1024, recycleAfter);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  /** Containers (running or not) carrying {@code label=value}. */
  static List<Container> containersLabelled(String label, String value) {
    try (DockerClient docker = DockerClients.api(HOST, Duration.ofSeconds(10))) {
      return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, value)).exec();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
