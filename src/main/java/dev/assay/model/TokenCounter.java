package dev.assay.model;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's own tokenizer over HTTP: {@code POST {baseUrl}/tokenize}. One body serves both known
 * shapes: vLLM reads {@code {"model","prompt","add_special_tokens"}} and answers {@code {"count",
 * "tokens"}}; llama.cpp reads {@code {"content"}} and answers {@code {"tokens":[...]}} (each ignores
 * the other's fields). Probed once per endpoint with a short text: usable only when it answers 2xx
 * with a positive count.
 */
final class TokenCounter {
  private static final Logger LOG = LoggerFactory.getLogger(TokenCounter.class);
  static final TokenCounter NONE = new TokenCounter(null, null, null, null, 0);
  private static final String PROBE = "Count these tokens, please.";

  private final WebClient web;
  private final String url;
  private final String model;
  private final String authorization;
  private final long timeoutMs;

  private TokenCounter(WebClient web, String url, String model, String authorization, long timeoutMs) {
    this.web = web;
    this.url = url;
    this.model = model;
    this.authorization = authorization;
    this.timeoutMs = timeoutMs;
  }

  boolean usable() {
    return web != null;
  }

  /** The counter of {@code baseUrl}, or {@link #NONE} when it has no usable tokenize route. */
  static Future<TokenCounter> probe(WebClient web, String baseUrl, String model, String authorization, long timeoutMs) {
    TokenCounter c = new TokenCounter(web, baseUrl + "/tokenize", model, authorization, Math.min(timeoutMs, 10_000));
    return c.count(PROBE)
        .map(n -> {
          if (n <= 0) {
            LOG.info("model server {} has no usable tokenize route (it counted 0 tokens)", baseUrl);
            return NONE;
          }
          LOG.info("model server {} has a tokenize route: per-choice completion tokens are counted with it", baseUrl);
          return c;
        })
        .otherwise(e -> {
          LOG.info("model server {} has no usable tokenize route ({})", baseUrl, e.getMessage());
          return NONE;
        });
  }

  /** The number of tokens of {@code text} by the server's tokenizer, special tokens excluded. */
  Future<Integer> count(String text) {
    if (text.isEmpty()) {
      return Future.succeededFuture(0);
    }
    var http = web.postAbs(url).timeout(timeoutMs);
    if (authorization != null) {
      http.putHeader("Authorization", authorization);
    }
    JsonObject body = new JsonObject().put("model", model).put("prompt", text).put("content", text)
        .put("add_special_tokens", false);
    return http.sendJsonObject(body).timeout(timeoutMs, TimeUnit.MILLISECONDS).compose(TokenCounter::parse);
  }

  private static Future<Integer> parse(HttpResponse<Buffer> r) {
    if (r.statusCode() / 100 != 2) {
      return Future.failedFuture("tokenize answered HTTP " + r.statusCode());
    }
    try {
      JsonObject json = r.bodyAsJsonObject();
      if (json.getValue("count") instanceof Number n) {
        return Future.succeededFuture(n.intValue());
      }
      if (json.getValue("tokens") instanceof JsonArray tokens) {
        return Future.succeededFuture(tokens.size());
      }
    } catch (RuntimeException e) {
      // not JSON: falls through
    }
    return Future.failedFuture("tokenize answered no count: " + ChatJson.excerpt(r.body()));
  }
}
