package dev.assay.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.loop.core.Domain;
import dev.assay.loop.core.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedLoaderTest {
  @TempDir Path dir;

  @Test
  void projectSeedSetsLoadWithTheirSizes() {
    List<Problem> math = SeedLoader.load(Path.of("problems/math.jsonl"));
    List<Problem> code = SeedLoader.load(Path.of("problems/code.jsonl"));
    assertThat(math).hasSizeGreaterThanOrEqualTo(30).allMatch(p -> p.domain() == Domain.MATH && !p.answer().isEmpty());
    assertThat(code).hasSizeGreaterThanOrEqualTo(20).allMatch(p -> p.domain() == Domain.CODE);
    assertThat(math.stream().map(Problem::id).distinct().count()).isEqualTo(math.size());
  }

  @Test
  void publicFormatsLoad() {
    assertThat(SeedLoader.load(Path.of("../shared/peer/humaneval.jsonl"))).hasSize(164)
        .allMatch(p -> p.body().getString("format").equals("humaneval"));
    assertThat(SeedLoader.load(Path.of("../shared/peer/mbpp.jsonl"))).hasSize(427)
        .allMatch(p -> p.body().getString("format").equals("mbpp"));
    List<Problem> gsm = SeedLoader.load(Path.of("../shared/peer/gsm8k_test.jsonl"));
    assertThat(gsm).hasSize(1319).allMatch(p -> !p.answer().contains(","));
    assertThat(SeedLoader.load(Path.of("../shared/peer/math500.jsonl"))).hasSize(500);
  }

  @Test
  void badLineNamesFileLineAndField() throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"id\":\"a\",\"problem\":\"1+1?\",\"answer\":\"2\"}\n{\"id\":\"b\",\"prompt\":\"def f():\",\"entry_point\":\"f\"}\n");
    assertThatThrownBy(() -> SeedLoader.load(f)).hasMessageContaining(f + ":2").hasMessageContaining("'tests'");
  }

  @Test
  void notJsonNamesLine() throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"id\":\"a\",\"problem\":\"1+1?\",\"answer\":\"2\"}\n{oops\n");
    assertThatThrownBy(() -> SeedLoader.load(f)).hasMessageContaining(f + ":2: not a JSON object");
  }

  @Test
  void stdinStdoutSeedsAreSolvedInTheRoundsLanguageUnlessTheyNameTheirOwn() throws Exception {
    List<Problem> python = SeedLoader.load(Path.of("problems/io.jsonl"));
    List<Problem> cpp = SeedLoader.load(Path.of("problems/io.jsonl"), "cpp");
    assertThat(python).hasSize(6).allMatch(p -> p.body().getString("format").equals("io")
        && p.body().getString("language").equals("python") && !p.statement().isBlank());
    assertThat(cpp).allMatch(p -> p.body().getString("language").equals("cpp"));
    assertThat(cpp.get(0).id()).as("the language is part of the problem").isNotEqualTo(python.get(0).id());
    assertThat(cpp.get(3).body().getJsonObject("checker").getString("type")).isEqualTo("float");
    assertThat(dev.assay.loop.prompt.Vars.solveTask(cpp.get(0))).isEqualTo("solve/code-io");

    Path f = dir.resolve("own.jsonl");
    Files.writeString(f, "{\"id\":\"x\",\"statement\":\"Echo n.\",\"language\":\"rust\","
        + "\"tests\":[{\"input\":\"1\\n\",\"output\":\"1\\n\"}]}\n");
    Problem own = SeedLoader.load(f, "cpp").get(0);
    assertThat(own.body().getString("language")).isEqualTo("rust");
    assertThat(own.statement()).isEqualTo("Echo n.");
  }

  @Test
  void aCodeContestsLineIsASeedAndABadStdinStdoutLineNamesFileLineAndField() throws Exception {
    Path cc = dir.resolve("cc.jsonl");
    Files.writeString(cc, "{\"name\":\"1_A\",\"description\":\"Print n + 1.\",\"public_tests\":{\"input\":[\"1\\n\"],"
        + "\"output\":[\"2\\n\"]},\"private_tests\":{\"input\":[\"5\\n\"],\"output\":[\"6\\n\"]}}\n");
    Problem p = SeedLoader.load(cc, "go").get(0);
    assertThat(p.sourceId()).isEqualTo("1_A");
    assertThat(p.body().getJsonArray("tests")).hasSize(2);
    assertThat(p.body().getString("language")).isEqualTo("go");

    Path bad = dir.resolve("bad-io.jsonl");
    Files.writeString(bad, "{\"id\":\"y\",\"prompt\":\"p\",\"language\":\"cobol\",\"tests\":[{\"input\":\"1\"}]}\n");
    assertThatThrownBy(() -> SeedLoader.load(bad)).hasMessageContaining(bad + ":1").hasMessageContaining("'language'");
  }
}
