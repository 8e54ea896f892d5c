package dev.assay.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, browser attacks on the loopback daemon: {@code assay serve} (demo config, no token, as
 * a child JVM on 127.0.0.1) receives exactly what a hostile page or a DNS-rebinding attack sends:
 * cross-site simple POSTs, {@code Origin: null}, a foreign Host, seed paths outside the seed
 * directories, malformed escapes. Each is refused with a JSON error and launches or cancels nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(VertxExtension.class)
class BrowserAttackTest {
  private Path dir;
  private Path seeds;
  private DaemonProcess daemon;

  @BeforeAll
  void startDaemon() throws Exception {
    dir = Files.createTempDirectory("assay-attack");
    seeds = DaemonProcess.smallSeeds(dir, 8);
    daemon = DaemonProcess.serve(dir, dev.assay.TestConfigs.quickDemo(dir), dir.resolve("a.db"), Map.of());
  }

  @AfterAll
  void stop() throws Exception {
    daemon.close();
  }

  private RawHttp.Response send(Vertx vertx, String head, String body) throws Exception {
    return RawHttp.send(vertx, daemon.port, head.replace("HOST", "127.0.0.1:" + daemon.port), body).await(60, TimeUnit.SECONDS);
  }

  private static JsonObject refused(RawHttp.Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("content-type")).isEqualTo("application/json");
    JsonObject j = r.json();
    assertThat(j.getInteger("status")).isEqualTo(status);
    assertThat(j.getString("error")).isNotBlank();
    return j;
  }

  private void nothingQueued() throws Exception {
    assertThat(daemon.getJson("/api/rounds").getJsonArray("rounds")).isEmpty();
    JsonObject status = daemon.getJson("/api/status");
    assertThat(status.getString("state")).isEqualTo("idle");
    assertThat(status.getJsonObject("queues").getInteger("rounds_queued")).isZero();
  }

  private String launchBody() {
    return new JsonObject().put("seeds", seeds.toString()).put("samples_per_problem", 2).encode();
  }

  @Test
  @Order(1)
  void crossSitePostsLaunchNothing(Vertx vertx) throws Exception {
    refused(send(vertx, "POST /api/rounds HTTP/1.1\nHost: HOST\nOrigin: http://evil.example\nContent-Type: text/plain",
        launchBody()), 403);
    refused(send(vertx, "POST /api/rounds HTTP/1.1\nHost: HOST\nOrigin: null\nContent-Type: application/x-www-form-urlencoded",
        "seeds=" + seeds + "&samples_per_problem=2"), 403);
    // each check on its own
    refused(send(vertx, "POST /api/rounds HTTP/1.1\nHost: HOST\nContent-Type: text/plain", launchBody()), 415);
    refused(send(vertx, "POST /api/rounds HTTP/1.1\nHost: HOST", launchBody()), 415);
    refused(send(vertx, "POST /api/rounds HTTP/1.1\nHost: HOST\nContent-Type: multipart/form-data; boundary=x", launchBody()), 415);
    for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:" + (daemon.port + 1), "https://127.0.0.1:"
        + daemon.port, "http://localhost.evil.example:" + daemon.port, "file://")) {
      JsonObject j = refused(send(vertx, "POST /api/rounds HTTP/1.1\nHost: HOST\nOrigin: " + origin
          + "\nContent-Type: application/json", launchBody()), 403);
      assertThat(j.getString("error")).as(origin).contains("Origin");
    }
    refused(send(vertx, "POST /api/rounds HTTP/1.1\nHost: evil.example\nContent-Type: application/json", launchBody()), 403);
    // refused before its body is read, the answer still arrives (the rest of the body is drained, not reset)
    String big = "x".repeat(200_000);
    for (int i = 0; i < 40; i++) {
      refused(send(vertx, "POST /api/rounds HTTP/1.1\nHost: HOST\nOrigin: http://evil.example\nContent-Type: text/plain",
          i % 2 == 0 ? launchBody() : big), 403);
    }
    refused(send(vertx, "POST /api/rounds/q1/cancel HTTP/1.1\nHost: evil.example\nContent-Type: text/plain", big), 403);
    nothingQueued();
    assertThat(DaemonProcess.count(dir.resolve("a.db"), "SELECT COUNT(*) FROM rounds")).isZero();
  }

  @Test
  @Order(2)
  void aReboundHostIsRefusedOnEveryRoute(Vertx vertx) throws Exception {
    for (String path : List.of("/api/status", "/api/samples", "/api/rounds", "/api/rounds/q2", "/metrics", "/", "/health",
        "/api/events", "/nothing")) {
      for (String host : List.of("evil.example", "evil.example:" + daemon.port, "127.0.0.1.evil.example")) {
        JsonObject j = refused(send(vertx, "GET " + path + " HTTP/1.1\nHost: " + host, null), 403);
        assertThat(j.getString("error")).as(path).contains("Host").contains("web.allowed_hosts");
      }
    }
    refused(send(vertx, "GET /api/status HTTP/1.0", null), 403); // no Host at all
    refused(send(vertx, "POST /api/rounds/q2/cancel HTTP/1.1\nHost: evil.example\nContent-Type: application/json", ""), 403);
    // loopback names, with and without the port, are this server
    for (String host : List.of("localhost", "localhost:" + daemon.port, "127.0.0.1", "[::1]:" + daemon.port)) {
      assertThat(send(vertx, "GET /api/status HTTP/1.1\nHost: " + host, null).status()).as(host).isEqualTo(200);
    }
    nothingQueued();
  }

  @Test
  @Order(3)
  void seedFilesOutsideTheSeedDirectoriesAreRefusedAndNeverQuoted(Vertx vertx) throws Exception {
    Path foreign = Files.writeString(dir.resolve("passwd-copy.txt"), "root:x:0:0:root:/root:/bin/bash\n");
    Files.createSymbolicLink(dir.resolve("passwd.jsonl"), Path.of("/etc/passwd"));
    for (String s : List.of("/etc/passwd", "../../etc/passwd", dir + "/../../etc/passwd", dir.resolve("passwd.jsonl").toString(),
        foreign.toString())) {
      JsonObject j = refused(send(vertx, "POST /api/rounds HTTP/1.1\nHost: HOST\nContent-Type: application/json",
          new JsonObject().put("seeds", s).encode()), 400);
      assertThat(j.getString("field")).as(s).isEqualTo("seeds");
      assertThat(j.encode()).as(s).doesNotContain("root:").doesNotContain("/bin/bash").doesNotContain("'root'");
    }
    nothingQueued();
  }

  @Test
  @Order(4)
  void malformedRequestsGetJsonErrorsNamingTheParameter(Vertx vertx) throws Exception {
    assertThat(refused(send(vertx, "GET /api/samples?domain=%ZZ HTTP/1.1\nHost: HOST", null), 400).getString("field"))
        .isEqualTo("domain");
    assertThat(refused(send(vertx, "GET /api/samples?limit=% HTTP/1.1\nHost: HOST", null), 400).getString("field"))
        .isEqualTo("limit");
    assertThat(refused(send(vertx, "GET /api/rounds/%ZZ HTTP/1.1\nHost: HOST", null), 400).getString("field"))
        .isEqualTo("path");
    assertThat(refused(send(vertx, "POST /api/rounds/%ZZ/cancel HTTP/1.1\nHost: HOST\nContent-Type: application/json", ""), 400)
        .getString("field")).isEqualTo("path");
    RawHttp.Response wrong = send(vertx, "GET /api/rounds/q1/cancel HTTP/1.1\nHost: HOST", null);
    refused(wrong, 405);
    assertThat(wrong.header("allow")).isEqualTo("POST");
    RawHttp.Response delete = send(vertx, "DELETE /api/samples HTTP/1.1\nHost: HOST\nContent-Type: application/json", "");
    refused(delete, 405);
    assertThat(delete.header("allow")).isEqualTo("GET");
    RawHttp.Response put = send(vertx, "PUT /api/rounds HTTP/1.1\nHost: HOST\nContent-Type: application/json", "{}");
    refused(put, 405);
    assertThat(put.header("allow")).isEqualTo("POST, GET");
    refused(send(vertx, "GET /api/nothing HTTP/1.1\nHost: HOST", null), 404);
    refused(send(vertx, "POST /api/nothing HTTP/1.1\nHost: HOST\nContent-Type: application/json", "{}"), 404);
    nothingQueued();
    assertThat(daemon.logText()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("ERROR");
  }

  @Test
  @Order(5)
  void aRefusedCancelCancelsNothingAndTheDashboardsOwnOriginIsServed(Vertx vertx) throws Exception {
    String own = "Host: HOST\nOrigin: http://127.0.0.1:" + daemon.port + "\nContent-Type: application/json";
    RawHttp.Response first = send(vertx, "POST /api/rounds HTTP/1.1\n" + own, launchBody());
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    RawHttp.Response second = send(vertx, "POST /api/rounds HTTP/1.1\nHost: localhost:" + daemon.port + "\nOrigin: http://localhost:"
        + daemon.port + "\nContent-Type: application/json; charset=utf-8", launchBody());
    assertThat(second.status()).as(second.body()).isEqualTo(202);
    String id = second.json().getString("id");
    String cancel = "POST /api/rounds/" + id + "/cancel HTTP/1.1\n";
    refused(send(vertx, cancel + "Host: evil.example\nContent-Type: application/json", ""), 403);
    refused(send(vertx, cancel + "Host: HOST\nOrigin: http://evil.example\nContent-Type: application/json", ""), 403);
    refused(send(vertx, cancel + "Host: HOST\nOrigin: null\nContent-Type: application/x-www-form-urlencoded", ""), 403);
    refused(send(vertx, cancel + "Host: HOST\nContent-Type: text/plain", ""), 415);
    assertThat(daemon.getJson("/api/rounds/" + id).getString("state")).isEqualTo("queued");
    // the legitimate client cancels both (no Origin, JSON), so the daemon stops working
    assertThat(send(vertx, cancel + "Host: HOST\nContent-Type: application/json", "").status()).isEqualTo(200);
    assertThat(daemon.getJson("/api/rounds/" + id).getString("state")).isEqualTo("cancelled");
    String firstId = first.json().getString("id");
    send(vertx, "POST /api/rounds/" + firstId + "/cancel HTTP/1.1\nHost: HOST\nContent-Type: application/json", "");
    daemon.poll("/api/rounds/" + firstId, j -> !j.getString("state").matches("queued|running"), 300);
  }
}
