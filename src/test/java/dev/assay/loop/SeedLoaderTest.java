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
}
