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
}
