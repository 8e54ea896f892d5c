package dev.assay.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Self-play replies depend on (seed, request seed, prompt, index) only: not on n, order or faults. */
@ExtendWith(VertxExtension.class)
class SimSelfPlayDeterminismTest {
  static List<String> prompts() {
    String program = "def f(x):\n    return [v for v in x if v > 4]\n";
    return List.of(
        SelfPlayPrompts.tinyGsm(4, SimProposalsWithProgramsTest.MARBLES),
        SelfPlayPrompts.reasoning(4, "def f(x):\n    return x[::-1]\n"),
        SelfPlayPrompts.deduce(program, "[3, 9, 5, 1]"),
        SelfPlayPrompts.abduce(program, "[9, 5]"),
        SelfPlayPrompts.induce("Returns the elements of the list x that are greater than 4, in order.",
            "[3, 9, 5, 1]", "[9, 5]", "[7]", "[7]"),
        SelfPlayPrompts.rationalize("10", SimProposalsWithProgramsTest.MARBLES));
  }

  @Test
  void repliesDependOnSeedPromptAndIndexOnly(Vertx vertx) {
    var first = SimProposalsWithProgramsTest.model(vertx, SimulatorOptions.defaults().withSeed(42));
    var second = SimProposalsWithProgramsTest.model(vertx,
        SimulatorOptions.defaults().withSeed(42).withFaults(0.2, 0.1, 0.05, 0.05));
    List<String> prompts = prompts();
    List<List<String>> eight = new ArrayList<>();
    for (String p : prompts) {
      eight.add(first.apply(ChatRequest.of(p, 8, 5L)));
    }
    for (int i = prompts.size() - 1; i >= 0; i--) {
      assertThat(second.apply(ChatRequest.of(prompts.get(i), 3, 5L))).as(prompts.get(i))
          .containsExactlyElementsOf(eight.get(i).subList(0, 3));
      assertThat(new HashSet<>(eight.get(i))).as(prompts.get(i)).hasSizeGreaterThan(1);
    }
    var otherSeed = SimProposalsWithProgramsTest.model(vertx, SimulatorOptions.defaults().withSeed(43));
    assertThat(otherSeed.apply(ChatRequest.of(prompts.get(0), 8, 5L))).isNotEqualTo(eight.get(0));
  }
}
