package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay prompts}: the messages the round would send for its seeds, in the seeds' format and language. */
class PromptsCommandTest {
  private static Path config(Path dir, String round) throws Exception {
    return Files.writeString(dir.resolve("c.yaml"), "model: {simulated: true}\nround: {seeds: ["
        + Path.of("problems/io.jsonl").toAbsolutePath() + "], " + round + "}\n");
  }

  @Test
  void aStdinStdoutRoundWithRepairShowsItsProgramPromptsAndTheRepairFeedback(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.of("prompts", "--config", config(dir, "code_language: rust, solve_mode: repair").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("=== propose/code-io (problem io-001").contains("=== solve/code-io (problem io-001")
        .contains("complete Rust program").doesNotContain("=== solve/code (")
        .contains("=== agent/repair-code (problem io-001, example feedback")
        .contains("Fix it and reply with the whole corrected program in one ```rust code block.");
  }

  @Test
  void theRepairFeedbackIsShownOnlyWhereTheRoundRepairsOrWhenAsked(@TempDir Path dir) throws Exception {
    Path cfg = config(dir, "code_language: cpp");
    assertThat(CliRun.of("prompts", "--config", cfg.toString()).out()).doesNotContain("agent/repair-code");
    CliRun asked = CliRun.of("prompts", "--config", cfg.toString(), "--task", "agent/repair-code");
    assertThat(asked.code()).as(asked.err()).isZero();
    assertThat(asked.outLines()).startsWith("=== agent/repair-code (problem io-001, example feedback; "
        + "config/prompts/agent_repair_code.yaml (shipped)) ===", "[user]")
        .contains("Fix it and reply with the whole corrected program in one ```cpp code block.");
  }
}
