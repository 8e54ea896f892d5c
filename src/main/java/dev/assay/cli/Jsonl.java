package dev.assay.cli;

import dev.assay.AssayException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSONL input file whole, failing with the file and line of the first bad line. */
final class Jsonl {
  private Jsonl() {}

  record Line(int number, JsonObject json) {}

  static List<Line> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw AssayException.invalid(file + ": no such file");
    } catch (IOException e) {
      throw AssayException.invalid(file + ": cannot read: " + e.getMessage());
    }
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        out.add(new Line(i + 1, new JsonObject(lines.get(i))));
      } catch (DecodeException | ClassCastException e) {
        throw AssayException.invalid(file + ":" + (i + 1) + ": not a JSON object");
      }
    }
    return out;
  }
}
