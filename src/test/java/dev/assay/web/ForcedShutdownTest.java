package dev.assay.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A second SIGTERM while the first is still draining in-flight work forces the exit (130). */
@Tag("e2e")
class ForcedShutdownTest {

  @Test
  void secondSigtermForcesExit130() throws Exception {
    Path dir = Files.createTempDirectory("assay-force");
    Path seeds = DaemonProcess.smallSeeds(dir, 20);
    try (DaemonProcess d = DaemonProcess.serve(dir, dev.assay.TestConfigs.quickDemo(dir), dir.resolve("a.db"), Map.of())) {
      d.post("/api/rounds", new JsonObject().put("seeds", seeds.toString()).encode());
      d.poll("/api/status", s -> s.getJsonObject("in_flight").getInteger("verifications") > 0
          || s.getJsonObject("in_flight").getInteger("model_requests") > 0, 120);
      long pid = d.process.pid();
      new ProcessBuilder("kill", "-TERM", String.valueOf(pid)).start().waitFor();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!d.logText().contains("assay: stopping") && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      new ProcessBuilder("kill", "-TERM", String.valueOf(pid)).start().waitFor();
      assertThat(d.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(d.process.exitValue()).as(d.logText()).isEqualTo(130);
      assertThat(d.logText()).contains("second signal: forcing exit");
    }
  }
}
