package dev.assay.model;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the {@link ModelClient} and answers {@value #ADDRESS}. At most
 * {@code options.maxInFlight()} requests reach the model server at once; up to {@code maxQueued}
 * more wait; beyond that a request fails at once with MODEL_UNAVAILABLE "model queue full".
 * Failures are replied with {@code message.fail(ErrorKind.ordinal(), message)};
 * {@link ModelBusClient} turns them back into {@link AssayException}s.
 *
 * <p>While the endpoint is out (see {@link ModelOptions#maxOutageMs()}) it publishes on
 * {@value #EVENTS}, at least once a second, {@code {"endpoint", "outage": true, "down_ms",
 * "waiting", "last_error"}} (waiting = requests in flight or queued), and once
 * {@code {"endpoint", "outage": false, "down_ms", "recovered"}} when it is over.
 */
public class ModelVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ModelVerticle.class);
  public static final String ADDRESS = "assay.model.complete";
  /** Where the endpoint's outage state is published. */
  public static final String EVENTS = "assay.events.model";
  public static final int DEFAULT_MAX_QUEUED = HttpModelClient.DEFAULT_MAX_QUEUED;

  private final ModelOptions options;
  private final int maxQueued;
  private final Function<String, String> env;
  private HttpModelClient client;
  private MessageConsumer<JsonObject> consumer;

  public ModelVerticle(ModelOptions options) {
    this(options, DEFAULT_MAX_QUEUED);
  }

  public ModelVerticle(ModelOptions options, int maxQueued) {
    this(options, maxQueued, System::getenv);
  }

  /** {@code env} looks up the API key variable; tests inject it. */
  ModelVerticle(ModelOptions options, int maxQueued, Function<String, String> env) {
    this.options = options;
    this.maxQueued = maxQueued;
    this.env = env;
  }

  @Override
  public Future<?> start() {
    client = new HttpModelClient(vertx, options, env, maxQueued);
    client.events(event -> vertx.eventBus().publish(EVENTS, event));
    consumer = vertx.eventBus().consumer(ADDRESS, this::complete);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister().eventually(() -> {
      Usage total = client.usageTotal();
      LOG.info("model client stopping: attempts={} promptTokens={} completionTokens={}",
          client.attemptsTotal(), total.promptTokens(), total.completionTokens());
      client.close();
      return Future.succeededFuture();
    });
  }

  private void complete(Message<JsonObject> message) {
    ChatRequest request;
    try {
      request = ChatJson.busRequest(message.body());
    } catch (RuntimeException e) {
      message.fail(ErrorKind.INVALID_INPUT.ordinal(), "bad model request: " + e.getMessage());
      return;
    }
    client.complete(request)
        .onSuccess(c -> message.reply(ChatJson.busReply(c)))
        .onFailure(e -> message.fail(kindOf(e).ordinal(), String.valueOf(e.getMessage())));
  }

  private static ErrorKind kindOf(Throwable e) {
    return e instanceof AssayException a ? a.kind() : ErrorKind.INTERNAL;
  }

  /** Peak in-flight requests since start (for tests and metrics). */
  int peakInFlight() {
    return client.limiter().peakInFlight();
  }
}
