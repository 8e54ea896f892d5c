package dev.assay.model;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ModelClient} over the Vert.x Web Client: a bounded number of requests in flight
 * ({@link InFlightLimiter}), each shaped to what the endpoint takes ({@link EndpointShape}: split
 * into requests of at most the learned n, seeds {@code seed, seed+limit, ...}; topped up when the
 * server gives fewer choices than asked, seed shifted by the number held), sent with retries and
 * outage waiting ({@link Exchanges}), and its per-choice tokens counted without inventing numbers
 * ({@link TokenAccounting}). During an outage a timer publishes the endpoint's state to the
 * {@code events} sink ({@link Outage}) and probes the server to wake waiting retries.
 * Package-private: callers use {@link ModelClient#create} or {@link ModelVerticle}.
 */
final class HttpModelClient implements ModelClient {
  static final int DEFAULT_MAX_QUEUED = 256;
  static final int BAD_OUTPUT_RETRIES = Exchanges.BAD_OUTPUT_RETRIES;
  /** While the endpoint is out, events and probes at this period (at least one a second). */
  static final long TICK_MS = 800;
  private static final Logger LOG = LoggerFactory.getLogger(HttpModelClient.class);

  private final Vertx vertx;
  private final ModelOptions options;
  private final WebClient web;
  private final InFlightLimiter limiter;
  private final EndpointShape shape;
  private final Outage outage;
  private final Exchanges exchanges;
  private final TokenAccounting accounting;
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile Consumer<JsonObject> events = e -> { };
  private volatile boolean simulatedSeen;
  private long tickTimer = -1;

  HttpModelClient(Vertx vertx, ModelOptions options, Function<String, String> env, int maxQueued) {
    this.vertx = vertx;
    this.options = options;
    String key = options.apiKeyEnv() == null || options.apiKeyEnv().isBlank()
        ? null : env.apply(options.apiKeyEnv());
    String authorization = key == null || key.isBlank() ? null : "Bearer " + key.strip();
    this.limiter = new InFlightLimiter(vertx, options.maxInFlight(), maxQueued);
    WebClientOptions web = new WebClientOptions()
        .setConnectTimeout((int) Math.min(options.timeoutMs(), 10_000))
        .setKeepAlive(true)
        .setUserAgent("assay");
    // the limiter bounds chat requests; tokenize calls (up to n per answer) and probes wait for a connection
    PoolOptions pool = new PoolOptions()
        .setHttp1MaxSize(options.maxInFlight())
        .setMaxWaitQueueSize(-1);
    this.web = WebClient.create(vertx, web, pool);
    this.shape = EndpointShape.of(vertx, options.baseUrl());
    this.outage = new Outage(options.baseUrl());
    this.exchanges = new Exchanges(vertx, options, this.web, authorization, outage, this::watch);
    this.accounting = new TokenAccounting(shape,
        new TokenCounter(this.web, options.baseUrl(), options.model(), authorization, options.timeoutMs()));
  }

  @Override
  public Future<Completion> complete(ChatRequest request) {
    return limiter.submit(() -> new Gather(request).next());
  }

  /** Where outage events go ({@link Outage}); the verticle publishes them on the bus. */
  void events(Consumer<JsonObject> sink) {
    this.events = sink;
  }

  /** Fails queued requests and closes the HTTP client. */
  void close() {
    synchronized (this) {
      if (tickTimer >= 0) {
        vertx.cancelTimer(tickTimer);
      }
    }
    limiter.failQueued("model client is closing");
    web.close();
  }

  InFlightLimiter limiter() {
    return limiter;
  }

  /** Tokens reported over all successful exchanges since creation. */
  Usage usageTotal() {
    return new Usage((int) promptTokens.get(), (int) completionTokens.get());
  }

  long attemptsTotal() {
    return exchanges.attemptsTotal();
  }

  /** One logical request: its parts (split by the learned n limit), top-ups and token counts. */
  private final class Gather {
    private final ChatRequest request;
    private final long start = System.nanoTime();
    private final List<String> choices = new ArrayList<>();
    private final List<Integer> tokens = new ArrayList<>();
    private final List<io.vertx.core.json.JsonArray> calls = new ArrayList<>();
    private final List<Boolean> cut = new ArrayList<>();
    private Usage usage = Usage.ZERO;
    private String model;
    private int attempts;
    private boolean simulated;
    private boolean estimated;

    Gather(ChatRequest request) {
      this.request = request;
    }

    Future<Completion> next() {
      int have = choices.size();
      if (have >= request.n()) {
        return Future.succeededFuture(new Completion(choices, usage, model, attempts,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), simulated, tokens, estimated, calls, cut));
      }
      int want = Math.min(request.n() - have, shape.limit());
      ChatRequest part = request.withN(want, request.seed() == null ? null : request.seed() + have);
      return exchanges.send(part).compose(r -> {
        attempts += r.attempts();
        if (r.splitTo() > 0) {
          shape.limitTo(r.splitTo(), "HTTP 400 naming n for n=" + want);
          return next();
        }
        return received(r.wire(), want).compose(v -> next());
      });
    }

    private Future<Void> received(ChatJson.Wire w, int want) {
      answered(w);
      usage = usage.plus(w.usage());
      if (w.choices().size() < want) {
        shape.limitTo(w.choices().size(), "answered " + w.choices().size() + " choices for n=" + want);
      }
      List<String> mine = w.choices().size() > want ? w.choices().subList(0, want) : w.choices();
      return accounting.count(w, mine).map(counted -> {
        if (counted != null) {
          model = model == null ? w.model() : model;
          simulated |= w.simulated();
          choices.addAll(mine);
          calls.addAll(w.toolCalls().subList(0, mine.size()));
          cut.addAll(w.cut().subList(0, mine.size()));
          tokens.addAll(counted.tokens());
          estimated |= counted.estimated();
        }
        return null;
      });
    }
  }

  /** A 2xx chat completion arrived: the outage is over, totals grow. */
  private void answered(ChatJson.Wire w) {
    JsonObject recovered = outage.succeeded();
    if (recovered != null) {
      LOG.warn("model server {} answers again after {} ms", options.baseUrl(), recovered.getLong("down_ms"));
      events.accept(recovered);
    }
    if (w.simulated() && !simulatedSeen) {
      simulatedSeen = true;
      LOG.info("model server {} is the Assay SIMULATED model, not a real one", options.baseUrl());
    }
    promptTokens.addAndGet(w.usage().promptTokens());
    completionTokens.addAndGet(w.usage().completionTokens());
  }

  /** Starts the outage timer when a failure is first seen; it stops itself once all is well. */
  private void watch() {
    synchronized (this) {
      if (tickTimer >= 0) {
        return;
      }
      tickTimer = vertx.setPeriodic(TICK_MS, id -> tick());
    }
  }

  private void tick() {
    int waiting = limiter.inFlight() + limiter.queued();
    JsonObject event = outage.tick(waiting);
    if (event != null) {
      events.accept(event);
    }
    if (outage.degraded() && exchanges.retrying() > 0 && probing.compareAndSet(false, true)) {
      exchanges.probe().onComplete(ar -> {
        probing.set(false);
        if (ar.succeeded() && ar.result()) {
          exchanges.wakeAll();
        }
      });
    }
    if (event == null && exchanges.retrying() == 0 && (waiting == 0 || outage.downMs() == 0)) {
      synchronized (this) {
        vertx.cancelTimer(tickTimer);
        tickTimer = -1;
      }
    }
  }
}
