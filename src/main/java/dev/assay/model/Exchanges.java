package dev.assay.model;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat request's HTTP exchange with its retries. Every request carries {@link AssayHeaders#TASK};
 * {@link AssayHeaders#VARS} only when the endpoint is configured as the simulated model.
 * <ul>
 *   <li>No response, a timeout, 5xx or 429 (Retry-After honoured up to {@link
 *       ModelOptions#MAX_RETRY_AFTER_MS}): retried with backoff until at least {@code maxRetries}
 *       retries were made and the endpoint (or this request) has been failing for {@code maxOutageMs};
 *       then MODEL_UNAVAILABLE naming the URL and the last failure. Waiting retries are woken early
 *       when a probe finds the server answering again ({@link #wakeAll}).</li>
 *   <li>A 400 naming {@code n} for a request of n > 1: no failure, the limit it states
 *       ({@link EndpointShape#limitFrom}) for the caller to split.</li>
 *   <li>Another 4xx: MODEL_UNAVAILABLE at once, naming status and body excerpt.</li>
 *   <li>A 2xx that is not a chat completion: retried at most {@value #BAD_OUTPUT_RETRIES} times,
 *       then MODEL_BAD_OUTPUT.</li>
 * </ul>
 */
final class Exchanges {
  /** 2xx bodies that are not chat completions are retried at most this many times. */
  static final int BAD_OUTPUT_RETRIES = 2;
  private static final Logger LOG = LoggerFactory.getLogger(Exchanges.class);

  /** What one exchange came to: an answer, or ({@code splitTo > 0}) a 400 naming n and the n to ask instead. */
  record Result(ChatJson.Wire wire, int attempts, int splitTo) {}

  private final Vertx vertx;
  private final ModelOptions options;
  private final WebClient web;
  private final String url;
  private final String authorization;
  private final Outage outage;
  private final Runnable onFailure;
  private final AtomicLong attempts = new AtomicLong();
  private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();

  /** {@code onFailure} runs after each retryable failure (the client starts its outage watch). */
  Exchanges(Vertx vertx, ModelOptions options, WebClient web, String authorization, Outage outage,
      Runnable onFailure) {
    this.vertx = vertx;
    this.options = options;
    this.web = web;
    this.url = options.baseUrl() + "/v1/chat/completions";
    this.authorization = authorization;
    this.outage = outage;
    this.onFailure = onFailure;
  }

  Future<Result> send(ChatRequest request) {
    return new Call(request).attempt();
  }

  long attemptsTotal() {
    return attempts.get();
  }

  /** Retries waiting for their backoff to end. */
  int retrying() {
    return waiting.size();
  }

  /** Starts every waiting retry now (a probe found the server answering). */
  void wakeAll() {
    waiting.forEach(Runnable::run);
  }

  /** Whether {@code GET /v1/models} answers 2xx now (a cheap probe during an outage). */
  Future<Boolean> probe() {
    long timeout = Math.min(options.timeoutMs(), 5_000);
    HttpRequest<Buffer> http = web.getAbs(options.baseUrl() + "/v1/models").timeout(timeout);
    if (authorization != null) {
      http.putHeader("Authorization", authorization);
    }
    return http.send().map(r -> r.statusCode() / 100 == 2).otherwise(false);
  }

  /** One request and its retries. */
  private final class Call {
    private final ChatRequest request;
    private final String vars;
    private int attempt;
    private int badOutputs;
    private long firstFailure = -1;

    Call(ChatRequest request) {
      this.request = request;
      this.vars = options.simulated()
          ? Base64.getEncoder().encodeToString(request.vars().encode().getBytes(StandardCharsets.UTF_8)) : null;
    }

    Future<Result> attempt() {
      attempt++;
      attempts.incrementAndGet();
      HttpRequest<Buffer> http = web.postAbs(url).timeout(options.timeoutMs());
      if (authorization != null) {
        http.putHeader("Authorization", authorization);
      }
      if (request.task() != null) {
        http.putHeader(AssayHeaders.TASK, request.task());
      }
      if (vars != null) {
        http.putHeader(AssayHeaders.VARS, vars);
      }
      return http.sendJsonObject(ChatJson.wireRequest(options, request))
          .timeout(options.timeoutMs(), TimeUnit.MILLISECONDS)
          .transform(this::judge);
    }

    private Future<Result> judge(AsyncResult<HttpResponse<Buffer>> ar) {
      if (ar.failed()) {
        return retryOrFail("no response (" + ar.cause().getClass().getSimpleName() + ": "
            + ar.cause().getMessage() + ")", -1);
      }
      HttpResponse<Buffer> response = ar.result();
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return parse(response.body(), "true".equalsIgnoreCase(response.getHeader(AssayHeaders.SIMULATED)));
      }
      if (status == 429 || status >= 500) {
        return retryOrFail("HTTP " + status + ": " + ChatJson.excerpt(response.body()),
            Backoff.retryAfterMs(response.getHeader("Retry-After")));
      }
      String body = response.body() == null ? "" : response.body().toString();
      int limit = status == 400 ? EndpointShape.limitFrom(body, request.n()) : -1;
      if (limit > 0) {
        return Future.succeededFuture(new Result(null, attempt, limit));
      }
      return Future.failedFuture(new AssayException(ErrorKind.MODEL_UNAVAILABLE,
          "model server " + url + " answered HTTP " + status + ": " + ChatJson.excerpt(body)));
    }

    private Future<Result> parse(Buffer body, boolean simulatedHeader) {
      try {
        ChatJson.Wire w = ChatJson.parseWire(body, options.model(), simulatedHeader);
        return Future.succeededFuture(new Result(w, attempt, 0));
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

    private Future<Result> retryOrFail(String why, long retryAfterMs) {
      LOG.debug("model attempt={} failed: {}", attempt, why);
      outage.failed(why);
      onFailure.run();
      long now = System.currentTimeMillis();
      firstFailure = firstFailure < 0 ? now : firstFailure;
      long failingMs = Math.max(now - firstFailure, outage.downMs());
      if (attempt > options.maxRetries() && failingMs >= options.maxOutageMs()) {
        return Future.failedFuture(new AssayException(ErrorKind.MODEL_UNAVAILABLE,
            "model server " + url + " unavailable after " + attempt + " attempts"
                + (failingMs >= 1000 ? " over " + failingMs / 1000 + " s" : "") + "; last failure: " + why));
      }
      long delay = retryAfterMs >= 0
          ? Math.min(retryAfterMs, ModelOptions.MAX_RETRY_AFTER_MS)
          : Backoff.delayMs(options, attempt);
      if (attempt > options.maxRetries()) {
        delay = Math.min(delay, Math.max(1, options.maxOutageMs() - failingMs));
      }
      return later(delay);
    }

    private Future<Result> later(long delayMs) {
      Promise<Result> next = Promise.promise();
      AtomicBoolean started = new AtomicBoolean();
      long[] timer = new long[1];
      Runnable go = new Runnable() {
        @Override
        public void run() {
          if (started.compareAndSet(false, true)) {
            waiting.remove(this);
            vertx.cancelTimer(timer[0]);
            attempt().onComplete(next);
          }
        }
      };
      waiting.add(go);
      timer[0] = vertx.setTimer(Math.max(1, delayMs), id -> go.run());
      return next.future();
    }
  }
}
