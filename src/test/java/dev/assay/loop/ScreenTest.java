package dev.assay.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.Main;
import dev.assay.config.AssayConfig;
import dev.assay.config.ConfigLoader;
import dev.assay.store.ProblemRow;
import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6, acceptance 2 and 4: decontamination, near duplicates, bad filter expressions. */
class ScreenTest {
  @TempDir Path dir;

  private Cleaning cleaning(String extra) throws Exception {
    Path cfg = dir.resolve("c.yaml");
    Files.writeString(cfg, "model:\n  simulated: true\nkeep:\n  decontaminate:\n    - ../shared/peer/gsm8k_test.jsonl\n" + extra);
    return Cleaning.create(ConfigLoader.load(cfg, Map.of()));
  }

  private static Problem math(String origin, String text) {
    return Problem.of(Domain.MATH, origin, "", "", new JsonObject().put("problem", text).put("answer", "1"));
  }

  @Test
  void plantedBenchmarkSeedIsContaminatedAndItsParaphraseANearDuplicate() throws Exception {
    String gsm = new JsonObject(Files.readAllLines(Path.of("../shared/peer/gsm8k_test.jsonl")).get(0)).getString("question");
    String paraphrase = gsm.replaceFirst("\\d+", "17");
    assertThat(paraphrase).isNotEqualTo(gsm);
    Problem planted = math("seed", gsm);
    Problem ours = math("seed", Files.readAllLines(Path.of("problems/math.jsonl")).stream()
        .map(l -> new JsonObject(l).getString("problem")).findFirst().orElseThrow());
    Problem proposedParaphrase = math("proposed", paraphrase);
    Problem proposedNovel = math("proposed", "A tiling crew lays 9 rows of 14 tiles and then removes 5 broken tiles. How many tiles remain?");
    Cleaning c = cleaning("");
    List<ProblemRow> changed = ScreenStage.screen(c, c.newIndex(), List.of(ProblemRow.valid(planted), ProblemRow.valid(ours),
        ProblemRow.valid(proposedParaphrase), ProblemRow.valid(proposedNovel)));
    assertThat(changed).extracting(r -> r.problem().id(), ProblemRow::dropReason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(planted.id(), "contaminated"),
            org.assertj.core.groups.Tuple.tuple(proposedParaphrase.id(), "near_duplicate"));
    assertThat(changed.stream().filter(r -> r.problem().id().equals(planted.id())).findFirst().orElseThrow().detail())
        .contains("gsm8k_test");
  }

  @Test
  void aProposalRepeatingAProblemOfAnEarlierRoundIsANearDuplicateOfIt() throws Exception {
    Cleaning c = cleaning("");
    dev.assay.loop.clean.NearDuplicates earlier = c.newIndex();
    Problem old = math("proposed", "A farmer plants 12 rows of 15 cabbages in the north field and 9 rows of 11 cabbages in the south field. During the spring market he sells 40 cabbages to a grocer and gives 6 cabbages to his neighbour. How many cabbages are left in both fields together?");
    earlier.addOrMatch(old.id(), old.body().getString("problem"));
    Problem again = math("proposed", "A farmer plants 12 rows of 15 cabbages in the north field and 9 rows of 11 cabbages in the south field. During the spring market he sells 41 cabbages to a grocer and gives 6 cabbages to his neighbour. How many cabbages are left in both fields together?");
    List<ProblemRow> changed = ScreenStage.screen(c, earlier, List.of(ProblemRow.valid(again)));
    assertThat(changed).singleElement().satisfies(r -> {
      assertThat(r.dropReason()).isEqualTo("near_duplicate");
      assertThat(r.detail()).contains(old.id());
    });
    assertThat(earlier.size()).isEqualTo(1);
  }

  @Test
  void screeningTwiceChangesNothingMore() throws Exception {
    String gsm = new JsonObject(Files.readAllLines(Path.of("../shared/peer/gsm8k_test.jsonl")).get(0)).getString("question");
    Cleaning c = cleaning("");
    List<ProblemRow> first = ScreenStage.screen(c, c.newIndex(), List.of(ProblemRow.valid(math("proposed", gsm))));
    assertThat(first).singleElement().extracting(ProblemRow::dropReason).isEqualTo("contaminated");
    assertThat(ScreenStage.screen(c, c.newIndex(), first)).isEmpty();
  }

  @Test
  void filterWithSyntaxErrorExitsTwoNamingIt() throws Exception {
    Path cfg = dir.resolve("bad.yaml");
    Files.writeString(cfg, Files.readString(Path.of("config/demo.yaml")).replace("\"tokens < 4096\"", "\"tokens < && 4096\""));
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true));
    int code;
    try {
      code = Main.run("round", "--config", cfg.toString(), "--db", dir.resolve("x.db").toString());
    } finally {
      System.setErr(err);
    }
    assertThat(code).isEqualTo(2);
    assertThat(buf.toString()).contains("keep.filters").contains("tokens < && 4096");
    assertThat(Files.exists(dir.resolve("x.db"))).isFalse();
  }

  @Test
  void demoConfigBuildsItsCleaning() throws Exception {
    AssayConfig cfg = ConfigLoader.load(Path.of("config/demo.yaml"), Map.of());
    Cleaning c = Cleaning.create(cfg);
    assertThat(c.filters).hasSize(1);
    assertThat(c.decontaminator.items()).isPositive();
  }
}
