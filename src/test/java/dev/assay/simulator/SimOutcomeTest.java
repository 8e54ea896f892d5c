package dev.assay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimOutcomeTest {
  @Test
  void weightsAreNormalisedPerDomainWithDomainPrefixesWinning() {
    Map<String, Double> configured = Map.of("correct", 1.0, "no_answer", 1.0, "fork_bomb", 2.0,
        "code.correct", 2.0);
    assertThat(SimOutcome.weights(configured, "math")).containsOnlyKeys(SimOutcome.CORRECT, SimOutcome.NO_ANSWER);
    assertThat(SimOutcome.weights(configured, "code"))
        .containsEntry(SimOutcome.CORRECT, 2.0).containsEntry(SimOutcome.FORK_BOMB, 2.0)
        .doesNotContainKey(SimOutcome.NO_ANSWER);
    assertThat(SimOutcome.weights(Map.of("code.raises", 1.0), "math")).hasSize(3)
        .containsEntry(SimOutcome.CORRECT, 0.55);
  }

  @Test
  void drawsFollowTheWeights() {
    Map<SimOutcome, Double> weights = SimOutcome.weights(Map.of(), "code");
    Map<SimOutcome, Integer> counts = new EnumMap<>(SimOutcome.class);
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      counts.merge(SimOutcome.draw(weights, rng), 1, Integer::sum);
    }
    assertThat(counts.get(SimOutcome.CORRECT)).isBetween(9_500, 10_500);
    assertThat(counts.get(SimOutcome.FORK_BOMB)).isBetween(600, 1_000);
    assertThat(counts).doesNotContainKey(SimOutcome.NO_ANSWER);
  }

  @Test
  void badSimulatorOptionsAreConfigErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> SimulatorOptions.defaults().withOutcomes(Map.of("lucky", 1.0)))
        .isInstanceOf(AssayException.class).hasMessageContaining("lucky")
        .extracting(e -> ((AssayException) e).kind()).isEqualTo(ErrorKind.CONFIG);
    assertThatThrownBy(() -> SimulatorOptions.defaults().withFaults(0.5, 0.5, 0.5, 0))
        .isInstanceOf(AssayException.class);
    assertThatThrownBy(() -> Knowledge.load(List.of(dir.resolve("missing.jsonl"))))
        .isInstanceOf(AssayException.class).hasMessageContaining("missing.jsonl");
  }

  @Test
  void projectSeedFormatsAreKnown(@TempDir Path dir) throws Exception {
    Path seeds = Files.writeString(dir.resolve("seeds.jsonl"), String.join("\n",
        "{\"id\":\"m1\",\"problem\":\"A  train travels 60 km in 1.5 hours. What is its speed in km/h?\",\"answer\":\"40\"}",
        "{\"id\":\"c1\",\"prompt\":\"def triple(x):\\n    \\\"\\\"\\\"Return 3*x.\\\"\\\"\\\"\\n\",\"tests\":[\"assert triple(2) == 6\"],"
            + "\"entry_point\":\"triple\",\"solution\":\"def triple(x):\\n    return 3 * x\\n\"}",
        "not json at all", ""));
    Knowledge k = Knowledge.load(List.of(seeds));
    assertThat(k.math("A train travels 60 km in 1.5 hours.\nWhat is its speed in km/h?")).get()
        .extracting(Knowledge.Math::answer).isEqualTo("40");
    assertThat(k.code("def triple(x):\n    \"\"\"Return 3*x.\"\"\"\n")).get()
        .extracting(Knowledge.Code::entryPoint).isEqualTo("triple");
    SimBrain brain = new SimBrain(1, Map.of("correct", 1.0), k);
    String reply = Ask.reply(brain, Ask.solveCode("def triple(x):\n    \"\"\"Return 3*x.\"\"\"\n", 1, null), 0);
    assertThat(reply).contains("return 3 * x");
  }
}
