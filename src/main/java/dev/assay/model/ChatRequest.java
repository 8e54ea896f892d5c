package dev.assay.model;

import java.util.List;

/**
 * One chat-completion request. Sampling parameters (temperature, top_p, max_tokens) come from
 * {@link ModelOptions}; this carries what varies per call.
 *
 * @param messages the conversation, never null
 * @param n how many choices to sample (at least 1)
 * @param seed the sampling seed sent to the server, or null to send none
 */
public record ChatRequest(List<ChatMessage> messages, int n, Long seed) {
  public ChatRequest {
    messages = List.copyOf(messages);
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
  }

  /** A single user message, {@code n} choices, with a seed. */
  public static ChatRequest of(String userPrompt, int n, Long seed) {
    return new ChatRequest(List.of(ChatMessage.user(userPrompt)), n, seed);
  }
}
