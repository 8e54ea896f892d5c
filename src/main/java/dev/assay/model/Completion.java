package dev.assay.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A successful chat completion.
 *
 * @param choices the text of each choice, in choice-index order; exactly the requested {@code n}
 *     (split into several requests or topped up when the server takes fewer)
 * @param usage token usage summed over the successful HTTP responses (an answer asked again one
 *     choice at a time still counts)
 * @param model the model name the server reported
 * @param attempts how many HTTP attempts it took (1 = one request, no retry)
 * @param latencyMs wall time from the first attempt to the parsed answer, retries included
 * @param simulated true when the server said it is the Assay simulator
 *     ({@code X-Assay-Simulated: true} or {@code system_fingerprint: "assay-simulated"})
 * @param choiceTokens per choice, the completion tokens the server generated for it
 * @param tokensEstimated true when {@code choiceTokens} could not be had from the server and are an
 *     estimate (the report says so); false when they are the server's own counts
 * @param toolCalls per choice, the OpenAI {@code tool_calls} the model made (empty when none)
 * @param truncated per choice, whether the server cut it at {@code max_tokens} ({@code finish_reason:
 *     length}): an unfinished answer
 */
public record Completion(List<String> choices, Usage usage, String model, int attempts,
    long latencyMs, boolean simulated, List<Integer> choiceTokens, boolean tokensEstimated,
    List<io.vertx.core.json.JsonArray> toolCalls, List<Boolean> truncated) {
  public Completion {
    if (truncated == null || truncated.size() != choices.size()) {
      truncated = choices.stream().map(c -> false).toList();
    }
    truncated = List.copyOf(truncated);
    choices = List.copyOf(choices);
    if (toolCalls == null || toolCalls.size() != choices.size()) {
      toolCalls = choices.stream().map(c -> new io.vertx.core.json.JsonArray()).toList();
    }
    toolCalls = List.copyOf(toolCalls);
    if (choiceTokens == null || choiceTokens.size() != choices.size()) {
      choiceTokens = split(choices, usage.completionTokens());
      tokensEstimated = tokensEstimated || choices.size() > 1;
    }
    choiceTokens = List.copyOf(choiceTokens);
  }

  public Completion(List<String> choices, Usage usage, String model, int attempts, long latencyMs, boolean simulated,
      List<Integer> choiceTokens, boolean tokensEstimated, List<io.vertx.core.json.JsonArray> toolCalls) {
    this(choices, usage, model, attempts, latencyMs, simulated, choiceTokens, tokensEstimated, toolCalls, null);
  }

  public Completion(List<String> choices, Usage usage, String model, int attempts, long latencyMs, boolean simulated,
      List<Integer> choiceTokens, boolean tokensEstimated) {
    this(choices, usage, model, attempts, latencyMs, simulated, choiceTokens, tokensEstimated, null, null);
  }

  public Completion(List<String> choices, Usage usage, String model, int attempts, long latencyMs, boolean simulated) {
    this(choices, usage, model, attempts, latencyMs, simulated, null, false);
  }

  /** A completion from a server not known to be simulated. */
  public Completion(List<String> choices, Usage usage, String model, int attempts, long latencyMs) {
    this(choices, usage, model, attempts, latencyMs, false);
  }

  /** A total split over the choices in proportion to their length (an estimate). */
  static List<Integer> split(List<String> choices, int total) {
    long chars = Math.max(1, choices.stream().mapToLong(s -> s == null ? 0 : s.length()).sum());
    List<Integer> out = new ArrayList<>();
    for (String c : choices) {
      out.add((int) Math.round(total * (double) (c == null ? 0 : c.length()) / chars));
    }
    return out;
  }
}
