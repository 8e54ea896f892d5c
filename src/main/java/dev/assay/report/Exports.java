package dev.assay.report;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.store.KeptSample;
import dev.assay.store.ModelRecord;
import dev.assay.store.RoundInfo;
import dev.assay.store.SampleKey;
import dev.assay.store.SamplePages;
import dev.assay.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Exports kept samples for fine-tuning: SFT chat JSONL (what TRL and the OpenAI fine-tuning API
 * take), DPO pairs (a verified and a failed solution of the same problem) and Alpaca. Samples are
 * read page by page and written as they come, so a round of any size is exported in bounded
 * memory; the file appears whole (temp file, atomic move) with a {@code README.md} dataset card
 * beside it. Every record carries its provenance.
 */
public final class Exports {
  /**
   * {@code sft}: whole conversations (a trajectory's tool calls, tool outputs and repair turns
   * included); {@code sft-final}: the prompt and the final answer only; {@code dpo}: pairs; {@code alpaca}.
   */
  public static final List<String> FORMATS = List.of("sft", "sft-final", "dpo", "alpaca");

  private Exports() {}

  /**
   * Fails (INVALID_INPUT, naming the path) unless {@code out} and the card beside it can be written:
   * not a directory, a writable place and, unless {@code force}, not a file Assay did not write.
   */
  public static void checkOut(Path out, boolean force) {
    ExportFiles.checkOut(out, force);
  }

  /**
   * Writes the export. {@code roundNo} 0 means every finished round of the run; {@code run} null
   * means the newest round's run; {@code prompt} gives each sample's prompt messages. Returns a
   * summary (records, per round, per domain, verifiers).
   */
  public static Future<JsonObject> write(Vertx vertx, Store store, String run, int roundNo, String format, Path out,
      boolean force, Function<KeptSample, JsonArray> prompt) {
    if (!FORMATS.contains(format)) {
      return Future.failedFuture(AssayException.invalid("--format must be one of " + FORMATS + ", got '" + format + "'"));
    }
    return store.rounds().list().compose(all -> {
      String r = run != null ? run : all.isEmpty() ? null : all.get(all.size() - 1).run();
      List<RoundInfo> rounds = all.stream()
          .filter(x -> x.run().equals(r) && x.done() && (roundNo <= 0 || x.roundNo() == roundNo)).toList();
      if (rounds.isEmpty()) {
        return Future.failedFuture(new AssayException(ErrorKind.UNEXPECTED_STATE, "no finished round "
            + (roundNo > 0 ? roundNo + " " : "") + (r == null ? "in the database" : "of run '" + r + "'") + " to export"));
      }
      return vertx.executeBlocking(() -> Output.open(out, force), false).compose(o -> {
        Future<Void> chain = Future.succeededFuture();
        for (RoundInfo ri : rounds) {
          chain = chain.compose(v -> format.equals("dpo") ? dpo(vertx, store, ri, o, prompt)
              : SamplePages.each(after -> store.samples().kept(ri.id(), after, SamplePages.SIZE), KeptSample::key,
                  page -> store.trajectories().of(ri.id(), page).compose(turns -> vertx.executeBlocking(() -> o.write(ri,
                      page.stream().map(k -> switch (format) {
                        case "sft" -> ExportRecords.sft(k, ri, prompt.apply(k), turns.getOrDefault(k.key(), List.of()));
                        case "sft-final" -> ExportRecords.sft(k, ri, prompt.apply(k), List.of());
                        default -> ExportRecords.alpaca(k, ri, prompt.apply(k));
                      }).toList()), true))));
        }
        return chain.compose(v -> store.models().list(r))
            .compose(models -> vertx.executeBlocking(() -> o.finish(r, format, rounds, models), true))
            .eventually(() -> vertx.executeBlocking(o::discard, true));
      });
    });
  }

  /** DPO: the i-th kept sample of a problem pairs with its i-th failed one; both are read in the same order, in step. */
  private static Future<Void> dpo(Vertx vertx, Store store, RoundInfo ri, Output o, Function<KeptSample, JsonArray> prompt) {
    Cursor failed = new Cursor(after -> store.samples().failed(ri.id(), after, SamplePages.SIZE));
    return SamplePages.each(after -> store.samples().kept(ri.id(), after, SamplePages.SIZE), KeptSample::key,
        page -> store.trajectories().of(ri.id(), page).compose(trajectories -> {
      List<JsonObject> repairs = new ArrayList<>();
      for (KeptSample k : page) {
        trajectories.getOrDefault(k.key(), List.of()).stream()
            .filter(t -> t.role().equals("assistant") && t.status() != null && !t.status().equals("ok")).findFirst()
            .ifPresent(first -> repairs.add(ExportRecords.repairPair(k, ri, prompt.apply(k), first)));
      }
      Future<List<JsonObject>> records = Future.succeededFuture(repairs);
      for (KeptSample k : page) {
        records = records.compose(list -> failed.nth(k.problem().id(), o.nextIndex(k.problem().id())).map(bad -> {
          if (bad != null) {
            list.add(ExportRecords.dpo(k, bad, ri, prompt.apply(k)));
          }
          return list;
        }));
      }
      return records.compose(list -> vertx.executeBlocking(() -> o.write(ri, list), true));
    }));
  }

