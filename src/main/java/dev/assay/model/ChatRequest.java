package dev.assay.model;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One chat-completion request. Sampling parameters default to {@link ModelOptions}; {@code options}
 * overrides them for this request.
 *
 * @param messages the conversation, never null
 * @param n how many choices to sample (at least 1)
 * @param seed the sampling seed sent to the server, or null to send none
 * @param task what the request is for ({@code solve/math}, {@code propose/code-tasks}, ...), sent as
 *     the {@code X-Assay-Task} header that real servers ignore; null for none
 * @param vars the variables the messages were rendered from (the problem, the example, k...); sent
 *     only to the simulated model (as {@code X-Assay-Vars}), so it never reads the prompt's wording
 * @param options per-request overrides (max_tokens, temperature, top_p, stop, extra_body)
 */
public record ChatRequest(List<ChatMessage> messages, int n, Long seed, String task, JsonObject vars,
    RequestOptions options) {
  public ChatRequest {
    messages = List.copyOf(messages);
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    vars = vars == null ? new JsonObject() : vars;
    options = options == null ? RequestOptions.DEFAULTS : options;
  }

  public ChatRequest(List<ChatMessage> messages, int n, Long seed) {
    this(messages, n, seed, null, null, null);
  }

  /** A single user message, {@code n} choices, with a seed. */
  public static ChatRequest of(String userPrompt, int n, Long seed) {
    return new ChatRequest(List.of(ChatMessage.user(userPrompt)), n, seed);
  }

  /** The same request for {@code m} choices with another seed (a split or a top-up). */
  public ChatRequest withN(int m, Long otherSeed) {
    return new ChatRequest(messages, m, otherSeed, task, vars, options);
  }
}
