package dev.assay.model;

import java.util.List;

/**
 * A successful chat completion.
 *
 * @param choices the text of each choice, in choice-index order (may hold fewer than the
 *     requested {@code n} when a server ignores {@code n})
 * @param usage token usage of the attempt that succeeded
 * @param model the model name the server reported
 * @param attempts how many HTTP attempts it took (1 = no retry)
 * @param latencyMs wall time from the first attempt to the parsed answer, retries included
 */
public record Completion(List<String> choices, Usage usage, String model, int attempts, long latencyMs) {
  public Completion {
    choices = List.copyOf(choices);
  }
}
