package dev.assay.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The four original prompt types answer byte-for-byte as before the self-play prompts were
 * added: the digest below was computed on the simulator before that change.
 */
class SimLegacyPromptsUnchangedTest {
  static final String GOLDEN = "8415ca61314fbaf7";

  static String digestOfLegacyReplies() {
    SimBrain brain = new SimBrain(1234, Map.of(), Knowledge.empty());
    StringBuilder all = new StringBuilder();
    List<String> prompts = List.of(
        SimulatorDeterminismTest.MATH_SOLVE + "Solve for x: 3x + 7 = 22",
        SimulatorDeterminismTest.MATH_SOLVE + "What is 1/2 plus 1/3? Give the answer as a fraction in lowest terms.",
        SimulatorDeterminismTest.MATH_SOLVE + "How many legs do 3 spiders have?",
        SimulatorDeterminismTest.CODE_SOLVE + "def digit_sum(n):\n    \"\"\"Return the sum of the decimal digits of n >= 0.\"\"\"\n",
        SimulatorDeterminismTest.CODE_SOLVE + "def mystery(a, b):\n    \"\"\"Do something.\"\"\"\n",
        SimulatorDeterminismTest.mathPropose(5, "Tom has 5 marbles."),
        SimulatorDeterminismTest.mathPropose(3, "Solve for x: 2x + 1 = 5"),
        SimulatorDeterminismTest.codePropose(4, "def running_max(xs):\n    \"\"\"Running max.\"\"\"\n"),
        "Tell me a joke.");
    for (String p : prompts) {
      for (Long seed : new Long[] {null, 7L}) {
        for (int i = 0; i < 12; i++) {
          all.append(brain.reply(List.of(ChatMessage.user(p)), seed, i)).append('\u0000');
        }
      }
    }
    return Long.toHexString(SimRandom.hash(all));
  }

  @Test
  void legacyPromptRepliesAreByteForByteUnchanged() {
    assertThat(digestOfLegacyReplies()).isEqualTo(GOLDEN);
  }
}
