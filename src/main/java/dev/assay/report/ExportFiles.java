package dev.assay.report;

import dev.assay.AssayException;
import dev.assay.config.Outputs;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an export may write: never a directory, never a file Assay did not write (unless forced).
 * An export file is Assay's when it is empty or its first record carries Assay's provenance; a
 * dataset card when it starts with {@link DatasetCard#MARKER} (or is a card from before the marker).
 */
final class ExportFiles {
  static final String CARD = "README.md";
  private static final int HEAD_BYTES = 1 << 20;

  private ExportFiles() {}

  /**
   * Fails (INVALID_INPUT, naming the path) unless {@code out} and the card beside it can be
   * written: not a directory, a writable place, and, unless {@code force}, not a file Assay did
   * not write. Called before any work starts, and again just before writing.
   */
  static void checkOut(Path out, boolean force) {
    Outputs.file(out, "--out");
    if (out.getFileName().toString().equals(CARD)) {
      throw AssayException.invalid(out + ": --out must not be named " + CARD + " (the dataset card is written beside it)");
    }
    Path card = out.toAbsolutePath().getParent().resolve(CARD);
    if (Files.isDirectory(card) || Files.exists(card) && !Files.isRegularFile(card)) {
      throw AssayException.invalid(card + ": is not a regular file, where export writes its dataset card");
    }
    if (force) {
      return;
    }
    if (Files.exists(out) && !ours(out, ExportFiles::assayRecords)) {
      throw notOurs(out);
    }
    if (Files.exists(card) && !ours(card, DatasetCard::ours)) {
      throw notOurs(card);
    }
  }

  private static AssayException notOurs(Path f) {
    return AssayException.invalid(f + ": exists and was not written by Assay; refusing to overwrite it"
        + " (move it away, choose another --out, or pass --force to replace it)");
  }

  private static boolean ours(Path f, java.util.function.Predicate<String> test) {
    try (java.io.InputStream in = Files.newInputStream(f)) {
      return test.test(new String(in.readNBytes(HEAD_BYTES), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw AssayException.invalid(f + ": cannot read it to see whether Assay wrote it: " + e.getMessage());
    }
  }

  /** Whether {@code head} (a file's start) is empty or begins with a record Assay exported. */
  private static boolean assayRecords(String head) {
    if (head.isEmpty()) {
      return true;
    }
    int nl = head.indexOf('\n');
    if (nl < 0) {
      return false;
    }
    try {
      JsonObject meta = new JsonObject(head.substring(0, nl)).getJsonObject("meta");
      return meta != null && meta.containsKey("run") && meta.containsKey("problem_id") && meta.containsKey("verifier");
    } catch (RuntimeException e) {
      return false;
    }
  }

}
