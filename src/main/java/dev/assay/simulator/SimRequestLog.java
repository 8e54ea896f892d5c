package dev.assay.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code simulator.request_log}: one JSON line per chat request, appended in the order requests are
 * answered (a request's line is written before its response is sent, so a caller that got its
 * answer finds its line). Without a path it does nothing. A file left by a killed process may end in
 * half a line: it is ended first, so the torn line stays one unparseable line of its own and the
 * lines of this run are whole.
 */
final class SimRequestLog {
  private final Vertx vertx;
  private final Path path;
  private AsyncFile file;

  SimRequestLog(Vertx vertx, Path path) {
    this.vertx = vertx;
    this.path = path;
  }

  Future<Void> open() {
    if (path == null) {
      return Future.succeededFuture();
    }
    Path dir = path.toAbsolutePath().getParent();
    return vertx.fileSystem().mkdirs(dir.toString())
        .compose(v -> vertx.executeBlocking(() -> endTornLine(path)))
        .compose(v -> vertx.fileSystem().open(path.toString(), new OpenOptions().setAppend(true).setCreate(true)
            .setWrite(true).setRead(false)))
        .onSuccess(f -> file = f)
        .mapEmpty();
  }

  /** Appends a newline when the file ends in the middle of a line (a killed writer's last line). */
  private static Void endTornLine(Path path) throws IOException {
    if (!Files.exists(path)) {
      return null;
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      ByteBuffer last = ByteBuffer.allocate(1);
      if (size > 0 && ch.read(last, size - 1) == 1 && last.get(0) != '\n') {
        ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
      }
    }
    return null;
  }

  Future<Void> write(JsonObject line) {
    return file == null ? Future.succeededFuture() : file.write(Buffer.buffer(line.encode() + "\n"));
  }

  Future<Void> close() {
    return file == null ? Future.succeededFuture() : file.close();
  }
}
