package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.config.Outputs;
import dev.assay.store.Store;
import dev.assay.store.KeptSample;
import dev.assay.store.ModelRecord;
import dev.assay.store.RoundInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports kept samples for fine-tuning: SFT chat JSONL (what TRL and the OpenAI fine-tuning API
 * take), DPO pairs (a verified and a failed solution of the same problem) and Alpaca. Every record
 * carries its provenance; a {@code README.md} dataset card is written beside the file.
 *
 * <p>An export never overwrites a file Assay did not write (unless forced). Assay knows its own
 * files by their content: a dataset card begins with {@link DatasetCard#MARKER} (or, written
 * before the marker existed, with its heading and verification sentence); an export file is empty
 * or its first record is a JSON object whose {@code meta} holds {@code run}, {@code problem_id}
 * and {@code verifier}.
 */
public final class Exports {
  public static final List<String> FORMATS = List.of("sft", "dpo", "alpaca");
  private static final String CARD = "README.md";
  private static final int HEAD_BYTES = 1 << 20;

  /** The shipped templates: the prompt of samples stored before prompts were kept with them. */
  private static final dev.assay.loop.prompt.PromptBook PROMPTS = dev.assay.loop.prompt.PromptBook.load(
      new dev.assay.config.AssayConfig.Prompts(null, java.util.Map.of(), null));

  private Exports() {}



  /** Every row of a paged listing (an export of one round's kept samples: bounded by the round). */
  private static Future<List<KeptSample>> all(java.util.function.Function<dev.assay.store.SampleKey,
      Future<List<KeptSample>>> fetch) {
    List<KeptSample> out = new ArrayList<>();
    return Pages.each(fetch, KeptSample::key, page -> {
      out.addAll(page);
      return Future.succeededFuture();
    }).map(out);
  }

