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
 * the other's fields). {@link #probe} (once per endpoint, see {@link EndpointShape}) says whether
 * it is usable: it answers 2xx with a positive count for a short text. Each client counts with its
 * own HTTP client.
 */
final class TokenCounter {
  private static final Logger LOG = LoggerFactory.getLogger(TokenCounter.class);
  private static final String PROBE = "Count these tokens, please.";

  private final WebClient web;
  private final String url;
  private final String model;
  private final String authorization;
  private final long timeoutMs;

  TokenCounter(WebClient web, String baseUrl, String model, String authorization, long timeoutMs) {
    this.web = web;
    this.url = baseUrl + "/tokenize";
    this.model = model;
    this.authorization = authorization;
    this.timeoutMs = Math.min(timeoutMs, 10_000);
  }

  /** Whether the route answers with a positive count for a short text; never fails. */
  Future<Boolean> probe() {
    return count(PROBE)
        .map(n -> {
          if (n <= 0) {
            LOG.info("model server {} has no usable tokenize route (it counted 0 tokens)", url);
            return false;
          }
          LOG.info("model server {} answers: per-choice completion tokens are counted with it", url);
          return true;
        })
        .otherwise(e -> {
          LOG.info("model server has no usable tokenize route at {} ({})", url, e.getMessage());
          return false;
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
