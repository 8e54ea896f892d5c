package dev.assay.model;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Asks an OpenAI-compatible model for chat completions.
 *
 * <p>A request for n choices gets n choices however the server treats {@code n}: the client learns
 * each endpoint's limit and splits or tops up (see {@link HttpModelClient}); per-choice completion
 * tokens are the server's own counts unless marked estimated ({@link Completion#tokensEstimated()}).
 *
 * <p>Failures: the future fails with an {@link dev.assay.AssayException} of kind
 * {@code MODEL_UNAVAILABLE} when the server cannot be reached, keeps answering 5xx/429 or times
 * out for longer than {@link ModelOptions#maxOutageMs()} and its retries, answers another 4xx (at
 * once, naming status and body excerpt), or the bounded queue is full; {@code MODEL_BAD_OUTPUT} when
 * 2xx bodies kept not being chat completions. Every message names the endpoint's URL.
 */
public interface ModelClient {

  Future<Completion> complete(ChatRequest request);

  /** An HTTP client for {@code POST {baseUrl}/v1/chat/completions}; reads the API key from the environment. */
  static ModelClient create(Vertx vertx, ModelOptions options) {
    return new HttpModelClient(vertx, options, System::getenv, HttpModelClient.DEFAULT_MAX_QUEUED);
  }
}
