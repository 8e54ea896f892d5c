package dev.assay.sandbox;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the {@link Sandbox} and serves {@value #ADDRESS}: a {@link SandboxSpec} as JSON in, a
 * {@link SandboxResult} as JSON out. Failures reply {@code fail(code, message)} with code
 * {@link ErrorKind#ordinal()} of the error (INVALID_INPUT for a bad spec, SANDBOX_INFRA when the
 * sandbox itself is broken or its queue is full). Use {@link SandboxClient} rather than the bus.
 */
public class SandboxVerticle extends VerticleBase {
  public static final String ADDRESS = "assay.sandbox.run";
  public static final String DESCRIBE_ADDRESS = "assay.sandbox.describe";
  private static final Logger LOG = LoggerFactory.getLogger(SandboxVerticle.class);

  private final SandboxOptions options;
  private Sandbox sandbox;
  private MessageConsumer<JsonObject> runs;
  private MessageConsumer<Object> describes;

  public SandboxVerticle(SandboxOptions options) {
    this.options = options;
  }

  /** Wraps an existing sandbox (tests, or a backend built elsewhere); closed on undeploy. */
  public SandboxVerticle(Sandbox sandbox) {
    this.options = null;
    this.sandbox = sandbox;
  }

  @Override
  public Future<?> start() {
    Future<Sandbox> ready = sandbox != null ? Future.succeededFuture(sandbox)
        : vertx.executeBlocking(() -> Sandboxes.create(vertx, options));
    return ready.compose(sb -> {
      sandbox = sb;
      LOG.info("sandbox ready: {}", sb.describe());
      runs = vertx.eventBus().consumer(ADDRESS, this::run);
      describes = vertx.eventBus().consumer(DESCRIBE_ADDRESS, m -> m.reply(sb.describe()));
      return runs.completion();
    });
  }

  @Override
  public Future<?> stop() {
    Future<Void> a = runs == null ? Future.succeededFuture() : runs.unregister();
    Future<Void> b = describes == null ? Future.succeededFuture() : describes.unregister();
    return Future.join(a, b).eventually(() -> sandbox == null ? Future.succeededFuture()
        : sandbox.close());
  }

  private void run(Message<JsonObject> msg) {
    SandboxSpec spec;
    try {
      spec = SandboxSpec.fromJson(msg.body());
    } catch (RuntimeException e) {
      msg.fail(ErrorKind.INVALID_INPUT.ordinal(), "bad sandbox spec: " + e.getMessage());
      return;
    }
    sandbox.run(spec)
        .onSuccess(r -> msg.reply(r.toJson()))
        .onFailure(e -> msg.fail(kindOf(e).ordinal(), e.getMessage()));
  }

  private static ErrorKind kindOf(Throwable e) {
    return e instanceof AssayException a ? a.kind() : ErrorKind.SANDBOX_INFRA;
  }
}
