package dev.assay.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * {@code simulator.request_log}: one JSON line per chat request, appended in the order requests are
 * answered (a request's line is written before its response is sent, so a caller that got its
 * answer finds its line). Without a path it does nothing.
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
        .compose(v -> vertx.fileSystem().open(path.toString(), new OpenOptions().setAppend(true).setCreate(true)
            .setWrite(true).setRead(false)))
        .onSuccess(f -> file = f)
        .mapEmpty();
  }

  Future<Void> write(JsonObject line) {
    return file == null ? Future.succeededFuture() : file.write(Buffer.buffer(line.encode() + "\n"));
  }

  Future<Void> close() {
    return file == null ? Future.succeededFuture() : file.close();
  }
}
