package dev.assay.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.time.Duration;

/** Builds docker-java clients on the zerodep transport, always with explicit timeouts. */
final class DockerClients {
  private DockerClients() {}

  /** A client for API verbs: every response must arrive within {@code responseTimeout}. */
  static DockerClient api(String host, Duration responseTimeout) {
    return build(host, responseTimeout, 16);
  }

  /**
   * A client for long-lived attach streams: an idle warm runner sends nothing for minutes, so
   * there is no response timeout (the backend times each run itself).
   */
  static DockerClient streams(String host, int maxConnections) {
    return build(host, null, maxConnections);
  }

  private static DockerClient build(String host, Duration responseTimeout, int maxConnections) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
    ZerodepDockerHttpClient.Builder http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(URI.create(host))
            .maxConnections(maxConnections)
            .connectionTimeout(Duration.ofSeconds(5));
    if (responseTimeout != null) {
      http.responseTimeout(responseTimeout);
    }
    return DockerClientImpl.getInstance(config, http.build());
  }
}
