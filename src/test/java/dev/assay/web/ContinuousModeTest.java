package dev.assay.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Continuous mode: rounds start by themselves and stop at the target; with the model out, the
 * daemon stays up, shows the outage and backs off between rounds.
 */
@Tag("e2e")
class ContinuousModeTest {

  private static Path config(Path dir, Path seeds, String extra, String modelSection) throws Exception {
    String yaml = Files.readString(dev.assay.TestConfigs.quickDemo(dir))
        .replaceFirst("(?m)^  seeds:\n(    - .*\n)+", "  seeds:\n    - " + seeds + "\n")
        .replace("  mode: on_request", "  mode: continuous\n" + extra + "\n  #");
    if (modelSection != null) {
      yaml = yaml.replaceFirst("  max_outage_ms: [^\n]*\n", "").replaceFirst("  simulated: true[^\n]*\n", modelSection)
          .replace("max_retries: 6", "max_retries: 1").replace("backoff_max_ms: 2000", "backoff_max_ms: 50")
          .replace("timeout_ms: 20000", "timeout_ms: 2000");
    }
    assertThat(yaml).contains("    - " + seeds + "\n").doesNotContain("problems/code.jsonl\n  proposals");
    Path cfg = dir.resolve("continuous.yaml");
    Files.writeString(cfg, yaml);
    return cfg;
  }

  @Test
  void roundsStartByThemselvesAndStopAtTheTarget() throws Exception {
    Path dir = Files.createTempDirectory("assay-cont");
    Path cfg = config(dir, DaemonProcess.smallSeeds(dir, 3), "  target_kept: 1", null);
    try (DaemonProcess d = DaemonProcess.serve(dir, cfg, dir.resolve("a.db"), Map.of())) {
      // the scheduler decided to stop (it says so only after deciding not to queue another round)
      JsonObject s = d.poll("/api/status", j -> j.getString("continuous").startsWith("target met"), 180);
      assertThat(s.getString("state")).isEqualTo("idle");
      JsonArray rounds = d.getJson("/api/rounds").getJsonArray("rounds");
      assertThat(rounds).hasSize(1);
      assertThat(rounds.getJsonObject(0).getString("state")).isEqualTo("done");
      assertThat(rounds.getJsonObject(0).getJsonObject("summary").getLong("kept")).isPositive();
    }
  }

  @Test
  void modelOutageIsShownAndBackedOffWhileTheDaemonStaysUp() throws Exception {
    Path dir = Files.createTempDirectory("assay-cont");
    int dead = DaemonProcess.freePort(); // nothing listens there
    Path cfg = config(dir, DaemonProcess.smallSeeds(dir, 2), "  target_kept: 1000",
        "  simulated: false\n  base_url: http://127.0.0.1:" + dead + "\n  max_outage_ms: 2000\n");
    try (DaemonProcess d = DaemonProcess.serve(dir, cfg, dir.resolve("a.db"), Map.of())) {
      JsonObject s = d.poll("/api/status", j -> j.getString("continuous").startsWith("backing off"), 180);
      JsonObject model = s.getJsonObject("progress").getJsonObject("model");
      assertThat(model.getBoolean("outage")).isTrue();
      assertThat(model.getString("last_error")).isNotBlank();
      assertThat(d.get("/health", null).statusCode()).isEqualTo(200);
      String metrics = d.get("/metrics", null).body();
      assertThat(ServeApiTest.metric(metrics, "assay_model_failures_total")).isPositive();
      JsonArray rounds = d.getJson("/api/rounds").getJsonArray("rounds");
      // the model being out is our infrastructure failing: the round is not done, it stays resumable
      assertThat(rounds.getJsonObject(0).getString("state")).isEqualTo("failed");
      assertThat(rounds.getJsonObject(0).getValue("summary")).isNull();
    }
  }
}
