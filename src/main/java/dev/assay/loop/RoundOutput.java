package dev.assay.loop;

import dev.assay.store.SamplePages;
import dev.assay.AssayException;
import dev.assay.report.ExportRecords;
import dev.assay.store.KeptSample;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A round's files: {@code OUT/samples.jsonl} (one kept sample per line, chat format) and {@code
 * OUT/report.json}. Both are rewritten whole from the database, the samples page by page, through
 * temp files and atomic moves, so a resumed round never duplicates a line and a reader never sees
 * half a file.
 */
final class RoundOutput {
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

  Future<Void> write(RoundContext ctx, JsonObject report) {
    Path tmp = dir.resolve(".samples.jsonl.tmp");
    boolean simulated = ctx.round().simulated();
    return ctx.vertx().executeBlocking(() -> {
      Files.createDirectories(dir);
      return Files.newBufferedWriter(tmp);
    }).compose(w -> SamplePages.each(after -> ctx.store().samples().kept(ctx.roundId(), after, SamplePages.SIZE), KeptSample::key,
            page -> ctx.store().trajectories().of(ctx.roundId(), page).compose(turns -> {
              // lines are encoded on two worker threads, written in order
              int mid = page.size() / 2;
              Future<String> a = ctx.vertx().executeBlocking(() -> lines(ctx, page.subList(0, mid), turns, simulated), false);
              Future<String> b = ctx.vertx().executeBlocking(() -> lines(ctx, page.subList(mid, page.size()), turns, simulated),
                  false);
              return Future.all(a, b).compose(cf -> ctx.vertx().executeBlocking(() -> {
                w.write(a.result());
                w.write(b.result());
                return null;
              }));
            }))
        .eventually(() -> ctx.vertx().executeBlocking(() -> {
          w.close();
          return null;
        })))
        .compose(v -> ctx.vertx().executeBlocking(() -> {
          Files.move(tmp, samples(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          Path rtmp = dir.resolve(".report.json.tmp");
          Files.writeString(rtmp, report.encodePrettily() + "\n");
          Files.move(rtmp, report(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return (Void) null;
        }))
        .recover(e -> ctx.vertx().executeBlocking(() -> Files.deleteIfExists(tmp))
            .transform(x -> Future.failedFuture(failure(e))));
  }

  private static String lines(RoundContext ctx, java.util.List<KeptSample> samples,
      java.util.Map<dev.assay.store.SampleKey, java.util.List<dev.assay.store.Turn>> turns, boolean simulated) {
    StringBuilder out = new StringBuilder();
    for (KeptSample k : samples) {
      out.append(ExportRecords.chat(k, simulated, SamplePrompts.of(k, ctx.prompts()),
          turns.getOrDefault(k.key(), java.util.List.of())).encode()).append('\n');
    }
    return out.toString();
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
