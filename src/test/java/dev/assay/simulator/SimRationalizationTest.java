package dev.assay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Prompt 10 (STaR rationalization) over loopback HTTP. */
@ExtendWith(VertxExtension.class)
class SimRationalizationTest {

  @Test
  void hintedSolvesMostlyExplainTheAnswerWithoutMentioningTheHint(Vertx vertx) {
    var sim = SimProposalsWithProgramsTest.model(vertx, SimulatorOptions.defaults());
    String problem = SimProposalsWithProgramsTest.MARBLES;
    String answer = MathTemplates.solve(problem).orElseThrow().answer();
    assertThat(answer).isEqualTo("10");
    List<String> texts = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      texts.addAll(sim.apply(Ask.rationalize(answer, problem, 100, seed)));
    }
    int clean = 0;
    int mentions = 0;
    int wrong = 0;
    for (String t : texts) {
      String boxed = SimCodeReasoningSolveTest.boxed(t);
      boolean hint = t.toLowerCase(Locale.ROOT).contains("hint");
      if (!answer.equals(boxed)) {
        wrong++;
      } else if (hint) {
        mentions++;
      } else {
        clean++;
        assertThat(t).contains("2 * 3 = 6");
      }
    }
    assertThat(clean).isBetween(195, 255);
    assertThat(mentions).isBetween(25, 70);
    assertThat(wrong).isBetween(12, 50);
    assertThat(sim.apply(Ask.rationalize(answer, problem, 10, 2L)))
        .containsExactlyElementsOf(texts.subList(100, 110));
  }

  @Test
  void aHintForAnUnknownProblemIsStillExplainedAndBoxed(Vertx vertx) {
    var sim = SimProposalsWithProgramsTest.model(vertx, SimulatorOptions.defaults());
    List<String> texts = sim.apply(
        Ask.rationalize("3.5", "A rope is cut into two pieces; how long is the short one?", 40, 9L));
    assertThat(texts.stream().filter(t -> "3.5".equals(SimCodeReasoningSolveTest.boxed(t))).count())
        .isGreaterThan(25);
  }
}
