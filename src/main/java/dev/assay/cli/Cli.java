package dev.assay.cli;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.config.AssayConfig;
import dev.assay.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What every command shares: config loading and a Vert.x instance awaited at the CLI edge. */
final class Cli implements AutoCloseable {
  final Vertx vertx;

  private Cli() {
    this.vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(16).setBlockedThreadCheckInterval(10_000));
  }

  static Cli start() {
    return new Cli();
  }

  /** Blocks the CLI's main thread (never an event loop) until the future completes. */
  <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssayException(ErrorKind.INTERNAL, "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssayException(ErrorKind.INTERNAL, String.valueOf(e.getCause()), e.getCause());
    }
  }

  static AssayConfig config(Path file, Path db, Path out) {
    AssayConfig c = ConfigLoader.load(file);
    if (db != null) {
      c = c.withDb(db);
    }
    if (out != null) {
      c = c.withOut(out);
    }
    return c;
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      System.err.println("assay: warning: shutdown did not complete cleanly: " + e);
    }
  }
}
