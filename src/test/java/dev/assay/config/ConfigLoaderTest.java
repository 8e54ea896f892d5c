package dev.assay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void shippedDemoConfigLoads() {
    AssayConfig c = ConfigLoader.load(Path.of("config/demo.yaml"), Map.of());
    assertThat(c.model().simulated()).isTrue();
    assertThat(c.round().samplesPerProblem()).isEqualTo(4);
    assertThat(c.sandbox().backend()).isEqualTo("process");
    assertThat(c.round().seeds()).hasSize(2);
  }

  @Test
  void shippedOpenAiConfigLoads() {
    AssayConfig c = ConfigLoader.load(Path.of("config/openai-compatible.yaml"), Map.of());
    assertThat(c.model().simulated()).isFalse();
    assertThat(c.model().apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
  }

  @Test
  void shippedClusterDeployConfigsLoadAndTakeTheirHostFromTheEnvironment() {
    AssayConfig coordinator = ConfigLoader.load(Path.of("config/deploy/coordinator.yaml"),
        Map.of("ASSAY_CLUSTER_HOST", "10.0.0.99"));
    assertThat(coordinator.store().url()).startsWith("postgresql://");
    assertThat(coordinator.store().passwordEnv()).isEqualTo("ASSAY_PG_PASSWORD");
    assertThat(coordinator.cluster().host()).isEqualTo("10.0.0.99");
    assertThat(coordinator.cluster().members()).containsExactly("10.0.0.10:5701", "10.0.0.11:5701", "10.0.0.12:5701");
    assertThat(coordinator.cluster().busPort()).isEqualTo(5710);
    AssayConfig worker = ConfigLoader.loadWorker(Path.of("config/deploy/worker.yaml"), Map.of());
    assertThat(worker.cluster().capacity()).isEqualTo(8);
    assertThat(worker.cluster().tokenEnv()).isEqualTo("ASSAY_MEMBER_TOKEN");
    assertThat(worker.store().url()).isNull();
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("config/deploy/worker.yaml"), Map.of()))
        .as("a worker's config is not a round's").hasMessageContaining("model.base_url");
  }

  @Test
  void storeAndClusterSectionsHaveDefaultsAndNameTheirBadFields() throws Exception {
    AssayConfig plain = ConfigLoader.load(write("model: {simulated: true}\n"), Map.of());
    assertThat(plain.store().url()).as("SQLite unless store.url is set").isNull();
    assertThat(plain.cluster().members()).containsExactly("127.0.0.1:5701");
    assertThat(plain.cluster().capacity()).isZero();
    assertThatThrownBy(() -> ConfigLoader.loadWorker(write("cluster: {port: 6000, bus_port: 6000}\n"), Map.of()))
        .isInstanceOf(AssayException.class).hasMessageContaining("cluster.bus_port");
    assertThatThrownBy(() -> ConfigLoader.loadWorker(write("cluster: {members: \"10.0.0.1, bad host\"}\n"), Map.of()))
        .isInstanceOf(AssayException.class).hasMessageContaining("cluster.members");
    assertThatThrownBy(() -> ConfigLoader.loadWorker(write("store: {url: \"mysql://u:hunter2secret@db/x\"}\n"), Map.of()))
        .isInstanceOf(AssayException.class).hasMessageContaining("store.url").hasMessageNotContaining("hunter2secret");
  }

  @Test
  void wrongTypeNamesFileAndField() throws Exception {
    Path f = write("model:\n  simulated: true\nround:\n  samples_per_problem: many\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("round.samples_per_problem")
        .satisfies(e -> assertThat(((AssayException) e).kind()).isEqualTo(ErrorKind.CONFIG));
  }

  @Test
  void unknownFieldIsAnError() throws Exception {
    Path f = write("model:\n  simulated: true\n  temprature: 0.5\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("model.temprature: unknown field");
  }

  @Test
  void realModelNeedsBaseUrl() throws Exception {
    Path f = write("model:\n  name: m\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("model.base_url");
  }

  @Test
  void brokenYamlNamesLine() throws Exception {
    Path f = write("model:\n  simulated: [true\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining(f.toString()).hasMessageContaining("YAML");
  }

  @Test
  void aKeyGivenTwiceIsAnErrorNotASilentOverride() throws Exception {
    Path f = write("model:\n  simulated: true\n  max_outage_ms: 2000\n  max_outage_ms: 120000\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining(f.toString())
        .hasMessageContaining("line 4").hasMessageContaining("max_outage_ms");
  }

  @Test
  void environmentOverridesFile() throws Exception {
    Path f = write("model:\n  simulated: true\nround:\n  samples_per_problem: 4\n");
    AssayConfig c = ConfigLoader.load(f, Map.of("ASSAY_ROUND_SAMPLES_PER_PROBLEM", "9"));
    assertThat(c.round().samplesPerProblem()).isEqualTo(9);
  }

  @Test
  void apiKeyItselfIsRefusedWhereAVariableNameBelongs() throws Exception {
    Path f = write("model:\n  base_url: http://127.0.0.1:1\n  name: m\n  api_key_env: sk-abc123-secret\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("model.api_key_env");
  }
  /** Every integer and number field of the loader: section, field, lowest allowed value, whether it is an integer. */
  private static final List<Object[]> NUMERIC = List.of(
      new Object[] {"run", "seed", Long.MIN_VALUE, true},
      new Object[] {"model", "temperature", 0.0, false}, new Object[] {"model", "top_p", 0.0, false},
      new Object[] {"model", "max_tokens", 1L, true}, new Object[] {"model", "timeout_ms", 100L, true},
      new Object[] {"model", "max_retries", 0L, true}, new Object[] {"model", "backoff_base_ms", 1L, true},
      new Object[] {"model", "backoff_max_ms", 1L, true}, new Object[] {"model", "max_in_flight", 1L, true},
      new Object[] {"simulator", "seed", Long.MIN_VALUE, true}, new Object[] {"simulator", "latency_ms", 0L, true},
      new Object[] {"simulator.faults", "http_5xx", 0.0, false}, new Object[] {"simulator.faults", "http_429", 0.0, false},
      new Object[] {"simulator.faults", "malformed", 0.0, false}, new Object[] {"simulator.faults", "truncated", 0.0, false},
      new Object[] {"simulator.outcomes", "correct", 0.0, false},
      new Object[] {"simulator", "tool_use", 0.0, false}, new Object[] {"simulator", "tool_correct", 0.0, false},
      new Object[] {"simulator", "tool_boost", 0.0, false}, new Object[] {"simulator", "repair_success", 0.0, false},
      new Object[] {"simulator", "max_tool_calls", 0L, true},
      new Object[] {"round", "proposals_per_seed", 0L, true}, new Object[] {"round", "samples_per_problem", 1L, true},
      new Object[] {"round", "max_in_flight_problems", 1L, true}, new Object[] {"round", "max_seeds", 0L, true},
      new Object[] {"sandbox", "pool_size", 1L, true}, new Object[] {"sandbox", "recycle_after", 0L, true},
      new Object[] {"sandbox", "timeout_ms", 10L, true}, new Object[] {"sandbox", "memory_mb", 16L, true},
      new Object[] {"sandbox", "output_cap_bytes", 256L, true}, new Object[] {"sandbox", "pids_limit", 0L, true},
      new Object[] {"sandbox", "cpus", 0.05, false}, new Object[] {"sandbox", "max_in_flight", 1L, true},
      new Object[] {"verify", "math_precision", 0L, true}, new Object[] {"verify", "math_timeout_ms", 1L, true},
      new Object[] {"web", "port", 0L, true}, new Object[] {"web", "target_kept", 0L, true},
      new Object[] {"web", "budget_tokens", 0L, true}, new Object[] {"web", "budget_hours", 0.0, false},
      new Object[] {"keep", "max_solutions_per_problem", 1L, true}, new Object[] {"keep", "near_duplicate_threshold", 0.1, false},
      new Object[] {"keep", "ngram", 3L, true}, new Object[] {"keep", "min_dual_agreement", 0.0, false},
      new Object[] {"hook", "timeout_ms", 1000L, true});

  /** A config with {@code section.field: value} (sections may nest, e.g. simulator.faults). */
  private Path withValue(String section, String field, String value) throws Exception {
    StringBuilder y = new StringBuilder();
    String[] parts = section.split("\\.");
    String indent = "";
    for (String p : parts) {
      y.append(indent).append(p).append(":\n");
      if (p.equals("model")) {
        y.append(indent).append("  simulated: true\n");
      }
      indent += "  ";
    }
    y.append(indent).append(field).append(": ").append(value).append('\n');
    return write((section.equals("model") ? "" : "model:\n  simulated: true\n") + y);
  }

  private void refused(Path f, String qualified, String value) {
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.load(f, Map.of())))
        .as(qualified + ": " + value).isInstanceOfSatisfying(AssayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
          assertThat(e.getMessage()).startsWith(f + ": " + qualified + ": ").doesNotContain("\n");
        });
  }

  @Test
  void everyNumericFieldRefusesOverflowFractionsAndValuesOutOfRange() throws Exception {
    for (Object[] n : NUMERIC) {
      String section = (String) n[0];
      String field = (String) n[1];
      String qualified = section + "." + field;
      List<String> bad = new java.util.ArrayList<>(List.of("18446744073709551620", "-18446744073709551620", "1e999",
          "\"12abc\"", "[1]", "{a: 1}", "true", "\"NaN\"", "\"Infinity\"", "\"0x10\"", "\"1d\""));
      if ((boolean) n[3]) {
        bad.addAll(List.of("2.5", "\"2.5\"", "1.0e3"));
      }
      if (n[2] instanceof Long min && min > Long.MIN_VALUE) {
        bad.add(String.valueOf(min - 1));
      } else if (n[2] instanceof Double min) {
        bad.add(String.valueOf(min - 0.01));
      }
      for (String v : bad) {
        refused(withValue(section, field, v), qualified, v);
      }
    }
  }

  @Test
  void integersThatDoNotFitALongAreErrorsNotWrapped() throws Exception {
    Path f = write("model:\n  simulated: true\nround:\n  samples_per_problem: 18446744073709551620\n");
    refused(f, "round.samples_per_problem", "18446744073709551620");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("must be between 1 and 1024");
    Path plain = write("model:\n  simulated: true\n");
    assertThatThrownBy(() -> ConfigLoader.load(plain, Map.of("ASSAY_ROUND_SAMPLES_PER_PROBLEM", "18446744073709551620")))
        .isInstanceOfSatisfying(AssayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG))
        .hasMessageContaining("round.samples_per_problem");
    assertThat(ConfigLoader.load(plain, Map.of("ASSAY_ROUND_SAMPLES_PER_PROBLEM", "+7")).round().samplesPerProblem()).isEqualTo(7);
    assertThat(ConfigLoader.load(plain, Map.of("ASSAY_RUN_SEED", "-9223372036854775808")).run().seed()).isEqualTo(Long.MIN_VALUE);
    assertThat(ConfigLoader.load(plain, Map.of("ASSAY_MODEL_TEMPERATURE", "1.5e-1")).model().temperature()).isEqualTo(0.15);
  }

  @Test
  void fieldsThatDependOnEachOtherAreCheckedTogether() throws Exception {
    Path f = write("model:\n  simulated: true\n  backoff_base_ms: 500\n  backoff_max_ms: 100\n");
    refused(f, "model.backoff_max_ms", "100");
    Path faults = write("model:\n  simulated: true\nsimulator:\n  faults:\n    http_5xx: 0.5\n    http_429: 0.5\n");
    refused(faults, "simulator.faults", "1.0");
  }

  @Test
  void aKeyWhereAVariableNameBelongsIsNeverEchoed() throws Exception {
    for (String key : List.of("sk-proj-AbC123xyz789-secretsecret", "ghp_AbCdEf0123456789xyzXYZ", "sk_live_0123456789abcdefghij",
        "AbCdEf0123456789XyZaBcDeF", "hf_AbCdEfGhIjKlMnOpQrStUv")) {
      Path f = write("model:\n  base_url: http://127.0.0.1:1\n  name: m\n  api_key_env: " + key + "\n");
      assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).as(key)
          .hasMessageContaining("model.api_key_env").hasMessageNotContaining(key).hasMessageNotContaining(key.substring(4, 12));
      assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("ASSAY_MODEL_API_KEY_ENV", key)))
          .hasMessageContaining("model.api_key_env").hasMessageNotContaining(key);
      Path w = write("model:\n  simulated: true\nweb:\n  token_env: " + key + "\n");
      assertThatThrownBy(() -> ConfigLoader.load(w, Map.of())).as(key)
          .hasMessageContaining("web.token_env").hasMessageNotContaining(key);
    }
    for (String name : List.of("OPENAI_API_KEY", "HF_TOKEN", "MY_KEY_2", "sk", "ASSAY_API_TOKEN")) {
      Path f = write("model:\n  base_url: http://127.0.0.1:1\n  name: m\n  api_key_env: " + name + "\n");
      assertThat(ConfigLoader.load(f, Map.of()).model().apiKeyEnv()).isEqualTo(name);
    }
  }

  @Test
  void webAllowListsAndSeedDirectories() throws Exception {
    AssayConfig demo = ConfigLoader.load(Path.of("config/demo.yaml"), Map.of());
    assertThat(demo.web().allowedHosts()).isEmpty();
    assertThat(demo.web().allowedOrigins()).isEmpty();
    assertThat(demo.web().seedDirs()).containsExactly(Path.of("problems").toAbsolutePath());
    Path f = write("model:\n  simulated: true\nweb:\n  allowed_hosts: [Assay.LAN, 'box:9000', '[::2]']\n"
        + "  allowed_origins: ['http://assay.lan:8080/', 'https://x.example']\n  seed_dirs: [" + dir + "]\n");
    AssayConfig.Web w = ConfigLoader.load(f, Map.of()).web();
    assertThat(w.allowedHosts()).containsExactly("assay.lan", "box:9000", "[::2]");
    assertThat(w.allowedOrigins()).containsExactly("http://assay.lan:8080", "https://x.example");
    assertThat(w.seedDirs()).containsExactly(dir.toAbsolutePath());
    for (String[] bad : List.of(new String[] {"allowed_hosts", "'http://x'", "web.allowed_hosts[0]"},
        new String[] {"allowed_hosts", "'a b'", "web.allowed_hosts[0]"},
        new String[] {"allowed_origins", "'assay.lan'", "web.allowed_origins[0]"},
        new String[] {"allowed_origins", "'null'", "web.allowed_origins[0]"},
        new String[] {"allowed_origins", "'http://x/path'", "web.allowed_origins[0]"},
        new String[] {"seed_dirs", dir.resolve("missing").toString(), "web.seed_dirs[0]"})) {
      Path b = write("model:\n  simulated: true\nweb:\n  " + bad[0] + ": [" + bad[1] + "]\n");
      assertThatThrownBy(() -> ConfigLoader.load(b, Map.of())).as(bad[1]).hasMessageContaining(b + ": " + bad[2] + ": ");
    }
  }

  @Test
  void modelAndSimulatorFieldsOfIssue10HaveDefaultsAndRanges() throws Exception {
    AssayConfig plain = ConfigLoader.load(write("model:\n  simulated: true\n"), Map.of());
    assertThat(plain.model().maxOutageMs()).isEqualTo(120_000);
    assertThat(plain.simulator().behavesLike()).isEqualTo("vllm");
    assertThat(plain.simulator().slots()).isEqualTo(4);
    assertThat(plain.simulator().requestLog()).isNull();
    AssayConfig set = ConfigLoader.load(write("model:\n  simulated: true\n  max_outage_ms: 5000\n"
        + "simulator:\n  behaves_like: llama.cpp\n  slots: 2\n  request_log: logs/requests.jsonl\n"
        + "  faults: {down_file: model-down}\n"), Map.of());
    assertThat(set.model().maxOutageMs()).isEqualTo(5_000);
    assertThat(set.simulator().behavesLike()).isEqualTo("llama.cpp");
    assertThat(set.simulator().slots()).isEqualTo(2);
    assertThat(set.simulator().requestLog()).isEqualTo(Path.of("logs/requests.jsonl"));
    assertThat(set.simulator().downFile()).isEqualTo(Path.of("model-down"));
    assertThat(plain.simulator().downFile()).isNull();
    assertThat(set.model().withName("ft").maxOutageMs()).isEqualTo(5_000);

    for (String bad : new String[] {"model:\n  simulated: true\n  max_outage_ms: -1\n",
        "model:\n  simulated: true\n  max_outage_ms: 999999999999\n"}) {
      Path f = write(bad);
      assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining(f.toString())
          .hasMessageContaining("model.max_outage_ms");
    }
    Path server = write("model:\n  simulated: true\nsimulator:\n  behaves_like: tgi\n");
    assertThatThrownBy(() -> ConfigLoader.load(server, Map.of())).hasMessageContaining(server.toString())
        .hasMessageContaining("simulator.behaves_like").hasMessageContaining("llama.cpp");
    Path slots = write("model:\n  simulated: true\nsimulator:\n  slots: 0\n");
    assertThatThrownBy(() -> ConfigLoader.load(slots, Map.of())).hasMessageContaining("simulator.slots")
        .isInstanceOf(AssayException.class).extracting(e -> ((AssayException) e).kind()).isEqualTo(ErrorKind.CONFIG);
  }

  @Test
  void simulatorAgentFieldsOfIssue11HaveDefaultsAndRanges() throws Exception {
    AssayConfig plain = ConfigLoader.load(write("model:\n  simulated: true\n"), Map.of());
    assertThat(plain.simulator().toolUse()).isEqualTo(0.6);
    assertThat(plain.simulator().toolCorrect()).isEqualTo(0.9);
    assertThat(plain.simulator().toolBoost()).isEqualTo(0.25);
    assertThat(plain.simulator().repairSuccess()).isEqualTo(0.5);
    assertThat(plain.simulator().maxToolCalls()).isEqualTo(2);
    AssayConfig set = ConfigLoader.load(write("model:\n  simulated: true\nsimulator:\n  tool_use: 1\n"
        + "  tool_correct: 0.5\n  tool_boost: 0\n  repair_success: 0.75\n  max_tool_calls: 3\n"), Map.of());
    assertThat(set.simulator().toolUse()).isEqualTo(1.0);
    assertThat(set.simulator().toolCorrect()).isEqualTo(0.5);
    assertThat(set.simulator().toolBoost()).isZero();
    assertThat(set.simulator().repairSuccess()).isEqualTo(0.75);
    assertThat(set.simulator().maxToolCalls()).isEqualTo(3);
    for (String[] bad : List.of(new String[] {"tool_use", "1.5"}, new String[] {"tool_correct", "2"},
        new String[] {"tool_boost", "1.01"}, new String[] {"repair_success", "-0.1"},
        new String[] {"max_tool_calls", "17"}, new String[] {"max_tool_calls", "1.5"})) {
      Path f = write("model:\n  simulated: true\nsimulator:\n  " + bad[0] + ": " + bad[1] + "\n");
      refused(f, "simulator." + bad[0], bad[1]);
    }
    assertThat(ConfigLoader.load(write("model:\n  simulated: true\n"), Map.of("ASSAY_SIMULATOR_TOOL_USE", "0.2"))
        .simulator().toolUse()).isEqualTo(0.2);
  }
}
