package dev.assay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
