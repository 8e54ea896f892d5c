package dev.assay.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.config.ConfigLoader;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import dev.assay.store.Attempt;
import dev.assay.store.KeepDecision;
import dev.assay.store.KeptSample;
import dev.assay.store.PassRate;
import dev.assay.store.StoredVerdict;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KeepStage#decide} is pure: the same verified samples always get the same decisions, with one reason each. */
class KeepDecideTest {
  static Cleaning cleaning;
  static final Problem A = Problem.of(Domain.MATH, "seed", "", "a", new JsonObject().put("problem", "a").put("answer", "1"));
  static final Problem B = Problem.of(Domain.CODE, "proposed", "x", "", new JsonObject().put("prompt", "def f(): pass")
      .put("solution", "def f(): return 1"));

  @BeforeAll
  static void config(@TempDir Path dir) throws Exception {
    Path yaml = Files.writeString(dir.resolve("k.yaml"), """
        run: {name: k}
        model: {simulated: true}
        round: {seeds: [%s]}
        keep: {max_solutions_per_problem: 2, min_dual_agreement: 0.5, decontaminate: [], filters: ["length < 200"]}
        """.formatted(Path.of("problems/math.jsonl").toAbsolutePath()));
    cleaning = Cleaning.create(ConfigLoader.load(yaml, Map.of()));
  }

  static KeptSample sample(Problem p, int idx, String text, String kind) {
    Attempt a = new Attempt(p.id(), idx, Problem.hash(p.id() + "\n" + text), text, 5, text.length() / 4, "m", 1, kind);
    return new KeptSample(a, p, new StoredVerdict("ok", "", "v", 1), 1, null);
  }

  static Map<Integer, String> reasons(List<KeepDecision> d, Problem p) {
    return d.stream().filter(x -> x.problemId().equals(p.id()))
        .collect(Collectors.toMap(KeepDecision::idx, x -> x.kept() ? "kept" : x.dropReason()));
  }

  @Test
  void eachVerifiedSampleGetsOneDecisionAndTheSameInputsTheSameDecisions() {
    List<KeptSample> in = new ArrayList<>(List.of(
        sample(A, 0, "x = 1, so the answer is \\boxed{1}", "sample"),
        sample(A, 1, "x = 1, so the answer is \\boxed{1}", "sample"),
        sample(A, 2, "Using the hint, the answer is \\boxed{1}", "rationalization"),
        sample(A, 3, "one " + "long ".repeat(60) + "\\boxed{1}", "sample"),
        sample(A, 4, "we count: 1, so \\boxed{1}", "sample"),
        sample(A, 5, "adding nothing gives \\boxed{1}", "sample")));
    in.sort(java.util.Comparator.comparing(KeptSample::key));
    Map<String, PassRate> rates = Map.of(A.id(), new PassRate(6, 6));
    List<KeepDecision> d = KeepStage.decide(cleaning, 1, in, rates, Map.of());
    assertThat(d).hasSize(6);
    assertThat(reasons(d, A)).containsEntry(0, "kept").containsEntry(1, "duplicate").containsEntry(2, "mentions_hint")
        .containsEntry(3, "filtered");
    assertThat(reasons(d, A).values().stream().filter("kept"::equals)).hasSize(2);
    assertThat(reasons(d, A).values()).contains("per_problem_cap");
    assertThat(KeepStage.decide(cleaning, 1, in, rates, Map.of())).isEqualTo(d);
  }

  @Test
  void samplesOfAProblemWhoseTestsScoredBelowTheAgreementThresholdAreDropped() {
    List<KeptSample> in = List.of(sample(B, 0, "def f(): return 1", "sample"), sample(B, 1, "def f():\n    x = 0\n    return x + 1", "sample"));
    assertThat(reasons(KeepStage.decide(cleaning, 1, in, Map.of(), Map.of(B.id(), 0.25)), B).values())
        .containsOnly("low_agreement");
    assertThat(reasons(KeepStage.decide(cleaning, 1, in, Map.of(), Map.of(B.id(), 0.75)), B).values())
        .containsOnly("kept");
  }
}
