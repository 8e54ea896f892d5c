package dev.assay.loop.clean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.loop.clean.NearDuplicates.Match;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 6, acceptance 2, at the library level: the lead's round test drives the same calls. */
class ContaminationAcceptanceTest {
  @Test
  void plantedGsm8kSeedIsContaminatedAndItsNumberChangedParaphraseIsANearDuplicate() throws Exception {
    Decontaminator decon = Decontaminator.load(List.of(Path.of("../shared/peer/gsm8k_test.jsonl")), 13);
    String planted = new JsonObject(Files.readAllLines(Path.of("../shared/peer/gsm8k_test.jsonl")).get(0)).getString("question");
    List<String> seeds = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("problems/math.jsonl"))) {
      seeds.add(new JsonObject(line).getString("problem"));
    }
    seeds.add(17, planted);

    List<String> dropped = new ArrayList<>();
    for (String s : seeds) {
      Optional<Decontaminator.Hit> hit = decon.check(s);
      hit.ifPresent(h -> dropped.add(h.benchmark() + ":" + h.itemId()));
    }
    assertThat(dropped).containsExactly("gsm8k_test:line 1");

    String paraphrase = planted.replace("16 eggs", "20 eggs");
    NearDuplicates dedup = new NearDuplicates();
    assertThat(dedup.addOrMatch("p1", planted).kind()).isEqualTo(Match.Kind.NONE);
    Match m = dedup.addOrMatch("p2", paraphrase);
    assertThat(m.kind()).isEqualTo(Match.Kind.NEAR);
    assertThat(m.otherId()).isEqualTo("p1");
  }
}
