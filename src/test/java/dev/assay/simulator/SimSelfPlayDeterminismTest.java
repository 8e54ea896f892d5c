package dev.assay.simulator;

import dev.assay.model.ChatRequest;

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
  /** The self-play requests, for {@code n} choices. */
  static List<ChatRequest> prompts(int n) {
    String program = "def f(x):\n    return [v for v in x if v > 4]\n";
    return List.of(
        Ask.propose("propose/math-program", 4, SimProposalsWithProgramsTest.MARBLES, n, 5L),
        Ask.propose("propose/code-reasoning", 4, "def f(x):\n    return x[::-1]\n", n, 5L),
        Ask.deduce(program, "[3, 9, 5, 1]", n, 5L),
        Ask.abduce(program, "[9, 5]", n, 5L),
        Ask.induce("Returns the elements of the list x that are greater than 4, in order.", n, 5L,
            "[3, 9, 5, 1]", "[9, 5]", "[7]", "[7]"),
        Ask.rationalize("10", SimProposalsWithProgramsTest.MARBLES, n, 5L));
  }

  @Test
  void repliesDependOnSeedPromptAndIndexOnly(Vertx vertx) {
    var first = SimProposalsWithProgramsTest.model(vertx, SimulatorOptions.defaults().withSeed(42));
    var second = SimProposalsWithProgramsTest.model(vertx,
        SimulatorOptions.defaults().withSeed(42).withFaults(0.2, 0.1, 0.05, 0.05));
    List<ChatRequest> eights = prompts(8);
    List<ChatRequest> threes = prompts(3);
    List<List<String>> eight = new ArrayList<>();
    for (ChatRequest p : eights) {
      eight.add(first.apply(p));
    }
    for (int i = eights.size() - 1; i >= 0; i--) {
      assertThat(second.apply(threes.get(i))).as(threes.get(i).task())
          .containsExactlyElementsOf(eight.get(i).subList(0, 3));
      assertThat(new HashSet<>(eight.get(i))).as(threes.get(i).task()).hasSizeGreaterThan(1);
    }
    var otherSeed = SimProposalsWithProgramsTest.model(vertx, SimulatorOptions.defaults().withSeed(43));
    assertThat(otherSeed.apply(eights.get(0))).isNotEqualTo(eight.get(0));
  }
}