  /**
   * Fails (INVALID_INPUT, naming the path) unless {@code out} and the card beside it can be
   * written: not a directory, a writable place, and, unless {@code force}, not a file Assay did
   * not write. Called before any work starts, and again just before writing.
   */
  public static void checkOut(Path out, boolean force) {
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
    if (Files.exists(out) && !ours(out, Exports::assayRecords)) {
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

  /** One round's material for an export. */
  private record Part(RoundInfo round, List<KeptSample> kept, List<KeptSample> failed) {}

  /**
   * Writes the export. {@code roundNo} 0 means every finished round of the run; {@code run} null
   * means the newest round's run. Returns a summary (records, per round, per domain).
   */
  public static Future<JsonObject> write(Vertx vertx, Store store, String run, int roundNo, String format, Path out,
      boolean force) {
    if (!FORMATS.contains(format)) {
      return Future.failedFuture(AssayException.invalid("--format must be one of " + FORMATS + ", got '" + format + "'"));
    }
    return store.rounds().list().compose(all -> {
      String r = run != null ? run : all.isEmpty() ? null : all.get(all.size() - 1).run();
      List<RoundInfo> rounds = all.stream()
          .filter(x -> x.run().equals(r) && "done".equals(x.state()) && (roundNo <= 0 || x.roundNo() == roundNo)).toList();
      if (rounds.isEmpty()) {
        return Future.failedFuture(new AssayException(ErrorKind.UNEXPECTED_STATE, "no finished round "
            + (roundNo > 0 ? roundNo + " " : "") + (r == null ? "in the database" : "of run '" + r + "'") + " to export"));
      }
      List<Future<Part>> parts = new ArrayList<>();
      for (RoundInfo ri : rounds) {
        parts.add(all(after -> store.samples().kept(ri.id(), after, Pages.SIZE)).compose(k -> (format.equals("dpo")
                ? all(after -> store.samples().failed(ri.id(), after, Pages.SIZE)) : Future.succeededFuture(List.<KeptSample>of()))
            .map(f -> new Part(ri, k, f))));
      }
      return Future.all(parts).compose(cf -> store.models().list(r).compose(models -> vertx.executeBlocking(() ->
          write(r, format, out, force, parts.stream().map(Future::result).toList(), models), false)));
    });
  }

  private static JsonObject write(String run, String format, Path out, boolean force, List<Part> parts,
      List<ModelRecord> models) throws IOException {
    checkOut(out, force);
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".tmp");
    try {
      return write(run, format, out, tmp, parts, models);
    } catch (IOException e) {
      throw AssayException.invalid(out + ": cannot write the export: " + e.getMessage());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static JsonObject write(String run, String format, Path out, Path tmp, List<Part> parts,
      List<ModelRecord> models) throws IOException {
    Path dir = tmp.getParent();
    Map<String, Long> perRound = new TreeMap<>();
    Map<String, Long> perDomain = new TreeMap<>();
    Map<String, Long> verifiers = new TreeMap<>();
    long n = 0;
    long rationalized = 0;
    try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
      for (Part p : parts) {
        for (JsonObject rec : records(format, p)) {
          w.write(rec.encode());
          w.write('\n');
          n++;
          JsonObject meta = rec.getJsonObject("meta");
          perRound.merge(String.valueOf(p.round().roundNo()), 1L, Long::sum);
          perDomain.merge(meta.getString("domain"), 1L, Long::sum);
          verifiers.merge(meta.getString("verifier"), 1L, Long::sum);
          rationalized += meta.getBoolean("rationalized", false) ? 1 : 0;
        }
      }
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    JsonObject summary = new JsonObject().put("run", run).put("format", format).put("file", out.toString())
        .put("records", n).put("per_round", new JsonObject(new LinkedHashMap<>(perRound)))
        .put("per_domain", new JsonObject(new LinkedHashMap<>(perDomain)))
        .put("verifiers", new JsonObject(new LinkedHashMap<>(verifiers))).put("rationalized", rationalized);
    DatasetCard.write(dir.resolve(CARD), summary, parts.stream().map(Part::round).toList(), models);
    return summary;
  }

  private static List<JsonObject> records(String format, Part p) {
    List<JsonObject> out = new ArrayList<>();
    if (format.equals("dpo")) {
      Map<String, List<KeptSample>> failed = new LinkedHashMap<>();
      p.failed().forEach(f -> failed.computeIfAbsent(f.problem().id(), x -> new ArrayList<>()).add(f));
      Map<String, Integer> used = new LinkedHashMap<>();
      List<KeptSample> kept = new ArrayList<>(p.kept());
      kept.sort(Comparator.comparing((KeptSample k) -> k.problem().id()).thenComparingInt(k -> k.attempt().idx()));
      for (KeptSample k : kept) {
        List<KeptSample> rejects = failed.getOrDefault(k.problem().id(), List.of());
        int i = used.merge(k.problem().id(), 1, Integer::sum) - 1;
        if (i < rejects.size()) {
          KeptSample bad = rejects.get(i);
          out.add(new JsonObject().put("prompt", SamplesWriter.user(k, PROMPTS)).put("chosen", k.attempt().text())
              .put("rejected", bad.attempt().text())
              .put("meta", provenance(k, p.round()).put("rejected_sample_index", bad.attempt().idx())
                  .put("rejected_verdict", bad.verdict().reason())));
        }
      }
      return out;
    }
    for (KeptSample k : p.kept()) {
      if (format.equals("sft")) {
        out.add(SamplesWriter.line(k, p.round().simulated(), PROMPTS).put("meta", provenance(k, p.round())));
      } else {
        out.add(new JsonObject().put("instruction", SamplesWriter.user(k, PROMPTS)).put("input", "")
            .put("output", k.attempt().text()).put("meta", provenance(k, p.round())));
      }
    }
    return out;
  }

  /** Where a record came from: enough to trace it back to its problem, model, verifier and sandbox. */
  static JsonObject provenance(KeptSample k, RoundInfo round) {
    JsonObject report = round.report() == null ? new JsonObject() : round.report();
    return new JsonObject()
        .put("id", k.attempt().sampleId())
        .put("run", round.run())
        .put("round", round.roundNo())
        .put("problem_id", k.problem().id())
        .put("source_id", k.problem().sourceId())
        .put("origin", k.problem().origin())
        .put("domain", k.problem().domain().wire())
        .put("model", k.attempt().model())
        .put("simulated", round.simulated())
        .put("verifier", k.verdict().verifier())
        .put("verdict", k.verdict().reason())
        .put("sandbox", report.getString("sandbox", ""))
        .put("seed", k.attempt().seed())
        .put("sample_index", k.attempt().idx())
        .put("rationalized", k.attempt().rationalized())
        .put("problem", k.problem().body());
  }
}
