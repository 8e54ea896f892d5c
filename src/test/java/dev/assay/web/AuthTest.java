package dev.assay.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 3: binding to a non-loopback address needs a token from the environment; with one,
 * every endpoint but {@code /health} answers 401 without it. The tests only ever connect to
 * 127.0.0.1.
 */
@Tag("e2e")
class AuthTest {

  private static Path wildcardConfig(Path dir) throws Exception {
    Path cfg = dir.resolve("wild.yaml");
    Files.writeString(cfg, Files.readString(Path.of("config/demo.yaml")).replace("host: 127.0.0.1", "host: 0.0.0.0"));
    return cfg;
  }

  @Test
  void nonLoopbackBindWithoutTokenRefusesToStart() throws Exception {
    Path dir = Files.createTempDirectory("assay-auth");
    Process p = DaemonProcess.start(dir, Map.of(), "serve", "--config", wildcardConfig(dir).toString(),
        "--port", String.valueOf(DaemonProcess.freePort()), "--db", dir.resolve("a.db").toString());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(dir.resolve("log.txt"));
    assertThat(p.exitValue()).as(log).isEqualTo(2);
    assertThat(log).contains("0.0.0.0", "ASSAY_API_TOKEN");
    assertThat(Files.exists(dir.resolve("a.db"))).as("nothing deployed").isFalse();
  }

  @Test
  void aTokenShorterThan16CharactersIsRefusedAtStartAndNeverPrinted() throws Exception {
    Path dir = Files.createTempDirectory("assay-auth");
    String token = "Sh0rt-s3cret-9"; // 14 characters
    Process p = DaemonProcess.start(dir, Map.of("ASSAY_API_TOKEN", token), "serve", "--config", "config/demo.yaml",
        "--port", String.valueOf(DaemonProcess.freePort()), "--db", dir.resolve("a.db").toString());
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(exited).as("serve refused to start").isTrue();
    String log = Files.readString(dir.resolve("log.txt"));
    assertThat(p.exitValue()).as(log).isEqualTo(2);
    assertThat(log).contains("ASSAY_API_TOKEN", "16 characters").doesNotContain(token).doesNotContain("\tat ");
    assertThat(log.lines().filter(l -> l.startsWith("assay: error"))).hasSize(1);
    assertThat(Files.exists(dir.resolve("a.db"))).as("nothing deployed").isFalse();
  }

  @Test
  void withATokenEveryEndpointButHealthNeedsIt() throws Exception {
    Path dir = Files.createTempDirectory("assay-auth");
    String token = "t-" + Long.toHexString(System.nanoTime()) + "-0123456789abcdef";
    try (DaemonProcess d = DaemonProcess.serve(dir, wildcardConfig(dir), dir.resolve("a.db"), Map.of("ASSAY_API_TOKEN", token))) {
      assertThat(d.get("/health", null).statusCode()).isEqualTo(200);
      for (String path : new String[] {"/api/status", "/api/rounds", "/api/samples", "/metrics", "/", "/api/rounds/1"}) {
        HttpResponse<String> r = d.get(path, null);
        assertThat(r.statusCode()).as(path).isEqualTo(401);
        assertThat(r.body()).contains("bearer token");
        assertThat(d.get(path, "wrong" + token).statusCode()).as(path).isEqualTo(401);
      }
      assertThat(d.post("/api/rounds", "{}").statusCode()).isEqualTo(401);
      assertThat(d.get("/api/status", token).statusCode()).isEqualTo(200);
      assertThat(d.get("/metrics", token).statusCode()).isEqualTo(200);
      assertThat(d.getJson("/api/rounds?token=" + token).getJsonArray("rounds")).isEmpty();
      assertThat(d.logText()).doesNotContain(token);
    }
  }
}