  /** The failed samples of a round, read page by page as the kept ones advance; holds one problem's at a time. */
  private static final class Cursor {
    private final Function<SampleKey, Future<List<KeptSample>>> fetch;
    private final Deque<KeptSample> ahead = new ArrayDeque<>();
    private final List<KeptSample> current = new ArrayList<>();
    private String problem = "";
    private SampleKey after = SampleKey.FIRST;
    private boolean exhausted;

    Cursor(Function<SampleKey, Future<List<KeptSample>>> fetch) {
      this.fetch = fetch;
    }

    /** The {@code i}-th failed sample of {@code pid} (problems are asked for in ascending order), or null. */
    Future<KeptSample> nth(String pid, int i) {
      if (!pid.equals(problem)) {
        problem = pid;
        current.clear();
      }
      while (!ahead.isEmpty() && ahead.peekFirst().problem().id().compareTo(pid) <= 0) {
        KeptSample k = ahead.pollFirst();
        if (k.problem().id().equals(pid)) {
          current.add(k);
        }
      }
      if (i < current.size() || exhausted || !ahead.isEmpty()) {
        return Future.succeededFuture(i < current.size() ? current.get(i) : null);
      }
      return fetch.apply(after).compose(page -> {
        exhausted = page.size() < SamplePages.SIZE;
        if (!page.isEmpty()) {
          after = page.get(page.size() - 1).key();
          ahead.addAll(page);
        }
        return nth(pid, i);
      });
    }
  }

  /** The export file being written (a temp file until it is whole) and what went into it. */
  private static final class Output {
    private final Path out;
    private final Path tmp;
    private final BufferedWriter w;
    private final Map<String, Long> perRound = new TreeMap<>();
    private final Map<String, Long> perDomain = new TreeMap<>();
    private final Map<String, Long> verifiers = new TreeMap<>();
    private String countedFor = "";
    private int counted;
    private long records;
    private long rationalized;

    private Output(Path out, Path tmp) throws IOException {
      this.out = out;
      this.tmp = tmp;
      this.w = Files.newBufferedWriter(tmp);
    }

    static Output open(Path out, boolean force) throws IOException {
      ExportFiles.checkOut(out, force);
      Path dir = out.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      return new Output(out, Files.createTempFile(dir, "." + out.getFileName() + ".", ".tmp"));
    }

    /** How many kept samples of {@code pid} came before this one (DPO pairs them in order). */
    synchronized int nextIndex(String pid) {
      if (!pid.equals(countedFor)) {
        countedFor = pid;
        counted = 0;
      }
      return counted++;
    }

    synchronized Void write(RoundInfo round, List<JsonObject> recs) throws IOException {
      for (JsonObject rec : recs) {
        w.write(rec.encode());
        w.write('\n');
        records++;
        JsonObject meta = rec.getJsonObject("meta");
        perRound.merge(String.valueOf(round.roundNo()), 1L, Long::sum);
        perDomain.merge(meta.getString("domain"), 1L, Long::sum);
        verifiers.merge(meta.getString("verifier"), 1L, Long::sum);
        rationalized += meta.getBoolean("rationalized", false) ? 1 : 0;
      }
      return null;
    }

    synchronized JsonObject finish(String run, String format, List<RoundInfo> rounds, List<ModelRecord> models)
        throws IOException {
      w.close();
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      JsonObject summary = new JsonObject().put("run", run).put("format", format).put("file", out.toString())
          .put("records", records).put("per_round", new JsonObject(new LinkedHashMap<>(perRound)))
          .put("per_domain", new JsonObject(new LinkedHashMap<>(perDomain)))
          .put("verifiers", new JsonObject(new LinkedHashMap<>(verifiers))).put("rationalized", rationalized);
      DatasetCard.write(out.toAbsolutePath().getParent().resolve(ExportFiles.CARD), summary, rounds, models);
      return summary;
    }

    /** Closes and removes the temp file if it is still there (a failed export leaves nothing behind). */
    synchronized Void discard() throws IOException {
      w.close();
      Files.deleteIfExists(tmp);
      return null;
    }
  }
}
