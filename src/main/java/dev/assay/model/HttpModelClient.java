package dev.assay.model;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ModelClient} over the Vert.x Web Client with retries, backoff and a bounded in-flight
 * count. Package-private: callers use {@link ModelClient#create}.
 */
final class HttpModelClient implements ModelClient {
  static final int DEFAULT_MAX_QUEUED = 256;
  /** 2xx bodies that are not chat completions are retried at most this many times. */
  static final int BAD_OUTPUT_RETRIES = 2;
  private static final Logger LOG = LoggerFactory.getLogger(HttpModelClient.class);

  private final Vertx vertx;
  private final ModelOptions options;
  private final WebClient web;
  private final String url;
  private final String authorization;
  private final InFlightLimiter limiter;
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private volatile boolean simulatedSeen;

  HttpModelClient(Vertx vertx, ModelOptions options, Function<String, String> env, int maxQueued) {
    this.vertx = vertx;
    this.options = options;
    this.url = options.baseUrl() + "/v1/chat/completions";
    String key = options.apiKeyEnv() == null || options.apiKeyEnv().isBlank()
        ? null : env.apply(options.apiKeyEnv());
    this.authorization = key == null || key.isBlank() ? null : "Bearer " + key.strip();
    this.limiter = new InFlightLimiter(vertx, options.maxInFlight(), maxQueued);
    WebClientOptions web = new WebClientOptions()
        .setConnectTimeout((int) Math.min(options.timeoutMs(), 10_000))
        .setKeepAlive(true)
        .setUserAgent("assay");
    PoolOptions pool = new PoolOptions()
        .setHttp1MaxSize(options.maxInFlight())
        .setMaxWaitQueueSize(options.maxInFlight());
    this.web = WebClient.create(vertx, web, pool);
  }

  @Override
  public Future<Completion> complete(ChatRequest request) {
    return limiter.submit(() -> {
      long start = System.nanoTime();
      return new Call(request, start).attempt().compose(first -> topUp(request, first, start));
    });
  }

  /**
   * Some servers (Ollama, llama.cpp) ignore {@code n} and return one choice: ask again for the
   * missing ones (seed shifted by the number already held) until {@code n} are held.
   */
  private Future<Completion> topUp(ChatRequest request, Completion held, long start) {
    int have = held.choices().size();
    if (have >= request.n()) {
      return Future.succeededFuture(have == request.n() ? held : new Completion(
          held.choices().subList(0, request.n()), held.usage(), held.model(), held.attempts(),
          held.latencyMs(), held.simulated()));
    }
    Long seed = request.seed() == null ? null : request.seed() + have;
    ChatRequest rest = request.withN(request.n() - have, seed);
    return new Call(rest, start).attempt()
        .compose(more -> topUp(request, held.append(more, elapsedMs(start)), start));
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** Fails queued requests and closes the HTTP client. */
  void close() {
    limiter.failQueued("model client is closing");
    web.close();
  }

  InFlightLimiter limiter() {
    return limiter;
  }

  /** Tokens reported over all successful attempts, and attempts made, since creation. */
  Usage usageTotal() {
    return new Usage((int) promptTokens.get(), (int) completionTokens.get());
  }

  long attemptsTotal() {
    return attempts.get();
  }

  /** One logical request and its retries. */
  private final class Call {
    private final ChatRequest request;
    private final long start;
    private int attempt;
    private int badOutputs;

    Call(ChatRequest request, long start) {
      this.request = request;
      this.start = start;
    }

    Future<Completion> attempt() {
      attempt++;
      attempts.incrementAndGet();
      var http = web.postAbs(url).timeout(options.timeoutMs());
      if (authorization != null) {
        http.putHeader("Authorization", authorization);
      }
      return http.sendJsonObject(ChatJson.wireRequest(options, request))
          .timeout(options.timeoutMs(), TimeUnit.MILLISECONDS)
          .transform(this::judge);
    }

    private Future<Completion> judge(AsyncResult<HttpResponse<Buffer>> ar) {
      if (ar.failed()) {
        return retryOrFail("no response (" + ar.cause().getClass().getSimpleName() + ": "
            + ar.cause().getMessage() + ")", -1);
      }
      HttpResponse<Buffer> response = ar.result();
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return parse(response.body(), "true".equalsIgnoreCase(
            response.getHeader(SimulatedModelServer.SIMULATED_HEADER)));
      }
      if (status == 429 || status >= 500) {
        return retryOrFail("HTTP " + status, Backoff.retryAfterMs(response.getHeader("Retry-After")));
      }
      return Future.failedFuture(new AssayException(ErrorKind.MODEL_UNAVAILABLE,
          "model server " + url + " answered HTTP " + status + ": "
              + ChatJson.excerpt(response.body())));
    }

    private Future<Completion> parse(Buffer body, boolean simulatedHeader) {
      long latency = elapsedMs(start);
      try {
        Completion c = ChatJson.parseWire(body, options.model(), attempt, latency, simulatedHeader);
        if (c.simulated() && !simulatedSeen) {
          simulatedSeen = true;
          LOG.info("model server {} is the Assay SIMULATED model, not a real one", options.baseUrl());
        }
        promptTokens.addAndGet(c.usage().promptTokens());
        completionTokens.addAndGet(c.usage().completionTokens());
        LOG.debug("model attempt={} ok choices={} promptTokens={} completionTokens={} latencyMs={}",
            attempt, c.choices().size(), c.usage().promptTokens(), c.usage().completionTokens(),
            latency);
        return Future.succeededFuture(c);
      } catch (ChatJson.BadBody bad) {
        LOG.debug("model attempt={} bad body: {}", attempt, bad.getMessage());
        if (badOutputs++ < Math.min(BAD_OUTPUT_RETRIES, options.maxRetries())
            && attempt <= options.maxRetries()) {
          return later(Backoff.delayMs(options, attempt));
        }
        return Future.failedFuture(new AssayException(ErrorKind.MODEL_BAD_OUTPUT,
            "model server " + url + " kept answering something that is not a chat completion"
                + " (" + attempt + " attempts): " + bad.getMessage()));
      }
    }

    private Future<Completion> retryOrFail(String why, long retryAfterMs) {
      LOG.debug("model attempt={} failed: {}", attempt, why);
      if (attempt > options.maxRetries()) {
        return Future.failedFuture(new AssayException(ErrorKind.MODEL_UNAVAILABLE,
            "model server " + url + " unavailable after " + attempt + " attempts: " + why));
      }
      long delay = retryAfterMs >= 0
          ? Math.min(retryAfterMs, ModelOptions.MAX_RETRY_AFTER_MS)
          : Backoff.delayMs(options, attempt);
      return later(delay);
    }

    private Future<Completion> later(long delayMs) {
      Promise<Completion> next = Promise.promise();
      vertx.setTimer(Math.max(1, delayMs), id -> attempt().onComplete(next));
      return next.future();
    }
  }
}
