package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.store.Store.KeptSample;
import dev.assay.verify.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code OUT/samples.jsonl} (one kept sample per line, chat format) and {@code
 * OUT/report.json}. Both are rewritten whole from the database through a temp file and an atomic
 * move, so a resumed round never duplicates a line and a reader never sees half a file.
 */
final class SamplesWriter {
  private SamplesWriter() {}

  static Rounds.Result write(Path out, RoundRunner.Outcome o) {
    try {
      Files.createDirectories(out);
      Path samples = out.resolve("samples.jsonl");
      Path tmp = out.resolve(".samples.jsonl.tmp");
      try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
        for (KeptSample k : o.kept()) {
          w.write(line(k, o.round().simulated()).encode());
          w.write('\n');
        }
      }
      Files.move(tmp, samples, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Path report = out.resolve("report.json");
      Path rtmp = out.resolve(".report.json.tmp");
      Files.writeString(rtmp, o.report().encodePrettily() + "\n");
      Files.move(rtmp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Rounds.Result(o.round().roundNo(), o.round().run(), o.report(), samples, report, o.kept().size());
    } catch (IOException e) {
      throw new AssayException(ErrorKind.INVALID_INPUT, out + ": cannot write round output: " + e.getMessage(), e);
    }
  }

  static JsonObject line(KeptSample k, boolean simulated) {
    Problem p = k.problem();
    return new JsonObject()
        .put("id", k.attempt().sampleId())
        .put("messages", new JsonArray()
            .add(new JsonObject().put("role", "user").put("content", Prompts.solve(p)))
            .add(new JsonObject().put("role", "assistant").put("content", k.attempt().text())))
        .put("meta", new JsonObject()
            .put("problem_id", p.id())
            .put("domain", p.domain().wire())
            .put("origin", p.origin())
            .put("source_id", p.sourceId())
            .put("parent_id", p.parentId())
            .put("round", k.roundNo())
            .put("model", k.attempt().model())
            .put("simulated", simulated)
            .put("sample_index", k.attempt().idx())
            .put("seed", k.attempt().seed())
            .put("verdict", k.verdict().reason().wire())
            .put("verifier", k.verdict().verifier())
            .put("tokens", k.attempt().promptTokens() + k.attempt().completionTokens())
            .put("problem", p.body()));
  }
}
