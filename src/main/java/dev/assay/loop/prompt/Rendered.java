package dev.assay.loop.prompt;

import dev.assay.model.ChatMessage;
import dev.assay.model.ChatRequest;
import dev.assay.model.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A template rendered for one request: the messages to send (system, few-shot turns, user), the
 * variables they came from, the task, the request options and where the answer must be.
 *
 * @param answerFormat where a math answer must be for strict extraction ({@code boxed}, ...), "" when not math
 */
public record Rendered(String task, List<ChatMessage> messages, JsonObject vars, RequestOptions options,
    String answerFormat) {
  public Rendered {
    messages = List.copyOf(messages);
  }

  /** The request for {@code n} choices with a seed. */
  public ChatRequest request(int n, long seed) {
    return new ChatRequest(messages, n, seed, task, vars, options);
  }

  /** The user message (the last one). */
  public String user() {
    return messages.get(messages.size() - 1).content();
  }
}
