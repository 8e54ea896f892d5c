package dev.assay.report;

import dev.assay.store.ModelRecord;
import dev.assay.store.RoundInfo;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The {@code README.md} written beside an export: what is in it, how it was made and filtered. Its
 * first line is {@link #MARKER}, by which a later export knows the file is Assay's to replace.
 */
final class DatasetCard {
  /** The first line of every card Assay writes (an HTML comment: invisible when rendered). */
  static final String MARKER = "<!-- assay export: dataset card, replaced by the next export to this directory -->";
  /** How cards written before the marker began, with a sentence only they contain. */
  private static final String LEGACY_HEAD = "# Dataset: run `";
  private static final String LEGACY_TEXT = "Every record passed Assay's verification";

  private DatasetCard() {}

  /** Whether {@code text} (a file's start) is a card Assay wrote: the marker, or the pre-marker heading and text. */
  static boolean ours(String text) {
    return text.startsWith(MARKER + "\n") || text.startsWith(LEGACY_HEAD) && text.contains(LEGACY_TEXT);
  }

  static void write(Path file, JsonObject summary, List<RoundInfo> rounds, List<ModelRecord> models) throws IOException {
    boolean simulated = rounds.stream().anyMatch(RoundInfo::simulated);
    StringBuilder b = new StringBuilder(MARKER).append('\n');
    b.append("# Dataset: run `").append(summary.getString("run")).append("` (").append(summary.getString("format"))
        .append(")\n\n");
    if (simulated) {
      b.append("**Made with Assay's SIMULATED model, not a real LLM.** Use it to test pipelines, not to train models.\n\n");
    }
    b.append("Every record passed Assay's verification: code was executed against its tests in an isolated sandbox, ")
        .append("math answers were checked for equivalence with the reference. Each record's `meta` holds its provenance ")
        .append("(problem id, round, model, verifier and version, sandbox, sample seed).\n\n");
    b.append("- file: `").append(Path.of(summary.getString("file")).getFileName()).append("`\n");
    b.append("- records: ").append(summary.getLong("records")).append('\n');
    b.append("- per round: ").append(summary.getJsonObject("per_round").encode()).append('\n');
    b.append("- per domain: ").append(summary.getJsonObject("per_domain").encode()).append('\n');
    b.append("- verifiers: ").append(summary.getJsonObject("verifiers").encode()).append('\n');
    b.append("- rationalized (STaR, answer given as a hint): ").append(summary.getLong("rationalized")).append("\n\n");
    b.append("## Rounds\n\n| round | model | sandbox | attempts | verified | kept | pass@1 | decontaminated against | filters |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (RoundInfo r : rounds) {
      JsonObject rep = r.report() == null ? new JsonObject() : r.report();
      JsonObject st = rep.getJsonObject("stages", new JsonObject());
      b.append("| ").append(r.roundNo()).append(" | ").append(r.model()).append(" | ").append(rep.getString("sandbox", ""))
          .append(" | ").append(st.getLong("attempts", 0L)).append(" | ").append(st.getLong("verified", 0L))
          .append(" | ").append(st.getLong("kept", 0L)).append(" | ").append(rep.getDouble("pass_at_1", 0.0))
          .append(" | ").append(rep.getString("decontaminated_against", "")).append(" | ")
          .append(rep.getJsonArray("filters", new io.vertx.core.json.JsonArray()).encode()).append(" |\n");
    }
    b.append("\n## Sources\n\n");
    for (RoundInfo r : rounds) {
      b.append("- round ").append(r.roundNo()).append(": seeds and settings as recorded in the database (`rounds.config_json`)\n");
    }
    b.append("\n## Models\n\n| model | parent | made after round | trained on |\n|---|---|---|---|\n");
    for (ModelRecord m : models) {
      b.append("| ").append(m.name()).append(m.simulated() ? " (simulated)" : "").append(" | ")
          .append(m.parent().isEmpty() ? "-" : m.parent()).append(" | ").append(m.afterRound()).append(" | ")
          .append(m.dataset().isEmpty() ? "-" : m.dataset()).append(" |\n");
    }
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".README.md.", ".tmp");
    try {
      Files.writeString(tmp, b.toString());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
