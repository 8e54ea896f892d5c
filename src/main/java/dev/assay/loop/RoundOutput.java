package dev.assay.loop;

import dev.assay.AssayException;
import dev.assay.report.ExportRecords;
import dev.assay.store.KeptSample;
import dev.assay.store.SampleKey;
import dev.assay.store.SamplePages;
import dev.assay.store.Turn;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A round's files: {@code OUT/samples.jsonl} (one kept sample per line, chat format) and {@code
 * OUT/report.json}, written through temp files and atomic moves, so a resumed round never duplicates
 * a line and a reader never sees half a file. The keep stage writes the samples as it decides them
 * (a {@link Draft}, moved into place at the end of the round, so the samples are not read twice);
 * when there is none (a round resumed after its keep stage, or written elsewhere) they are read
 * again from the database, page by page.
 */
final class RoundOutput {
  /**
   * Writes a line as {@code JsonObject.encode} does (the same bytes), with Jackson's streaming
   * generator instead of the object mapper, which sets up a serializer provider per line.
   */
  private static final JacksonCodec LINES = new JacksonCodec();
  private final Path dir;

  RoundOutput(Path dir) {
    this.dir = dir;
  }

  Path samples() {
    return dir.resolve("samples.jsonl");
  }

  Path report() {
    return dir.resolve("report.json");
  }

  /** The keep stage's finished samples file of this round. */
  private Path drafted(RoundContext ctx) {
    return dir.resolve(".samples." + ctx.round().run() + "." + ctx.round().roundNo() + ".jsonl");
  }

  /** Starts the keep stage's samples file (a previous attempt's is dropped). */
  Future<Draft> draft(RoundContext ctx) {
    Path tmp = dir.resolve(drafted(ctx).getFileName() + ".tmp");
    return ctx.vertx().executeBlocking(() -> {
      Files.createDirectories(dir);
      Files.deleteIfExists(drafted(ctx));
      return new Draft(ctx, Files.newBufferedWriter(tmp), tmp);
    }).recover(e -> Future.failedFuture(failure(e)));
  }

  /** The kept samples' lines as the keep stage decides them, page by page, in order. */
  final class Draft {
    private final RoundContext ctx;
    private final BufferedWriter w;
    private final Path tmp;

    private Draft(RoundContext ctx, BufferedWriter w, Path tmp) {
      this.ctx = ctx;
      this.w = w;
      this.tmp = tmp;
    }

    Future<Void> append(List<KeptSample> kept) {
      return page(ctx, w, kept).recover(e -> Future.failedFuture(failure(e)));
    }

    /** The file is complete: it becomes the round's samples when the round ends. */
    Future<Void> finish() {
      return ctx.vertx().<Void>executeBlocking(() -> {
        w.close();
        Files.move(tmp, drafted(ctx), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return null;
      }).recover(e -> Future.failedFuture(failure(e)));
    }

    /** The keep stage failed: the partial file goes. */
    Future<Void> abandon() {
      return ctx.vertx().executeBlocking(() -> {
        try (w) {
          return Files.deleteIfExists(tmp);
        }
      }).transform(x -> Future.succeededFuture());
    }
  }

  /**
   * Writes both files: the samples are the keep stage's draft when it holds exactly the {@code kept}
   * samples the database counts, else (the draft is dropped) they are read again from the database.
   */
  Future<Void> write(RoundContext ctx, JsonObject report, long kept) {
    Path drafted = drafted(ctx);
    return ctx.vertx().executeBlocking(() -> usable(drafted, kept))
        .compose(ready -> ready ? ctx.vertx().executeBlocking(() -> Files.move(drafted, samples(),
            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)).mapEmpty() : fromStore(ctx))
        .compose(v -> ctx.vertx().executeBlocking(() -> {
          Path rtmp = dir.resolve(".report.json.tmp");
          Files.writeString(rtmp, report.encodePrettily() + "\n");
          Files.move(rtmp, report(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return (Void) null;
        }))
        .recover(e -> Future.failedFuture(failure(e)));
  }

  /** samples.jsonl read again from the database, page by page. */
  private Future<Void> fromStore(RoundContext ctx) {
    Path tmp = dir.resolve(".samples.jsonl.tmp");
    return ctx.vertx().executeBlocking(() -> {
      Files.createDirectories(dir);
      return Files.newBufferedWriter(tmp);
    }).compose(w -> SamplePages.each(after -> ctx.store().samples().kept(ctx.roundId(), after, SamplePages.SIZE),
            KeptSample::key, page -> page(ctx, w, page))
        .eventually(() -> ctx.vertx().executeBlocking(() -> {
          w.close();
          return null;
        })))
        .compose(v -> ctx.vertx().executeBlocking(() -> {
          Files.move(tmp, samples(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return (Void) null;
        }))
        .recover(e -> ctx.vertx().executeBlocking(() -> Files.deleteIfExists(tmp)).transform(x -> Future.failedFuture(e)));
  }

  /** Appends the lines of a page of kept samples: encoded on two worker threads, written in order. */
  private static Future<Void> page(RoundContext ctx, BufferedWriter w, List<KeptSample> page) {
    if (page.isEmpty()) {
      return Future.succeededFuture();
    }
    boolean simulated = ctx.round().simulated();
    return ctx.store().trajectories().of(ctx.roundId(), page).compose(turns -> {
      int mid = page.size() / 2;
      Future<List<String>> a = ctx.vertx().executeBlocking(() -> lines(ctx, page.subList(0, mid), turns, simulated), false);
      Future<List<String>> b = ctx.vertx().executeBlocking(() -> lines(ctx, page.subList(mid, page.size()), turns,
          simulated), false);
      return Future.all(a, b).compose(cf -> ctx.vertx().executeBlocking(() -> {
        for (List<String> half : List.of(a.result(), b.result())) {
          for (String line : half) {
            w.write(line);
            w.write('\n');
          }
        }
        return null;
      }));
    });
  }

  private static List<String> lines(RoundContext ctx, List<KeptSample> samples, Map<SampleKey, List<Turn>> turns,
      boolean simulated) {
    List<String> out = new java.util.ArrayList<>(samples.size());
    for (KeptSample k : samples) {
      out.add(LINES.toString(ExportRecords.chat(k, simulated, SamplePrompts.of(k, ctx.prompts()),
          turns.getOrDefault(k.key(), List.of())), false));
    }
    return out;
  }

  /** Whether the keep stage's draft holds the {@code kept} samples; one that does not is dropped. */
  private static boolean usable(Path drafted, long kept) throws IOException {
    if (!Files.isRegularFile(drafted)) {
      return false;
    }
    if (lines(drafted) == kept) {
      return true;
    }
    Files.delete(drafted);
    return false;
  }

  /** Lines in a file (a complete line ends with a newline). */
  private static long lines(Path file) throws IOException {
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int r; (r = in.read(buf)) > 0; ) {
        for (int i = 0; i < r; i++) {
          n += buf[i] == '\n' ? 1 : 0;
        }
      }
    }
    return n;
  }

  /** A full disk is our state, not the user's mistake: exit 3 naming the place; other I/O errors name run.out. */
  private Throwable failure(Throwable e) {
    if (!(e instanceof IOException || e instanceof UncheckedIOException)) {
      return e;
    }
    String m = String.valueOf(e.getMessage());
    return m.contains("No space left") || m.contains("Disk quota")
        ? new AssayException(dev.assay.ErrorKind.UNEXPECTED_STATE, "no space left on " + dir.toAbsolutePath())
        : AssayException.invalid(dir + ": cannot write the round's output (run.out, --out): " + m);
  }
}
