package dev.assay.sandbox.java;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import dev.assay.sandbox.Language;
import dev.assay.sandbox.Sandbox;
import dev.assay.sandbox.SandboxOptions;
import dev.assay.sandbox.SandboxResult;
import dev.assay.sandbox.SandboxSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java sandbox backend: candidates compiled with Janino (javac when Janino rejects the
 * source) and run in a pool of warm runner JVMs living inside bubblewrap + cgroups v1. Runs are
 * blocking and go to a named worker pool of {@code poolSize} threads, never an event loop.
 *
 * <p>A candidate's failure is a {@link SandboxResult} status. A failed future means the backend
 * is broken (no runner can start: {@link ErrorKind#SANDBOX_INFRA}), the queue is full, or the
 * spec is not Java ({@link ErrorKind#INVALID_INPUT}).
 */
public final class JavaSandbox implements Sandbox {
  private final JavaSandboxOptions options;
  private final RunnerLauncher launcher;
  private final RunnerPool pool;
  private final WorkerExecutor worker;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Future<Void> closing;

  private JavaSandbox(Vertx vertx, JavaSandboxOptions options) {
    this.options = options;
    this.launcher = new RunnerLauncher(options);
    this.pool = new RunnerPool(options, launcher);
    this.worker = vertx.createSharedWorkerExecutor(
        "assay-java-sandbox-" + options.runId(), options.poolSize(), 10, TimeUnit.MINUTES);
    pool.prestart();
  }

  /** Creates the backend; with {@code warm} its runners start in the background right away. */
  public static JavaSandbox create(Vertx vertx, JavaSandboxOptions options) {
    return new JavaSandbox(vertx, options);
  }

  /**
   * Creates the backend from the shared sandbox options ({@code backend: java}).
   *
   * @throws AssayException CONFIG when the requested isolation is not available
   */
  public static JavaSandbox create(Vertx vertx, SandboxOptions options) {
    return create(vertx, JavaSandboxOptions.from(options));
  }

  @Override
  public Future<SandboxResult> run(SandboxSpec spec) {
    if (spec.language() != Language.JAVA) {
      return Future.failedFuture(AssayException.invalid("the java sandbox runs only java, got "
          + spec.language().wire()));
    }
    if (closing != null) {
      return Future.failedFuture(new AssayException(ErrorKind.SANDBOX_INFRA, "sandbox closed"));
    }
    if (pending.incrementAndGet() > options.poolSize() + options.maxQueue()) {
      pending.decrementAndGet();
      return Future.failedFuture(new AssayException(ErrorKind.SANDBOX_INFRA,
          "java sandbox queue full (maxQueue=" + options.maxQueue() + ")"));
    }
    return worker.<SandboxResult>executeBlocking(() -> pool.run(spec), false)
        .eventually(() -> {
          pending.decrementAndGet();
          return Future.succeededFuture();
        });
  }

  /** A spec with this backend's default limits. */
  public SandboxSpec spec(String source, String stdin) {
    return new SandboxSpec(Language.JAVA, source, null, stdin, options.timeoutMs(),
        options.memoryMb(), options.outputCapBytes());
  }

  /** Runner JVMs started so far; for tests and the bench. */
  long runnersStarted() {
    return pool.started();
  }

  @Override
  public String describe() {
    return "java/" + launcher.describe() + (options.warm() ? " (warm" : " (cold")
        + ", pool=" + options.poolSize() + ", janino+javac)";
  }

  @Override
  public synchronized Future<Void> close() {
    if (closing == null) {
      closing = worker.<Void>executeBlocking(() -> {
        pool.close();
        return null;
      }, false).eventually(worker::close).recover(e -> Future.succeededFuture());
    }
    return closing;
  }
}
