package dev.assay.loop.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.loop.clean.PassReport.Counts;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassReportTest {
  @Test
  void meansPassAtKOverProblemsAndBinsPassRates() {
    List<Counts> counts = List.of(new Counts(4, 0), new Counts(4, 1), new Counts(4, 2), new Counts(4, 4), new Counts(0, 0));
    PassReport r = PassReport.of(counts, List.of(1, 4), 4);
    assertThat(r.problems()).isEqualTo(4);
    assertThat(r.passAt().get(1)).isCloseTo((0 + 0.25 + 0.5 + 1) / 4, within(1e-12));
    assertThat(r.passAt().get(4)).isCloseTo(0.75, within(1e-12)); // three problems have a passing sample
    assertThat(r.histogram()).containsExactly(1, 1, 1, 1); // 0 | 0.25 | 0.5 | 1 (last bin closed)
    assertThat(r.nonePassed()).isEqualTo(1);
    assertThat(r.allPassed()).isEqualTo(1);
  }

  @Test
  void kAboveEveryProblemsSamplesIsLeftOutAndJsonHasEdges() {
    PassReport r = PassReport.of(List.of(new Counts(2, 1), new Counts(8, 2)), List.of(1, 4, 16), 10);
    assertThat(r.passAt()).containsOnlyKeys(1, 4);
    assertThat(r.passAt().get(4)).isCloseTo(PassAtK.estimate(8, 2, 4), within(1e-12));
    JsonObject j = r.toJson();
    assertThat(j.getJsonObject("pass_at").fieldNames()).containsExactly("1", "4");
    assertThat(j.getJsonObject("histogram").getJsonArray("edges")).hasSize(11);
    assertThat(j.getJsonObject("histogram").getJsonArray("counts").getList()).containsExactly(0, 0, 1, 0, 0, 1, 0, 0, 0, 0);
    assertThatThrownBy(() -> new Counts(2, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
